import { incrementAt } from '@gavel/core';
import { replay, type StormResult } from './bid-storm';

/**
 * Issue 3's invariants for a storm of concurrent bids on one auction, from the recorded
 * requests, the final read of the auction and its bids, and its outbox stream.
 */
export const checkStorm = (r: StormResult): void => {
  const { requests, final, events } = r;
  const accepted = requests.filter((q) => q.outcome.ok);
  const refused = requests.filter((q) => !q.outcome.ok);

  // Every request got a business decision: no lock timeout, no internal error.
  for (const q of refused) {
    expect(['BID_TOO_LOW', 'ALREADY_HIGHEST_BIDDER']).toContain(q.outcome.ok ? '' : q.outcome.code);
  }
  expect(accepted.length).toBeGreaterThan(10);

  // Bid count equals rows; ordinals are 1..n; amounts never fall in commit order.
  expect(final.auction.bidCount).toBe(final.bids.length);
  expect(final.bids.map((b) => b.ordinal)).toEqual(final.bids.map((_, i) => i + 1));
  for (let i = 1; i < final.bids.length; i++) expect(final.bids[i]!.amount).toBeGreaterThanOrEqual(final.bids[i - 1]!.amount);

  // Accepted prices rise strictly in commit order (each decision's BidPlaced event), except a
  // leader raising its own maximum, which leaves the price where it was.
  type Placed = { readonly currentPrice: number; readonly bids: readonly { readonly kind: string }[] };
  const placed = events.filter((e) => e.type === 'BidPlaced').map((e) => e.payload as Placed);
  expect(placed).toHaveLength(accepted.length);
  for (let i = 1; i < placed.length; i++) {
    const raise = placed[i]!.bids[0]!.kind === 'max_raise';
    if (raise) expect(placed[i]!.currentPrice).toBeGreaterThanOrEqual(placed[i - 1]!.currentPrice);
    else expect(placed[i]!.currentPrice).toBeGreaterThan(placed[i - 1]!.currentPrice);
  }
  expect(placed.filter((p) => p.bids[0]!.kind !== 'max_raise').length).toBeGreaterThan(10);

  // Every acknowledged bid is in the table.
  const stored = new Set(final.bids.map((b) => b.id));
  for (const q of accepted) expect(stored.has(q.outcome.ok ? q.outcome.bidId : ('' as never))).toBe(true);

  // Every refused bid was beaten by a bid accepted before the refusal was answered.
  for (const q of refused) {
    const code = q.outcome.ok ? '' : q.outcome.code;
    const before = accepted.filter((a) => a.start < q.end);
    if (code === 'BID_TOO_LOW') {
      const beaten = before.some((a) => a.outcome.ok && q.amount < a.outcome.price + incrementAt(final.auction.increment, a.outcome.price));
      expect(beaten).toBe(true);
    } else {
      expect(before.some((a) => a.bidderId === q.bidderId)).toBe(true);
    }
  }

  // The final price and leader equal a sequential replay of the accepted bids through the core.
  const replayed = replay(r);
  expect({ price: final.auction.currentPrice, leader: final.auction.leaderId, max: final.auction.leaderMax, count: final.auction.bidCount })
    .toEqual({ price: replayed.currentPrice, leader: replayed.leaderId, max: replayed.leaderMax, count: replayed.bidCount });

  // The auction's outbox stream is gap-free and matches its seq.
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(final.auction.seq).toBe(events.length);
};
