import {
  AuctionIdParam, AuctionListQuery, CreateAuctionRequest, decode, IdParam, incrementRuleOf, UpdateAuctionRequest,
} from '@gavel/contracts';

const body = {
  title: 'Vintage camera',
  description: 'A working rangefinder',
  type: 'forward',
  currency: 'USD',
  startingPrice: 1_000,
  endTime: '2026-01-01T13:00:00.000Z',
};
const CATEGORY = 'ca7e0000-0000-4000-8000-000000000001';

describe('CreateAuctionRequest', () => {
  it('takes the minimal SPEC body', () => {
    expect(decode(CreateAuctionRequest, body)).toEqual({ ok: true, value: body });
  });

  it('takes every optional term', () => {
    const full = {
      ...body, categoryId: CATEGORY, reservePrice: 5_000, buyNowPrice: 10_000, increment: 'table', startTime: '2026-01-01T12:30:00.000Z',
      extension: { windowSeconds: 120, extendBySeconds: 60 }, commissionBps: 500, buyerPremiumBps: 250, shippingCost: 1_200, publish: true,
    };
    expect(decode(CreateAuctionRequest, full)).toEqual({ ok: true, value: full });
    const reverse = { ...body, type: 'reverse', startingPrice: 200_000, budgetMax: 200_000, increment: 1_000 };
    expect(decode(CreateAuctionRequest, reverse)).toEqual({ ok: true, value: reverse });
  });

  it('strips what only the server decides (mass assignment)', () => {
    const attack = { ...body, sellerId: 'ad310000-0000-4000-8000-000000000005', currentPrice: 1, status: 'ENDED', role: 'admin', bidCount: 99, winnerId: 'x' };
    const decoded = decode(CreateAuctionRequest, attack);
    expect(decoded).toEqual({ ok: true, value: body });
    expect(decoded.ok && Object.keys(decoded.value)).not.toEqual(expect.arrayContaining(['sellerId']));
    const nested = decode(CreateAuctionRequest, { ...body, extension: { windowSeconds: 0, extendBySeconds: 0, bonus: 1 } });
    expect(nested.ok && nested.value.extension).toEqual({ windowSeconds: 0, extendBySeconds: 0 });
  });

  it('names every bad and missing field', () => {
    const { title: _t, endTime: _e, ...partial } = body;
    expect(decode(CreateAuctionRequest, { ...partial, type: 'dutch', currency: 'usd', startingPrice: 10.5 })).toEqual({
      ok: false,
      details: {
        title: 'is required',
        type: 'must be one of forward, reverse',
        currency: 'must be a 3-letter ISO 4217 currency code',
        startingPrice: 'must be a positive integer amount in minor units',
        endTime: 'is required',
      },
    });
    expect(decode(CreateAuctionRequest, { ...body, title: '  ', endTime: '2026-01-01 13:00', commissionBps: 10_001 })).toEqual({
      ok: false,
      details: {
        title: 'must be a text of 1 to 200 characters',
        endTime: 'must be an ISO 8601 UTC date-time such as 2026-01-01T12:00:00.000Z',
        commissionBps: 'must be an integer from 0 to 10000 (basis points)',
      },
    });
  });

  it('points inside nested objects', () => {
    expect(decode(CreateAuctionRequest, { ...body, extension: { windowSeconds: -1 } })).toEqual({
      ok: false,
      details: { 'extension.windowSeconds': 'must be an integer from 0 to 86400 (seconds)', 'extension.extendBySeconds': 'is required' },
    });
    expect(decode(CreateAuctionRequest, { ...body, extension: 120 })).toEqual({ ok: false, details: { extension: 'must be an object' } });
  });

  it('takes the three forms of increment and says which it wanted', () => {
    for (const increment of [50, 'table', [{ from: 0, increment: 50 }, { from: 10_000, increment: 250 }]]) {
      expect(decode(CreateAuctionRequest, { ...body, increment }).ok).toBe(true);
    }
    expect(decode(CreateAuctionRequest, { ...body, increment: 2.5 })).toEqual({
      ok: false,
      details: { increment: 'must be a positive integer amount in minor units or "table" or a list of 1 to 50 tiers { from, increment }' },
    });
    expect(decode(CreateAuctionRequest, { ...body, increment: [{ from: 0, increment: 50 }, { from: -1, increment: 0 }] })).toEqual({
      ok: false,
      details: {
        'increment.1.from': 'must be a non-negative integer amount in minor units',
        'increment.1.increment': 'must be a positive integer amount in minor units',
      },
    });
    expect(decode(CreateAuctionRequest, { ...body, increment: [] })).toEqual({
      ok: false,
      details: { increment: 'must be a positive integer amount in minor units or "table" or a list of 1 to 50 tiers { from, increment }' },
    });
  });

  it('maps an increment to the core rule', () => {
    expect(incrementRuleOf(50 as never)).toEqual({ kind: 'fixed', amount: 50 });
    expect(incrementRuleOf('table')).toBe('table');
    expect(incrementRuleOf([{ from: 0, increment: 5 }] as never)).toEqual({ kind: 'table', tiers: [{ from: 0, increment: 5 }] });
  });
});

describe('UpdateAuctionRequest', () => {
  it('makes every term optional and lets null clear the optional ones', () => {
    expect(decode(UpdateAuctionRequest, {})).toEqual({ ok: true, value: {} });
    const patch = { description: 'Now with a lens', reservePrice: null, buyNowPrice: null, startTime: null, categoryId: null, endTime: '2026-01-02T00:00:00.000Z' };
    expect(decode(UpdateAuctionRequest, patch)).toEqual({ ok: true, value: patch });
  });

  it('does not patch type, currency or server-owned fields', () => {
    expect(decode(UpdateAuctionRequest, { type: 'reverse', currency: 'EUR', sellerId: 'x', status: 'LIVE', title: 'New' })).toEqual({ ok: true, value: { title: 'New' } });
  });

  it('still checks what it takes', () => {
    expect(decode(UpdateAuctionRequest, { reservePrice: -1, startingPrice: null, title: '' })).toEqual({
      ok: false,
      details: {
        reservePrice: 'must be a positive integer amount in minor units or null',
        startingPrice: 'must be a positive integer amount in minor units',
        title: 'must be a text of 1 to 200 characters',
      },
    });
  });
});

describe('AuctionListQuery', () => {
  it('reads filters, sorts and pages from query-string text', () => {
    const query = { status: 'LIVE', categoryId: CATEGORY, sellerId: '5e11e000-0000-4000-8000-000000000001', q: 'camera', minPrice: '1000', maxPrice: '50000', sort: 'ending_soon', page: '2', limit: '50' };
    expect(decode(AuctionListQuery, query)).toEqual({ ok: true, value: { ...query, minPrice: 1_000, maxPrice: 50_000, page: 2, limit: 50 } });
    expect(decode(AuctionListQuery, {})).toEqual({ ok: true, value: {} });
    expect(decode(AuctionListQuery, { utm_source: 'mail' })).toEqual({ ok: true, value: {} });
  });

  it('refuses bad values with their field', () => {
    expect(decode(AuctionListQuery, { status: 'live', sort: 'cheapest', minPrice: '-5', maxPrice: '1.5', limit: '1000', sellerId: '1' })).toEqual({
      ok: false,
      details: {
        status: 'must be one of DRAFT, SCHEDULED, LIVE, ENDED, CANCELLED',
        sellerId: 'must be a UUID',
        minPrice: 'must be a non-negative integer amount in minor units',
        maxPrice: 'must be a non-negative integer amount in minor units',
        sort: 'must be one of ending_soon, newest, price_asc, price_desc, most_bids',
        limit: 'must be an integer from 1 to 100',
      },
    });
    expect(decode(AuctionListQuery, { page: ['1', '2'] })).toEqual({ ok: false, details: { page: 'must be an integer of at least 1' } });
  });
});

describe('path parameters', () => {
  it('are UUIDs', () => {
    expect(decode(IdParam, { id: '49fbe6e1-84dc-4d25-a3b3-19f546b4c38e' }).ok).toBe(true);
    expect(decode(IdParam, { id: '1 OR 1=1' })).toEqual({ ok: false, details: { id: 'must be a UUID' } });
    expect(decode(AuctionIdParam, {})).toEqual({ ok: false, details: { auctionId: 'is required' } });
  });
});
