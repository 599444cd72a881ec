import { ERROR_CODES } from '@gavel/core';
import { ERROR_CODE_LIST, ErrorCode, ErrorEnvelope } from '@gavel/contracts';
import { isRight } from 'fp-ts/Either';

describe('ErrorCode', () => {
  it('has exactly the codes of the core, no more, no fewer', () => {
    expect([...ERROR_CODE_LIST].sort()).toEqual([...ERROR_CODES].sort());
    expect(new Set(ERROR_CODE_LIST).size).toBe(ERROR_CODE_LIST.length);
  });

  it('holds the codes SPEC requires at least', () => {
    const required = [
      'VALIDATION_ERROR', 'MISSING_TOKEN', 'INVALID_TOKEN', 'INVALID_CREDENTIALS', 'ACCOUNT_INACTIVE', 'FORBIDDEN',
      'NOT_FOUND', 'AUCTION_NOT_FOUND', 'AUCTION_NOT_LIVE', 'BID_TOO_LOW', 'BID_AFTER_END', 'CANNOT_BID_OWN_AUCTION',
      'ALREADY_HIGHEST_BIDDER', 'RATE_LIMIT_EXCEEDED', 'EMAIL_ALREADY_EXISTS', 'USERNAME_ALREADY_EXISTS',
      'IDEMPOTENCY_KEY_REUSED', 'PAYLOAD_TOO_LARGE', 'INTERNAL_ERROR',
    ];
    expect(ERROR_CODE_LIST).toEqual(expect.arrayContaining(required));
  });

  it('decodes every core code and refuses anything else', () => {
    for (const code of ERROR_CODES) expect(isRight(ErrorCode.decode(code))).toBe(true);
    for (const bad of ['bid_too_low', 'TEAPOT', '', 42, null]) expect(isRight(ErrorCode.decode(bad))).toBe(false);
  });

  it('is what an error envelope carries', () => {
    const body = { success: false, error: 'Bid amount is too low', code: 'BID_TOO_LOW', message: 'min 1050', timestamp: '2026-01-01T12:00:00.000Z' };
    expect(isRight(ErrorEnvelope.decode(body))).toBe(true);
    expect(isRight(ErrorEnvelope.decode({ ...body, code: 'SOMETHING_ELSE' }))).toBe(false);
  });
});
