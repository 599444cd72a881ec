import fc from 'fast-check';

/**
 * fast-check arbitraries that produce request bodies and query strings as raw text, so they can
 * hold what a JS object cannot carry through JSON.stringify: own `__proto__` keys, numbers JSON
 * parses to Infinity (`1e999`) or rounds (`123456789012345678901234567890`), duplicate keys.
 */

/** encodeURIComponent, with lone surrogates (which it refuses) replaced; raw invalid UTF-8 is sent apart. */
export const encode = (s: string): string =>
  encodeURIComponent(s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** Keys attackers try, next to any text. */
export const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'] as const;

/** Numbers at the edges of what a codec, the core or a database column accepts. */
export const edgeNumbers = fc.constantFrom(
  0, -0, 1, -1, 0.5, -1.5, 1e-9, 99.99, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 1e21, 1e308, -1e308,
  Number.MIN_VALUE, Number.MAX_SAFE_INTEGER - 100, 10_000, 10_001, 86_400, 86_401,
);

/** A number as JSON text, including tokens JSON.parse turns into Infinity or rounds. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  edgeNumbers.map((n) => JSON.stringify(n)),
  fc.constantFrom('1e999', '-1e999', '123456789012345678901234567890', '-0.0', '1E2', '0.1e1', '9007199254740993'),
);

const LONG = 'x'.repeat(5_000);

export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', LONG, '\u0001\u001f', '\ud800', '%', "'; DROP TABLE users; --", '%_\\', '<script>', 'null', '1', 'true', '__proto__') },
);

export const stringText = anyString.map((s) => JSON.stringify(s));

export const keyText: fc.Arbitrary<string> = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...POLLUTION_KEYS) }, { weight: 3, arbitrary: fc.string({ maxLength: 12 }) });

const objectOf = (entries: readonly (readonly [string, string])[]): string => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;

/** Any JSON value as text: scalars, strings, deep arrays and objects with hostile keys. */
export const jsonText: fc.Arbitrary<string> = fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberText, stringText, fc.constantFrom('true', 'false', 'null'), tie('array'), tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 5 }).map((xs) => `[${xs.join(',')}]`),
  object: fc.array(fc.tuple(keyText, tie('value')), { maxLength: 6 }).map(objectOf),
})).value;

/** Prototype-pollution payloads as whole members: `"__proto__": {...}` and `"constructor": {"prototype": {...}}`. */
export const pollutionMember: fc.Arbitrary<readonly [string, string]> = fc.constantFrom(
  ['__proto__', '{"polluted":"yes","role":"admin","isAdmin":true}'] as const,
  ['constructor', '{"prototype":{"polluted":"yes","role":"admin"}}'] as const,
  ['__proto__', '[1,2]'] as const,
  ['prototype', '{"polluted":"yes"}'] as const,
);

type Entries = (readonly [string, string])[];
type Mutation = readonly ['replace' | 'delete' | 'add' | 'repeat', string, string];

/** Up to `max` changes to a valid set of entries: a field replaced by anything, dropped, repeated, or a member added. */
const mutations = (keys: readonly string[], junk: fc.Arbitrary<string>, extraKey: fc.Arbitrary<string>, max: number): fc.Arbitrary<Mutation[]> => {
  const key = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant('x');
  return fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.constant('replace' as const), key, junk) },
      { weight: 2, arbitrary: fc.tuple(fc.constant('delete' as const), key, fc.constant('')) },
      { weight: 1, arbitrary: fc.tuple(fc.constant('repeat' as const), key, junk) },
      { weight: 2, arbitrary: fc.tuple(fc.constant('add' as const), extraKey, junk) },
    ),
    { maxLength: max },
  );
};

const apply = (entries: Entries, changes: readonly Mutation[]): Entries => {
  let out = [...entries];
  for (const [kind, key, value] of changes) {
    if (kind === 'replace') out = out.some(([k]) => k === key) ? out.map(([k, v]) => (k === key ? [k, value] as const : [k, v] as const)) : [...out, [key, value]];
    else if (kind === 'delete') out = out.filter(([k]) => k !== key);
    else out = [...out, [key, value]];
  }
  return out;
};

/** A valid object of `required` fields and some of the `optional` ones. */
export const fields = (
  required: Readonly<Record<string, fc.Arbitrary<unknown>>>,
  optional: Readonly<Record<string, fc.Arbitrary<unknown>>> = {},
): fc.Arbitrary<Record<string, unknown>> =>
  fc.tuple(fc.record(required), fc.record(optional, { requiredKeys: [] })).map(([r, o]) => ({ ...r, ...o }));

/** Half the time nothing changes, else one to three mutations. */
const someMutations = (keys: readonly string[], junk: fc.Arbitrary<string>, extraKey: fc.Arbitrary<string>): fc.Arbitrary<Mutation[]> =>
  fc.oneof(fc.constant([] as Mutation[]), mutations(keys, junk, extraKey, 3).filter((m) => m.length > 0));

/**
 * A route's JSON body as text: a valid object (reaching the core and the database), then maybe
 * mutations (a field replaced by any JSON, dropped, repeated, a hostile member added) and now
 * and then a prototype-pollution member; sometimes any JSON at all instead.
 */
export const bodyFor = (valid: fc.Arbitrary<Record<string, unknown>>, keys: readonly string[]): fc.Arbitrary<string> => {
  const entries = valid.map((o): Entries => Object.entries(o).map(([k, v]) => [k, JSON.stringify(v)] as const));
  const pollution = fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: pollutionMember });
  const object = fc.tuple(entries, someMutations(keys, jsonText, keyText), pollution)
    .map(([es, changes, p]) => objectOf([...apply(es, changes), ...(p ? [p] : [])]));
  return fc.oneof({ weight: 8, arbitrary: object }, { weight: 1, arbitrary: jsonText });
};

/**
 * A query string: valid values for the named params (each present at random), then mutations
 * (a value replaced by encoded text or raw junk, a param dropped, repeated, or an unknown one).
 */
export const queryFor = (params: Readonly<Record<string, fc.Arbitrary<string>>>): fc.Arbitrary<string> => {
  const valid = fc.record(params, { requiredKeys: [] }).map((r): Entries => Object.entries(r as Record<string, string>).map(([k, v]) => [k, encode(v)] as const));
  const junk = fc.oneof(
    { weight: 3, arbitrary: anyString.map(encode) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%01', '', '+', '%2B', 'a%26b%3Dc', '%5B%5D', '-1', '0', '1e3', '9999999999999999999') },
  );
  const extra = fc.oneof(fc.constantFrom('__proto__', 'constructor', '__proto__[role]', 'page[]', 'limit[$gt]', 'toString'), fc.string({ maxLength: 6 }).map(encode));
  return fc.tuple(valid, someMutations(Object.keys(params), junk, extra))
    .map(([entries, changes]) => apply(entries, changes).map(([k, v]) => `${k}=${v}`).join('&'));
};

/** A path segment: a known id, a random UUID, or anything (encoded, or raw junk). */
export const pathSegment = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...known) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: anyString.filter((s) => s.length > 0).map(encode) },
    { weight: 1, arbitrary: fc.constantFrom('%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%2e%2e', '..', '%2F', 'null', 'undefined', '00000000-0000-0000-0000-000000000000', 'x'.repeat(3000)) },
  );

/** ISO times around now, impossible dates and non-dates. */
export const isoTimes = (now: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: -86_400, max: 7 * 86_400 }).map((s) => new Date(now + s * 1000).toISOString()),
    fc.constantFrom('2026-02-30T00:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '2030-01-01', 'tomorrow', '2030-01-01T00:00:00+02:00', '2030-01-01T24:00:00Z'),
  );
