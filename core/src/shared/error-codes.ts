/**
 * Every machine-readable code Gavel can answer with. SPEC lists the first nineteen (seed 003
 * names most of them); the rest cover rules SPEC states without naming a code. `contracts`
 * keeps its own io-ts union and a compile-time check in `tests/` keeps the two equal.
 */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'MISSING_TOKEN',
  'INVALID_TOKEN',
  'INVALID_CREDENTIALS',
  'ACCOUNT_INACTIVE',
  'FORBIDDEN',
  'NOT_FOUND',
  'AUCTION_NOT_FOUND',
  'AUCTION_NOT_LIVE',
  'BID_TOO_LOW',
  'BID_TOO_HIGH',
  'BID_AFTER_END',
  'CANNOT_BID_OWN_AUCTION',
  'ALREADY_HIGHEST_BIDDER',
  'RATE_LIMIT_EXCEEDED',
  'EMAIL_ALREADY_EXISTS',
  'USERNAME_ALREADY_EXISTS',
  'IDEMPOTENCY_KEY_REUSED',
  'PAYLOAD_TOO_LARGE',
  'INTERNAL_ERROR',
  'INVALID_STATE',
  'AUCTION_HAS_BIDS',
  'AUCTION_NOT_ENDED',
  'BUY_NOW_UNAVAILABLE',
  'CONCURRENT_MODIFICATION',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
