import { Auction, AuctionId, type AuctionTerms, type BidDecision, BidId, type BidPlaced, type Result, type UserId } from '@gavel/core';
import { SequentialIdGenerator } from '@gavel/memory';
import { ALICE, BOB, CAROL, SELLER } from '../../tests/builders/harness.builder';
import { forwardTerms, T0 } from '../../tests/builders/terms.builder';

// The aggregate alone, with no unit of work: the proxy rules are pure decisions on its state.
const ids = new SequentialIdGenerator('b1d00000');
const NAMES = new Map<UserId, string>([[ALICE, 'A'], [BOB, 'B'], [CAROL, 'C']]);

/** A live auction published at T0 (starting price 10.00 USD, eBay table unless overridden). */
const live = (overrides: Partial<AuctionTerms> = {}): Auction => {
  const created = Auction.create(AuctionId(ids.next()), SELLER, forwardTerms(overrides), T0);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const published = created.value.publish(T0);
  if (!published.ok) throw new Error(JSON.stringify(published.error));
  created.value.flush();
  return created.value;
};

const bid = (a: Auction, bidderId: UserId, amount: number, maxAmount: number | null = null): Result<BidDecision> =>
  a.placeBid({ bidderId, amount, maxAmount }, T0 + 60_000, () => BidId(ids.next()));

const accepted = (r: Result<BidDecision>): BidDecision => {
  if (!r.ok) throw new Error(`expected the bid to be accepted, got ${JSON.stringify(r.error)}`);
  return r.value;
};

/** The rows one decision recorded, in order, as [kind, bidder, amount]. */
const rows = (d: BidDecision) => [d.bid, ...d.autoBids].map((b) => [b.kind, NAMES.get(b.bidderId), b.amount]);

const price = (a: Auction) => a.state.currentPrice;
const leader = (a: Auction) => (a.state.leaderId === null ? null : NAMES.get(a.state.leaderId));

// eBay's help page "Automatic bidding" walks through these steps with a 10.00 starting price;
// here in USD cents with the default eBay increment table (seeds/README.md).
describe("eBay's automatic bidding example, in cents", () => {
  it('step 1: A bids with a maximum of 15.00 → the price stays at the 10.00 start, A leads', () => {
    const a = live();
    const d = accepted(bid(a, ALICE, 1_000, 1_500));
    expect(rows(d)).toEqual([['bid', 'A', 1_000]]);
    expect(price(a)).toBe(1_000);
    expect(leader(a)).toBe('A');
    expect(a.state.leaderMax).toBe(1_500);
    expect(d.leading).toBe(true);
    expect(d.bid.maxAmount).toBe(1_500);
    expect(a.minNextBid).toBe(1_050); // 10.00 + 0.50 (band 5.00 – 24.99)
  });

  it('step 2: B bids 12.00 → A’s proxy answers 12.50 (12.00 + the 0.50 band) and keeps the lead', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    const d = accepted(bid(a, BOB, 1_200));
    expect(rows(d)).toEqual([
      ['bid', 'B', 1_200],
      ['auto', 'A', 1_250],
    ]);
    expect(price(a)).toBe(1_250);
    expect(leader(a)).toBe('A');
    expect(d.leading).toBe(false);
    expect(d.previousLeaderId).toBe(ALICE);
    expect(a.state.bidCount).toBe(3);
    expect(a.minNextBid).toBe(1_300);
  });

  it('step 3: B comes back with a maximum of 20.00 → A’s proxy goes to its 15.00, B leads at 15.50', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    accepted(bid(a, BOB, 1_200));
    const d = accepted(bid(a, BOB, 1_300, 2_000));
    expect(rows(d)).toEqual([
      ['bid', 'B', 1_300],
      ['auto', 'A', 1_500],
      ['auto', 'B', 1_550],
    ]);
    expect(price(a)).toBe(1_550);
    expect(leader(a)).toBe('B');
    expect(a.state.leaderMax).toBe(2_000);
    expect(d.leading).toBe(true);
    expect(a.state.bidCount).toBe(6); // 1 row at step 1, 2 at step 2, 3 here
    // the ordinals number the rows of the whole auction one by one
    expect([d.bid, ...d.autoBids].map((b) => b.ordinal)).toEqual([4, 5, 6]);
  });

  it('equal maximums: the earlier bidder keeps the lead at that maximum', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    const d = accepted(bid(a, BOB, 1_300, 1_500));
    expect(rows(d)).toEqual([
      ['bid', 'B', 1_300],
      ['auto', 'B', 1_500],
      ['auto', 'A', 1_500],
    ]);
    expect(price(a)).toBe(1_500);
    expect(leader(a)).toBe('A');
    expect(d.leading).toBe(false);
  });

  it('a plain bid equal to the leader’s maximum also loses to the earlier bidder', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    const d = accepted(bid(a, BOB, 1_500));
    expect(rows(d)).toEqual([
      ['bid', 'B', 1_500],
      ['auto', 'A', 1_500],
    ]);
    expect(leader(a)).toBe('A');
    expect(a.minNextBid).toBe(1_550);
  });
});

// SPEC "Domain rules": between two proxies the higher max wins at (lower max + increment),
// capped at the higher max.
describe('two proxies', () => {
  it('the higher maximum wins one increment above the lower: A max 50.00, B max 20.00 → A at 20.50', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 5_000));
    const d = accepted(bid(a, BOB, 1_300, 2_000));
    expect(rows(d)).toEqual([
      ['bid', 'B', 1_300],
      ['auto', 'B', 2_000],
      ['auto', 'A', 2_050], // 20.00 + 0.50
    ]);
    expect(leader(a)).toBe('A');
    expect(a.state.leaderMax).toBe(5_000);
  });

  it('the win is capped at the higher maximum: A max 15.00, B max 15.20 → B at 15.20, not 15.50', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    const d = accepted(bid(a, BOB, 1_300, 1_520));
    expect(rows(d)).toEqual([
      ['bid', 'B', 1_300],
      ['auto', 'A', 1_500],
      ['auto', 'B', 1_520],
    ]);
    expect(price(a)).toBe(1_520);
    expect(leader(a)).toBe('B');
  });

  it('the increment is taken at the lower maximum’s band: A max 99.50, B max 200.00 → B at 100.50', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 9_950));
    const d = accepted(bid(a, BOB, 1_050, 20_000));
    // 99.50 is in the 25.00 – 99.99 band: + 1.00
    expect(rows(d)).toEqual([
      ['bid', 'B', 1_050],
      ['auto', 'A', 9_950],
      ['auto', 'B', 10_050],
    ]);
  });

  it('a plain bid above the leader’s maximum takes the lead at the bid itself', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    const d = accepted(bid(a, BOB, 1_600));
    expect(rows(d)).toEqual([['bid', 'B', 1_600]]);
    expect(price(a)).toBe(1_600);
    expect(leader(a)).toBe('B');
  });

  it('a third bidder meets the current leader’s proxy only: beaten maxima are below the price', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    accepted(bid(a, BOB, 1_300, 2_000)); // B leads at 15.50 with max 20.00
    const d = accepted(bid(a, CAROL, 1_600, 1_800));
    expect(rows(d)).toEqual([
      ['bid', 'C', 1_600],
      ['auto', 'C', 1_800],
      ['auto', 'B', 1_850],
    ]);
    expect(leader(a)).toBe('B');
    expect(a.state.bidCount).toBe(7);
  });
});

describe('the leader bidding again', () => {
  it('raising its own maximum records a max_raise row and leaves the price alone', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    accepted(bid(a, BOB, 1_200)); // A leads at 12.50
    const d = accepted(bid(a, ALICE, 1_300, 3_000));
    expect(rows(d)).toEqual([['max_raise', 'A', 1_250]]);
    expect(d.bid.maxAmount).toBe(3_000);
    expect(price(a)).toBe(1_250);
    expect(a.state.leaderMax).toBe(3_000);
    expect(a.state.bidCount).toBe(4);
    expect(d.leading).toBe(true);
  });

  // Seed 000: a plain bid by the current leader would only bid against itself.
  it('a plain bid by the leader → ALREADY_HIGHEST_BIDDER', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    const r = bid(a, ALICE, 1_100);
    expect(r).toEqual({ ok: false, error: { code: 'ALREADY_HIGHEST_BIDDER', message: expect.any(String) } });
    expect(a.state.bidCount).toBe(1);
  });

  it('a maximum not above its current one → BID_TOO_LOW on max_amount', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    for (const max of [1_500, 1_400]) {
      const r = bid(a, ALICE, 1_000, max);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('BID_TOO_LOW');
        expect(r.error.details).toEqual({ max_amount: 'must be above your current maximum' });
      }
    }
    expect(a.state.leaderMax).toBe(1_500);
  });
});

// SPEC: minimum next bid = current price + increment, or the starting price when there is no bid.
describe('the minimum bid', () => {
  it('a first bid below the starting price → BID_TOO_LOW with the minimum in details', () => {
    const a = live();
    const r = bid(a, ALICE, 999);
    expect(r).toEqual({
      ok: false,
      error: { code: 'BID_TOO_LOW', message: 'Bid amount is too low: the minimum bid is 1000', details: { bid_amount: 'must be at least 1000' } },
    });
  });

  it('a bid below price + increment → BID_TOO_LOW; exactly price + increment is accepted', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000));
    const low = bid(a, BOB, 1_049);
    expect(low.ok).toBe(false);
    if (!low.ok) expect(low.error.details).toEqual({ bid_amount: 'must be at least 1050' });
    expect(rows(accepted(bid(a, BOB, 1_050)))).toEqual([['bid', 'B', 1_050]]);
  });

  it('a refused bid records nothing', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000));
    const before = a.state.seq;
    bid(a, BOB, 1_001);
    expect(a.flush().newBids).toHaveLength(1); // only Alice's accepted row since the last flush
    expect(a.state.seq).toBe(before);
  });
});

// SPEC "Reserve": when a proxy max reaches the reserve and the price is below it, the price rises
// to the reserve; `reserveMet` tells everyone.
describe('reserve lift', () => {
  const withReserve = () => live({ reservePrice: 3_000 });

  it('a first bid whose maximum reaches the reserve lifts the price to the reserve', () => {
    const a = withReserve();
    expect(a.reserveMet).toBe(false);
    const d = accepted(bid(a, ALICE, 1_000, 5_000));
    expect(rows(d)).toEqual([
      ['bid', 'A', 1_000],
      ['auto', 'A', 3_000],
    ]);
    expect(price(a)).toBe(3_000);
    expect(a.reserveMet).toBe(true);
  });

  it('a maximum exactly at the reserve lifts too', () => {
    const a = withReserve();
    accepted(bid(a, ALICE, 1_000, 3_000));
    expect(price(a)).toBe(3_000);
    expect(a.reserveMet).toBe(true);
  });

  it('a maximum below the reserve does not lift', () => {
    const a = withReserve();
    accepted(bid(a, ALICE, 1_000, 2_999));
    expect(price(a)).toBe(1_000);
    expect(a.reserveMet).toBe(false);
  });

  it('a plain bid below the reserve does not lift; a plain bid at the reserve meets it', () => {
    const a = withReserve();
    const d = accepted(bid(a, ALICE, 2_000));
    expect(rows(d)).toEqual([['bid', 'A', 2_000]]);
    expect(price(a)).toBe(2_000);
    expect(a.reserveMet).toBe(false);
    accepted(bid(a, BOB, 3_000));
    expect(price(a)).toBe(3_000);
    expect(a.reserveMet).toBe(true);
  });

  it('a challenger whose maximum reaches the reserve wins at the reserve', () => {
    const a = withReserve();
    accepted(bid(a, ALICE, 1_000, 1_500));
    const d = accepted(bid(a, BOB, 1_300, 4_000));
    expect(rows(d)).toEqual([
      ['bid', 'B', 1_300],
      ['auto', 'A', 1_500],
      ['auto', 'B', 3_000], // 15.50 lifted to the 30.00 reserve
    ]);
    expect(a.reserveMet).toBe(true);
  });

  it('the leader raising its maximum to the reserve lifts the price: reserveMet flips', () => {
    const a = withReserve();
    accepted(bid(a, ALICE, 1_000, 2_000));
    expect(a.reserveMet).toBe(false);
    const d = accepted(bid(a, ALICE, 1_000, 3_500));
    expect(rows(d)).toEqual([['max_raise', 'A', 3_000]]);
    expect(a.reserveMet).toBe(true);
    const placed = a.flush().events.filter((e): e is BidPlaced => e.type === 'BidPlaced');
    expect(placed.map((e) => e.payload.reserveMet)).toEqual([false, true]);
  });
});

describe('the BidPlaced event', () => {
  it('carries every row of the decision in order, and the resulting price, leader and minimum', () => {
    const a = live();
    accepted(bid(a, ALICE, 1_000, 1_500));
    a.flush();
    const d = accepted(bid(a, BOB, 1_200));
    const [event] = a.flush().events;
    expect(event?.type).toBe('BidPlaced');
    const p = (event as BidPlaced).payload;
    expect(p.bids.map((r) => [r.kind, NAMES.get(r.bidderId), r.amount])).toEqual(rows(d));
    expect(p).toMatchObject({ bidId: d.bid.id, bidderId: BOB, currentPrice: 1_250, leaderId: ALICE, previousLeaderId: ALICE, bidCount: 3, minNextBid: 1_300 });
  });
});
