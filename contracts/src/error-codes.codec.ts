import * as t from 'io-ts';

/**
 * Every machine-readable error code, as one union (SPEC, "Error codes are one union in
 * `contracts`"). Kept equal to core's `ERROR_CODES` by a compile-time check in tests/codecs.
 */
export const ErrorCode = t.keyof(
  {
    VALIDATION_ERROR: null,
    MISSING_TOKEN: null,
    INVALID_TOKEN: null,
    INVALID_CREDENTIALS: null,
    ACCOUNT_INACTIVE: null,
    FORBIDDEN: null,
    NOT_FOUND: null,
    AUCTION_NOT_FOUND: null,
    AUCTION_NOT_LIVE: null,
    BID_TOO_LOW: null,
    BID_TOO_HIGH: null,
    BID_AFTER_END: null,
    CANNOT_BID_OWN_AUCTION: null,
    ALREADY_HIGHEST_BIDDER: null,
    RATE_LIMIT_EXCEEDED: null,
    EMAIL_ALREADY_EXISTS: null,
    USERNAME_ALREADY_EXISTS: null,
    IDEMPOTENCY_KEY_REUSED: null,
    PAYLOAD_TOO_LARGE: null,
    INTERNAL_ERROR: null,
    INVALID_STATE: null,
    AUCTION_HAS_BIDS: null,
    AUCTION_NOT_ENDED: null,
    BUY_NOW_UNAVAILABLE: null,
    CONCURRENT_MODIFICATION: null,
  },
  'ErrorCode',
);
export type ErrorCode = t.TypeOf<typeof ErrorCode>;

/** The codes as a list, in declaration order (docs, the OpenAPI enum, exhaustive tables). */
export const ERROR_CODE_LIST = Object.keys(ErrorCode.keys) as readonly ErrorCode[];
