import { decode, ErrorEnvelope, SuccessEnvelope, Uuid } from '@gavel/contracts';
import * as t from 'io-ts';

const TS = '2026-01-01T12:00:00.000Z';
const Data = t.strict({ id: Uuid }, 'Thing');
const Envelope = SuccessEnvelope(Data);
const ID = '5e11e000-0000-4000-8000-000000000001';

describe('SuccessEnvelope', () => {
  it('wraps data with success: true and a timestamp, message optional', () => {
    expect(decode(Envelope, { success: true, data: { id: ID }, timestamp: TS })).toEqual({ ok: true, value: { success: true, data: { id: ID }, timestamp: TS } });
    expect(decode(Envelope, { success: true, data: { id: ID }, message: 'Created', timestamp: TS }).ok).toBe(true);
    expect(Envelope.name).toBe('SuccessEnvelope<Thing>');
  });

  it('strips what is not part of the envelope, on decode and on encode', () => {
    const withExtra = { success: true, data: { id: ID, secret: 'x' }, timestamp: TS, debug: 'stack' };
    expect(decode(Envelope, withExtra)).toEqual({ ok: true, value: { success: true, data: { id: ID }, timestamp: TS } });
    expect(Envelope.encode(withExtra as never)).toEqual({ success: true, data: { id: ID }, timestamp: TS });
  });

  it('refuses success: false, a missing timestamp and bad data', () => {
    expect(decode(Envelope, { success: false, data: { id: ID }, timestamp: TS })).toEqual({ ok: false, details: { success: 'must be true' } });
    expect(decode(Envelope, { success: true, data: { id: 'nope' } })).toEqual({
      ok: false,
      details: { 'data.id': 'must be a UUID', timestamp: 'is required' },
    });
  });
});

describe('ErrorEnvelope', () => {
  const body = { success: false, error: 'Validation failed', code: 'VALIDATION_ERROR', message: 'bid_amount is invalid', timestamp: TS };

  it('carries error, code, message, timestamp and optional per-field details', () => {
    expect(decode(ErrorEnvelope, body).ok).toBe(true);
    expect(decode(ErrorEnvelope, { ...body, details: { bid_amount: 'must be a positive integer amount' } })).toEqual({
      ok: true,
      value: { ...body, details: { bid_amount: 'must be a positive integer amount' } },
    });
  });

  it('refuses an unknown code, a missing message and non-string details', () => {
    const { message: _omitted, ...noMessage } = body;
    expect(decode(ErrorEnvelope, { ...noMessage, code: 'OOPS', details: { a: 1 } })).toEqual({
      ok: false,
      details: {
        code: expect.stringContaining('one of VALIDATION_ERROR, MISSING_TOKEN'),
        message: 'is required',
        'details.a': 'must be a string',
      },
    });
  });
});
