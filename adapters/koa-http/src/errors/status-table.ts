import type { ErrorCode } from '@gavel/contracts';

/**
 * The one table from error code to HTTP status (CONVENTIONS 5: adapters alone map codes, in one
 * table each). A `Record` over the union: a code added to `contracts` fails compilation here
 * until it is given a status. Business-rule refusals are 400 as in seed 003 ("400 - validation
 * error, bid too low, etc") and seed 000 (cancelling with bids, editing after bids); duplicates
 * and reused keys are 409 as SPEC lists.
 */
export const STATUS_OF_CODE: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  MISSING_TOKEN: 401,
  INVALID_TOKEN: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_INACTIVE: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  AUCTION_NOT_FOUND: 404,
  AUCTION_NOT_LIVE: 400,
  BID_TOO_LOW: 400,
  BID_TOO_HIGH: 400,
  BID_AFTER_END: 400,
  CANNOT_BID_OWN_AUCTION: 400,
  ALREADY_HIGHEST_BIDDER: 400,
  RATE_LIMIT_EXCEEDED: 429,
  EMAIL_ALREADY_EXISTS: 409,
  USERNAME_ALREADY_EXISTS: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 400,
  AUCTION_HAS_BIDS: 400,
  AUCTION_NOT_ENDED: 400,
  BUY_NOW_UNAVAILABLE: 400,
  // An optimistic-lock failure the adapter could not retry away: the client may retry.
  CONCURRENT_MODIFICATION: 409,
};

export const statusOfCode = (code: ErrorCode): number => STATUS_OF_CODE[code];
