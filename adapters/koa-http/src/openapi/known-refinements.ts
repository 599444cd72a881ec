import {
  MAX_DESCRIPTION, MAX_EXTENSION_SECONDS, MAX_INCREMENT_TIERS, MAX_LIMIT, MAX_STATUS_IDS, MAX_TITLE,
} from '@gavel/contracts';
import type { JsonSchema } from './json-schema.types';

/**
 * What each named refinement of the contracts accepts, as JSON Schema keywords laid over its
 * base's schema (`Amount` is `number` narrowed to `integer ≥ 0`). io-ts keeps a refinement's
 * predicate as an opaque function, so its bounds cannot be read back: they are written here,
 * from the contracts' own constants where it exports them. A unit test walks every codec of
 * `@gavel/contracts` and fails on a refinement missing from this table, and checks each entry
 * against its codec at the bounds, so the two cannot drift apart unnoticed.
 */
export const KNOWN_REFINEMENTS: Readonly<Record<string, JsonSchema>> = {
  // primitives.codec.ts
  Uuid: { format: 'uuid' },
  // The contracts accept UTC only (`...Z`), which `date-time` alone does not say.
  IsoDateTime: { format: 'date-time', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$' },
  Amount: { type: 'integer', minimum: 0 },
  PositiveAmount: { type: 'integer', minimum: 1 },
  NonNegativeInt: { type: 'integer', minimum: 0 },
  PositiveInt: { type: 'integer', minimum: 1 },
  CurrencyCode: { pattern: '^[A-Z]{3}$' },
  Bps: { type: 'integer', minimum: 0, maximum: 10_000 },
  CategoryId: { pattern: '^[a-z0-9][a-z0-9-]{0,63}$' },
  // io-ts's own `t.Int`.
  Int: { type: 'integer' },
  // query.codec.ts, pagination.codec.ts (bases are IntFromString, already `integer`)
  AmountFromString: { minimum: 0 },
  PageNumber: { minimum: 1 },
  PageLimit: { minimum: 1, maximum: MAX_LIMIT },
  // auth.codec.ts. `boundedString` refuses a blank text: `\S` (unanchored) says "not only spaces".
  Email: { format: 'email', maxLength: 254 },
  Username: { pattern: '^[A-Za-z0-9_.-]{3,32}$', minLength: 3, maxLength: 32 },
  NewPassword: { minLength: 8, maxLength: 128 },
  Password: { minLength: 1, maxLength: 1024 },
  Token: { minLength: 1, maxLength: 4096 },
  PersonName: { minLength: 1, maxLength: 100, pattern: '\\S' },
  // auction-requests.codec.ts, auction-parts.codec.ts, auction-queries.codec.ts
  Title: { minLength: 1, maxLength: MAX_TITLE, pattern: '\\S' },
  Description: { maxLength: MAX_DESCRIPTION },
  IncrementTable: { minItems: 1, maxItems: MAX_INCREMENT_TIERS },
  ExtensionSeconds: { type: 'integer', minimum: 0, maximum: MAX_EXTENSION_SECONDS },
  SearchText: { minLength: 1, maxLength: 200, pattern: '\\S' },
  // admin.codec.ts
  CategoryName: { minLength: 1, maxLength: 100, pattern: '\\S' },
  // bids.codec.ts
  OfferDescription: { maxLength: 5_000 },
  OfferDuration: { maxLength: 200 },
  OfferNotes: { maxLength: 2_000 },
};

/**
 * Hand-written `new t.Type(...)` codecs (no `_tag`), by name. Query-string numbers and booleans
 * travel as text but mean integers and booleans, which is how OpenAPI describes a query parameter.
 */
export const KNOWN_CUSTOM_TYPES: Readonly<Record<string, JsonSchema>> = {
  IntFromString: { type: 'integer' },
  BooleanFromString: { type: 'boolean' },
  // `?ids=a,b,c`: the document marks array query parameters `explode: false` (comma-separated).
  UuidList: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: MAX_STATUS_IDS, uniqueItems: true },
};
