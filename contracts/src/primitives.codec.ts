import * as t from 'io-ts';

/**
 * The scalars every other codec is built from. Each is an io-ts brand with a name: the name is
 * what error details and the OpenAPI generator read, the brand keeps a decoded value apart from
 * an unchecked one (CONVENTIONS: "ids are branded string types decoded at the edge").
 */
export type Brand<N extends string> = { readonly [K in N]: symbol };

/** A named brand of `codec` holding the values that pass `ok`. */
export const refine = <C extends t.Any, N extends string>(codec: C, ok: (a: t.TypeOf<C>) => boolean, name: N) =>
  t.brand(codec, (a): a is t.Branded<t.TypeOf<C>, Brand<N>> => ok(a), name);

/** `X | null`, for the fields views and patches may leave empty. */
export const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null], `${codec.name} | null`);

// Same pattern as core's `isUuid`: versions 1 to 8, RFC 4122 variant.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const Uuid = refine(t.string, (s) => UUID.test(s), 'Uuid');
export type Uuid = t.TypeOf<typeof Uuid>;

// SPEC: times are ISO 8601 UTC (`...Z`) on the wire. The round trip through Date rejects
// impossible dates (February 30th, hour 24) that Date.parse would silently roll over.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const isIsoUtc = (s: string): boolean => {
  if (!ISO_UTC.test(s)) return false;
  const ms = Date.parse(s);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === s.slice(0, 19);
};
export const IsoDateTime = refine(t.string, isIsoUtc, 'IsoDateTime');
export type IsoDateTime = t.TypeOf<typeof IsoDateTime>;

/** Integer minor units of a currency (SPEC: never floats). */
export const Amount = refine(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'Amount');
export type Amount = t.TypeOf<typeof Amount>;
export const PositiveAmount = refine(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveAmount');
export type PositiveAmount = t.TypeOf<typeof PositiveAmount>;

/** Counts, sequence numbers, seconds, epoch milliseconds. */
export const NonNegativeInt = refine(t.number, (n) => Number.isSafeInteger(n) && n >= 0, 'NonNegativeInt');
export type NonNegativeInt = t.TypeOf<typeof NonNegativeInt>;
export const PositiveInt = refine(t.number, (n) => Number.isSafeInteger(n) && n > 0, 'PositiveInt');
export type PositiveInt = t.TypeOf<typeof PositiveInt>;

/** ISO 4217 shape; whether the code exists is the core's check (it knows the minor units). */
export const CurrencyCode = refine(t.string, (s) => /^[A-Z]{3}$/.test(s), 'CurrencyCode');
export type CurrencyCode = t.TypeOf<typeof CurrencyCode>;

/** A rate in basis points: 500 = 5 %. */
export const Bps = refine(t.number, (n) => Number.isInteger(n) && n >= 0 && n <= 10_000, 'Bps');
export type Bps = t.TypeOf<typeof Bps>;

/** A string of `min` to `max` characters once trimmed (the value itself is kept as sent). */
export const boundedString = <N extends string>(name: N, min: number, max: number) =>
  refine(t.string, (s) => s.trim().length >= min && s.length <= max, name);

/** A category id: a slug such as `electronics` or a UUID (lower-case letters, digits, dashes). */
export const CategoryId = refine(t.string, (s) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(s), 'CategoryId');
