import {
  Amount, Bps, BooleanFromString, CurrencyCode, decode, IntFromString, IsoDateTime, Paginated, PaginationQuery,
  PositiveAmount, Uuid,
} from '@gavel/contracts';
import { isRight } from 'fp-ts/Either';
import * as t from 'io-ts';

const accepts = (codec: t.Decoder<unknown, unknown>, value: unknown) => isRight(codec.decode(value));

describe('Uuid', () => {
  it.each(['5e11e000-0000-4000-8000-000000000001', '018f3c1e-7b2a-7c3d-9e4f-0123456789ab', 'A11CE000-0000-4000-8000-000000000002'])(
    'accepts %s', (v) => expect(accepts(Uuid, v)).toBe(true),
  );
  it.each(['', 'not-a-uuid', '5e11e000-0000-0000-8000-000000000001', '5e11e000-0000-4000-c000-000000000001', '5e11e000000040008000000000000001', 42, null])(
    'refuses %p', (v) => expect(accepts(Uuid, v)).toBe(false),
  );
});

describe('IsoDateTime', () => {
  it.each(['2026-01-01T12:00:00.000Z', '2026-01-01T12:00:00Z', '2026-02-28T23:59:59.5Z'])('accepts %s', (v) => expect(accepts(IsoDateTime, v)).toBe(true));
  it.each(['2026-02-17T10:04:39+07:00', '2026-01-01', '2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-13-01T00:00:00Z', 'yesterday', 1767268800000])(
    'refuses %p', (v) => expect(accepts(IsoDateTime, v)).toBe(false),
  );
});

describe('amounts and rates', () => {
  it('Amount takes safe integers from 0', () => {
    for (const v of [0, 1, 1_500_000, Number.MAX_SAFE_INTEGER]) expect(accepts(Amount, v)).toBe(true);
    for (const v of [-1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Infinity, '100', null]) expect(accepts(Amount, v)).toBe(false);
  });

  it('PositiveAmount refuses 0 as well', () => {
    expect(accepts(PositiveAmount, 1)).toBe(true);
    for (const v of [0, -5, 10.01, '10']) expect(accepts(PositiveAmount, v)).toBe(false);
  });

  it('CurrencyCode is three capital letters', () => {
    expect(accepts(CurrencyCode, 'USD')).toBe(true);
    for (const v of ['usd', 'US', 'USDT', 'U$D', 840]) expect(accepts(CurrencyCode, v)).toBe(false);
  });

  it('Bps is an integer from 0 to 10000', () => {
    for (const v of [0, 500, 10_000]) expect(accepts(Bps, v)).toBe(true);
    for (const v of [-1, 10_001, 2.5, '500']) expect(accepts(Bps, v)).toBe(false);
  });
});

describe('query-string numbers', () => {
  it('IntFromString reads digits and numbers, nothing looser', () => {
    expect(IntFromString.decode('42')).toEqual({ _tag: 'Right', right: 42 });
    expect(IntFromString.decode(7)).toEqual({ _tag: 'Right', right: 7 });
    expect(IntFromString.decode('-3')).toEqual({ _tag: 'Right', right: -3 });
    for (const v of ['', ' 4', '4.0', '0x10', '1e3', 'abc', '99999999999999999', 1.5, ['1'], null]) expect(accepts(IntFromString, v)).toBe(false);
    expect(IntFromString.encode(42)).toBe('42');
  });

  it('BooleanFromString reads true and false', () => {
    expect(BooleanFromString.decode('true')).toEqual({ _tag: 'Right', right: true });
    expect(BooleanFromString.decode('false')).toEqual({ _tag: 'Right', right: false });
    expect(accepts(BooleanFromString, 'yes')).toBe(false);
  });

  it('PaginationQuery turns strings into numbers and enforces the bounds', () => {
    expect(decode(PaginationQuery, { page: '2', limit: '50' })).toEqual({ ok: true, value: { page: 2, limit: 50 } });
    expect(decode(PaginationQuery, {})).toEqual({ ok: true, value: {} });
    expect(decode(PaginationQuery, { page: '0', limit: '101' })).toEqual({
      ok: false,
      details: { page: 'must be an integer of at least 1', limit: 'must be an integer from 1 to 100' },
    });
    expect(decode(PaginationQuery, { limit: '20abc' })).toEqual({ ok: false, details: { limit: 'must be an integer from 1 to 100' } });
  });
});

describe('Paginated', () => {
  const Page = Paginated(t.strict({ id: Uuid }, 'Item'));

  it('is { items, pagination: { page, limit, total, pages } }', () => {
    const body = { items: [{ id: '5e11e000-0000-4000-8000-000000000001' }], pagination: { page: 1, limit: 20, total: 1, pages: 1 } };
    expect(decode(Page, body)).toEqual({ ok: true, value: body });
    expect(Page.name).toBe('Paginated<Item>');
  });

  it('points at the bad item and the bad counter', () => {
    const body = { items: [{ id: 'x' }], pagination: { page: 1, limit: 20, total: -1, pages: 0 } };
    expect(decode(Page, body)).toEqual({
      ok: false,
      details: { 'items.0.id': 'must be a UUID', 'pagination.total': 'must be a non-negative integer' },
    });
  });
});
