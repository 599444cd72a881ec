import { bidDetailsOf, BidView, decode, PlaceBidRequest, PlaceBidResponse, PlaceBidResponseData } from '@gavel/contracts';

const AUCTION = '49fbe6e1-84dc-4d25-a3b3-19f546b4c38e';
const TS = '2026-01-01T12:00:00.000Z';

describe('PlaceBidRequest (seed 003)', () => {
  it('takes the frontend body as it is sent', () => {
    expect(decode(PlaceBidRequest, { auction_id: AUCTION, bid_amount: 1_500_000 })).toEqual({ ok: true, value: { auction_id: AUCTION, bid_amount: 1_500_000 } });
    expect(decode(PlaceBidRequest, { auction_id: AUCTION, bid_amount: 1_000, max_amount: 5_000 })).toEqual({
      ok: true,
      value: { auction_id: AUCTION, bid_amount: 1_000, max_amount: 5_000 },
    });
  });

  it('refuses a bad uuid, a float, a negative, zero and a numeric string', () => {
    expect(decode(PlaceBidRequest, { auction_id: 'abc', bid_amount: 10.5 })).toEqual({
      ok: false,
      details: { auction_id: 'must be a UUID', bid_amount: 'must be a positive integer amount in minor units' },
    });
    for (const bid_amount of [-100, 0, '1500000', null]) {
      expect(decode(PlaceBidRequest, { auction_id: AUCTION, bid_amount })).toEqual({
        ok: false,
        details: { bid_amount: 'must be a positive integer amount in minor units' },
      });
    }
    expect(decode(PlaceBidRequest, { auction_id: AUCTION, bid_amount: 100, max_amount: 99.99 })).toEqual({
      ok: false,
      details: { max_amount: 'must be a positive integer amount in minor units' },
    });
  });

  it('reports each missing field', () => {
    expect(decode(PlaceBidRequest, {})).toEqual({ ok: false, details: { auction_id: 'is required', bid_amount: 'is required' } });
    expect(decode(PlaceBidRequest, null)).toEqual({ ok: false, details: { $: 'must be an object' } });
  });

  it('strips what the server decides (bidder, status, auto flag)', () => {
    const body = { auction_id: AUCTION, bid_amount: 2_000, bidder_id: 'x', user_id: 'y', status: 'WON', isAuto: true };
    expect(decode(PlaceBidRequest, body)).toEqual({ ok: true, value: { auction_id: AUCTION, bid_amount: 2_000 } });
  });

  it('carries a reverse-auction offer text, bounded, mapped to the core shape', () => {
    const decoded = decode(PlaceBidRequest, { auction_id: AUCTION, bid_amount: 150_000, description: 'New roof', estimated_duration: '3 days', notes: 'tiles included' });
    expect(decoded.ok && bidDetailsOf(decoded.value)).toEqual({ description: 'New roof', estimatedDuration: '3 days', notes: 'tiles included' });
    const plain = decode(PlaceBidRequest, { auction_id: AUCTION, bid_amount: 150_000 });
    expect(plain.ok && bidDetailsOf(plain.value)).toBeNull();
    expect(decode(PlaceBidRequest, { auction_id: AUCTION, bid_amount: 1, notes: 'x'.repeat(2_001), estimated_duration: 3 })).toEqual({
      ok: false,
      details: { notes: 'must be a text of at most 2000 characters', estimated_duration: 'must be a text of at most 200 characters' },
    });
  });
});

describe('PlaceBidResponse', () => {
  const autoBid = {
    id: '00000000-0000-4000-8000-000000000009', auctionId: AUCTION, bidderId: 'b0b00000-0000-4000-8000-000000000003', amount: 2_050,
    kind: 'auto', isAuto: true, ordinal: 3, placedAt: TS, maxAmount: null, details: null, isMine: false,
  };
  const data = {
    id: '00000000-0000-4000-8000-000000000008', auctionId: AUCTION, bidAmount: 2_000, status: 'success', timestamp: TS, leading: false,
    isAuto: false, maxAmount: null, currentPrice: 2_050, minNextBid: 2_100, endTime: TS, extended: false, autoBids: [autoBid],
  };

  it('has seed 003 fields (id, bidAmount, status, timestamp) and the bidding state', () => {
    expect(decode(PlaceBidResponse, { success: true, data, timestamp: TS })).toEqual({ ok: true, value: { success: true, data, timestamp: TS } });
  });

  it('status is "success" and the bid itself is never automatic', () => {
    expect(decode(PlaceBidResponseData, { ...data, status: 'ok', isAuto: true })).toEqual({
      ok: false,
      details: { status: 'must be "success"', isAuto: 'must be false' },
    });
  });

  it('points inside the automatic bids', () => {
    expect(decode(PlaceBidResponseData, { ...data, autoBids: [{ ...autoBid, kind: 'magic' }] })).toEqual({
      ok: false,
      details: { 'autoBids.0.kind': 'must be one of bid, auto, max_raise, buy_now' },
    });
  });
});

describe('BidView', () => {
  const row = {
    id: '00000000-0000-4000-8000-000000000009', auctionId: AUCTION, bidderId: null, amount: 150_000, kind: 'bid', isAuto: false,
    ordinal: 1, placedAt: TS, maxAmount: null, details: { description: 'New roof' }, isMine: false,
  };

  it('takes a masked bidder and the name the HTTP adapter adds', () => {
    expect(decode(BidView, { ...row, bidderName: 'J***e' })).toEqual({ ok: true, value: { ...row, bidderName: 'J***e' } });
  });

  it('refuses an ordinal of 0 and a non-ISO time', () => {
    expect(decode(BidView, { ...row, ordinal: 0, placedAt: 1767268800000 })).toEqual({
      ok: false,
      details: { ordinal: 'must be a positive integer', placedAt: 'must be an ISO 8601 UTC date-time such as 2026-01-01T12:00:00.000Z' },
    });
  });
});
