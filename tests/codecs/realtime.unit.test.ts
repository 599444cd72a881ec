import {
  decode, PERSONAL_EVENT_NAMES, ROOM_EVENT_NAMES, ServerEvents, SubscribeAck, SubscribeRequest, UnsubscribeRequest,
} from '@gavel/contracts';

const AUCTION = '49fbe6e1-84dc-4d25-a3b3-19f546b4c38e';
const USER = 'a11ce000-0000-4000-8000-000000000002';
const TS = '2026-01-01T12:00:00.000Z';
const base = { auctionId: AUCTION, seq: 7, timestamp: TS };

/** One valid payload per event, as a gateway would send it. */
const samples: Record<keyof typeof ServerEvents, Record<string, unknown>> = {
  bid_update: {
    ...base, currentPrice: 2_050, bidCount: 3, leaderId: USER, previousLeaderId: null, reserveMet: false, minNextBid: 2_100,
    buyNowAvailable: true, endTime: TS, bids: [{ id: '00000000-0000-4000-8000-000000000009', bidderId: null, amount: 2_050, kind: 'auto', isAuto: true }],
  },
  auction_extended: { ...base, previousEndTime: TS, endTime: '2026-01-01T12:02:00.000Z' },
  auction_ending: { ...base, endTime: TS, timeRemaining: 60 },
  auction_ended: { ...base, outcome: 'SOLD', via: 'buy_now', winnerId: USER, finalPrice: 9_000, bidCount: 4 },
  auction_snapshot: {
    ...base, id: AUCTION, sellerId: USER, type: 'forward', title: 'Camera', description: '', categoryId: null, currency: 'USD', status: 'LIVE',
    outcome: null, startingPrice: 1_000, reservePrice: null, hasReserve: true, reserveMet: false, buyNowPrice: null, buyNowAvailable: false,
    budgetMax: null, currentPrice: null, minNextBid: 1_000, bidCount: 0, leaderId: null, isLeading: false, myMaxAmount: null,
    increment: { kind: 'table', tiers: [{ from: 0, increment: 5 }] }, extension: { windowSeconds: 120, extendBySeconds: 120 },
    commissionBps: null, buyerPremiumBps: 0, shippingCost: 0, startTime: TS, endTime: TS, originalEndTime: TS, endedAt: null,
    serverTime: TS, timeRemaining: 0, winnerId: null, settlement: null, createdAt: TS, updatedAt: TS,
  },
  auction_created: { ...base, sellerId: USER, status: 'DRAFT' },
  auction_published: { ...base, status: 'SCHEDULED', startTime: TS, endTime: TS },
  auction_started: { ...base, endTime: TS },
  auction_updated: { ...base, fields: ['description'] },
  auction_settled: { ...base, winnerId: null, finalPrice: 150_000 },
  auction_cancelled: { ...base },
  outbid: { ...base, userId: USER, currentPrice: 2_050, minNextBid: 2_100 },
  auction_won: { ...base, userId: USER, finalPrice: 9_000 },
  auction_lost: { ...base, userId: USER, outcome: 'RESERVE_NOT_MET', finalPrice: null },
  notification: {
    ...base, userId: USER, id: '00000000-0000-4000-8000-00000000000a', type: 'outbid', title: 'You have been outbid',
    message: 'Another bid leads on "Camera"', data: { seq: 7, currentPrice: 1_500, currency: 'EUR' }, createdAt: '2026-01-01T12:00:00.000Z',
  },
  payment_required: { ...base, userId: USER, amount: 10_500, currency: 'USD', dueBy: '2026-01-04T12:00:00.000Z' },
  payment_completed: { ...base, userId: USER, amount: 10_500, currency: 'USD' },
};
const names = Object.keys(ServerEvents) as (keyof typeof ServerEvents)[];

describe('server → client events', () => {
  it('has every event SPEC names, each in exactly one of the room and personal lists', () => {
    const spec = ['bid_update', 'outbid', 'auction_extended', 'auction_ending', 'auction_ended', 'auction_won', 'auction_lost', 'notification', 'payment_required', 'payment_completed', 'auction_snapshot'];
    expect(names).toEqual(expect.arrayContaining(spec));
    expect([...ROOM_EVENT_NAMES, ...PERSONAL_EVENT_NAMES].sort()).toEqual([...names].sort());
    expect(ROOM_EVENT_NAMES.filter((n) => (PERSONAL_EVENT_NAMES as readonly string[]).includes(n))).toEqual([]);
  });

  it('names every codec (the OpenAPI / AsyncAPI generator reads the names)', () => {
    for (const name of names) expect(ServerEvents[name].name).toMatch(/^[A-Z][A-Za-z]+Event$/);
  });

  it.each(names)('%s decodes its sample and strips unknown fields', (name) => {
    const sample = samples[name];
    expect(decode(ServerEvents[name], { ...sample, internal: 'x' })).toEqual({ ok: true, value: sample });
  });

  it.each(names)('%s carries auctionId, seq and timestamp', (name) => {
    const { auctionId: _a, seq: _s, timestamp: _t, ...rest } = samples[name];
    expect(decode(ServerEvents[name], rest)).toEqual({
      ok: false,
      details: expect.objectContaining({ auctionId: 'is required', seq: 'is required', timestamp: 'is required' }),
    });
    expect(decode(ServerEvents[name], { ...samples[name], seq: -1, timestamp: '2026-01-01T19:00:00+07:00' })).toEqual({
      ok: false,
      details: { seq: 'must be a non-negative integer', timestamp: 'must be an ISO 8601 UTC date-time such as 2026-01-01T12:00:00.000Z' },
    });
  });

  it.each(PERSONAL_EVENT_NAMES)('%s names its user', (name) => {
    expect(decode(ServerEvents[name], { ...samples[name], userId: undefined })).toEqual({ ok: false, details: { userId: 'is required' } });
  });

  it('refuses a bad row in a bid update and an unknown outcome', () => {
    const row = { id: 'x', bidderId: USER, amount: -1, kind: 'auto', isAuto: true };
    expect(decode(ServerEvents.bid_update, { ...samples.bid_update, bids: [row] })).toEqual({
      ok: false,
      details: { 'bids.0.id': 'must be a UUID', 'bids.0.amount': 'must be a non-negative integer amount in minor units' },
    });
    expect(decode(ServerEvents.auction_ended, { ...samples.auction_ended, outcome: 'WITHDRAWN', via: 'admin' })).toEqual({
      ok: false,
      details: { outcome: 'must be one of SOLD, RESERVE_NOT_MET, NO_BIDS', via: 'must be one of time, buy_now' },
    });
  });

  it('keeps settlement amounts out of the public settled event', () => {
    const decoded = decode(ServerEvents.auction_settled, { ...samples.auction_settled, commission: 7_500, sellerPayout: 142_500 });
    expect(decoded).toEqual({ ok: true, value: samples.auction_settled });
  });
});

describe('client → server', () => {
  it('subscribe and unsubscribe take { auctionId }', () => {
    expect(decode(SubscribeRequest, { auctionId: AUCTION })).toEqual({ ok: true, value: { auctionId: AUCTION } });
    expect(decode(UnsubscribeRequest, { auctionId: AUCTION, room: 'user:1' })).toEqual({ ok: true, value: { auctionId: AUCTION } });
    expect(decode(SubscribeRequest, { auctionId: 'auction:1' })).toEqual({ ok: false, details: { auctionId: 'must be a UUID' } });
    expect(decode(SubscribeRequest, AUCTION)).toEqual({ ok: false, details: { $: 'must be an object' } });
  });

  it('the ack is { ok: true, seq } or { ok: false, code, message }', () => {
    expect(decode(SubscribeAck, { ok: true, seq: 12 })).toEqual({ ok: true, value: { ok: true, seq: 12 } });
    expect(decode(SubscribeAck, { ok: false, code: 'AUCTION_NOT_FOUND', message: 'Auction not found' }).ok).toBe(true);
    expect(decode(SubscribeAck, { ok: false, code: 'NOPE', message: 'x' })).toEqual({
      ok: false,
      details: { code: expect.stringMatching(/^must be one of VALIDATION_ERROR, /) },
    });
    expect(decode(SubscribeAck, { ok: true })).toEqual({ ok: false, details: { seq: 'is required' } });
  });
});
