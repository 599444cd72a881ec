import type { AuctionState, Bid, StoredEvent } from '@gavel/core';

/** What the bids table implies must be what the auction row says, and the outbox must agree. */
export const expectConsistent = (auction: AuctionState, bids: readonly Bid[], events: readonly StoredEvent[]): void => {
  expect(auction.bidCount).toBe(bids.length);
  expect(bids.map((b) => b.ordinal)).toEqual(bids.map((_, i) => i + 1));
  if (bids.length > 0) {
    expect(auction.currentPrice).toBe(bids[bids.length - 1]!.amount);
    expect(auction.leaderId).toBe(bids[bids.length - 1]!.bidderId);
  }
  for (let i = 1; i < bids.length; i++) expect(bids[i]!.amount).toBeGreaterThanOrEqual(bids[i - 1]!.amount);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(auction.seq).toBe(events.length);
  const rowsInEvents = events.flatMap((e) => (e.type === 'BidPlaced' ? e.payload.bids.map((b) => b.id) : []));
  expect(rowsInEvents).toEqual(bids.map((b) => b.id));
};
