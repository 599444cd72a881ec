import type { AuctionId, BiddenAuction, BidderStanding, UserId } from '@gavel/core';
import { HOUR, T0 } from '../builders/terms.builder';
import { bidThrough, newUser, seedUsers, storeLiveAuction } from './persistence-subject';
import { inOrder, type ReadSideFactory, type ReadSideSubject, rewriteState } from './read-side-subject';

/** Closes an auction at T0 + 2h, as the closing job would. */
const closeAt2h = (s: ReadSideSubject, id: AuctionId) =>
  s.uow.withAuction(id, async (tx) => {
    const auction = (await tx.auctions.get(id))!;
    const closed = auction.close(T0 + 2 * HOUR, await tx.auctions.bidderIds(id));
    if (!closed.ok) throw new Error(closed.error.code);
    const changes = auction.flush();
    await tx.auctions.save(changes);
    await tx.events.publish(changes.events);
  });

/** Each placed bid must be accepted: the suite's scenario depends on it. */
const bid = async (s: ReadSideSubject, id: AuctionId, bidder: UserId, amount: number, at: number, max: number | null = null) => {
  const decided = await bidThrough(s.uow, id, bidder, amount, T0 + at, max);
  if (!decided.ok) throw new Error(`bid refused: ${decided.error.code}`);
};

const summary = (x: BiddenAuction) => ({ id: x.auction.id, highestBid: x.highestBid, lowestBid: x.lowestBid, bidCount: x.bidCount, lastBidAt: x.lastBidAt });

/** `AuctionCatalog.biddenBy` (`GET /bids/mine`): a bidder's auctions, standing, aggregates, order, pages. */
export const describeBiddenByContract = (name: string, factory: ReadSideFactory): void => {
  describe(`AuctionCatalog contract (biddenBy): ${name}`, () => {
    let s: ReadSideSubject;
    const [seller, alice, bob, carol] = [newUser(), newUser(), newUser(), newUser()];
    const a = {} as Record<'winning' | 'outbid' | 'won' | 'lostToBob' | 'reserveNotMet' | 'cancelled' | 'bobOnly', AuctionId>;

    beforeAll(async () => {
      s = await factory();
      await seedUsers(s.uow, [seller, alice, bob, carol]);
      const store = (extra = {}) => storeLiveAuction(s.uow, seller.id, { increment: { kind: 'fixed', amount: 100 }, ...extra });
      // Alice leads by proxy: her own bid and two automatic answers to Bob (1000, 1600, 2100).
      a.winning = await store();
      await bid(s, a.winning, alice.id, 1_000, 10_000, 3_000);
      await bid(s, a.winning, bob.id, 1_500, 20_000);
      await bid(s, a.winning, bob.id, 2_000, 30_000);
      a.outbid = await store();
      await bid(s, a.outbid, alice.id, 1_000, 40_000);
      await bid(s, a.outbid, bob.id, 1_200, 50_000);
      // Two auctions Alice last bid on at the same instant: the tie goes by id.
      a.won = await store();
      await bid(s, a.won, alice.id, 1_000, 60_000);
      a.lostToBob = await store();
      await bid(s, a.lostToBob, alice.id, 1_000, 60_000);
      await bid(s, a.lostToBob, bob.id, 1_100, 70_000);
      a.reserveNotMet = await store({ reservePrice: 5_000 });
      await bid(s, a.reserveNotMet, alice.id, 1_000, 80_000);
      a.cancelled = await store();
      await bid(s, a.cancelled, alice.id, 1_000, 90_000);
      a.bobOnly = await store();
      await bid(s, a.bobOnly, bob.id, 1_000, 100_000);
      for (const id of [a.won, a.lostToBob, a.reserveNotMet]) await closeAt2h(s, id);
      // An admin's cancellation despite bids: the domain refuses it, so write the state.
      await rewriteState(s.uow, a.cancelled, { status: 'CANCELLED', endedAt: T0 + 95_000 });
    });
    afterAll(() => s.close());

    const mine = (bidder: UserId, standing: BidderStanding | null, offset = 0, limit = 100) =>
      s.catalog.biddenBy(bidder, standing, { offset, limit });
    const idsOf = async (bidder: UserId, standing: BidderStanding | null) => {
      const page = await mine(bidder, standing);
      expect(page.total).toBe(page.items.length);
      return page.items.map((x) => x.auction.id);
    };

    it('lists every auction the bidder has a bid row on, most recent bid first, ties by id', async () => {
      const expected = [a.cancelled, a.reserveNotMet, ...inOrder([{ id: a.won }, { id: a.lostToBob }]), a.outbid, a.winning];
      expect(await idsOf(alice.id, null)).toEqual(expected);
      expect(await idsOf(carol.id, null)).toEqual([]);
    });

    it('narrows to each standing', async () => {
      expect(await idsOf(alice.id, 'winning')).toEqual([a.winning]);
      expect(await idsOf(alice.id, 'outbid')).toEqual([a.outbid]);
      expect(await idsOf(alice.id, 'won')).toEqual([a.won]);
      expect(await idsOf(alice.id, 'lost')).toEqual([a.cancelled, a.reserveNotMet, a.lostToBob]);
      expect(await idsOf(bob.id, 'winning')).toEqual([a.bobOnly, a.outbid]);
      expect(await idsOf(bob.id, 'outbid')).toEqual([a.winning]);
      expect(await idsOf(bob.id, 'won')).toEqual([a.lostToBob]);
      expect(await idsOf(bob.id, 'lost')).toEqual([]);
    });

    it('sums up the bidder’s own rows, automatic bids included', async () => {
      const all = await mine(alice.id, null);
      const byId = new Map(all.items.map((x) => [x.auction.id, summary(x)]));
      expect(byId.get(a.winning)).toEqual({ id: a.winning, highestBid: 2_100, lowestBid: 1_000, bidCount: 3, lastBidAt: T0 + 30_000 });
      expect(byId.get(a.outbid)).toEqual({ id: a.outbid, highestBid: 1_000, lowestBid: 1_000, bidCount: 1, lastBidAt: T0 + 40_000 });
      const bobs = await mine(bob.id, 'outbid');
      expect(bobs.items.map(summary)).toEqual([{ id: a.winning, highestBid: 2_000, lowestBid: 1_500, bidCount: 2, lastBidAt: T0 + 30_000 }]);
    });

    it('carries the auction as stored now', async () => {
      const [winning] = (await mine(alice.id, 'winning')).items;
      const stored = await s.uow.run((tx) => tx.auctions.get(a.winning));
      expect(winning?.auction).toEqual(stored?.state);
      expect(winning?.auction).toMatchObject({ status: 'LIVE', leaderId: alice.id, currentPrice: 2_100, bidCount: 5 });
      const [won] = (await mine(alice.id, 'won')).items;
      expect(won?.auction).toMatchObject({ status: 'ENDED', outcome: 'SOLD', winnerId: alice.id });
    });

    it('pages without overlap, each page with the full total', async () => {
      const whole = await idsOf(alice.id, null);
      const pages = await Promise.all([0, 2, 4].map((offset) => mine(alice.id, null, offset, 2)));
      expect(pages.map((p) => p.total)).toEqual([6, 6, 6]);
      expect(pages.flatMap((p) => p.items.map((x) => x.auction.id))).toEqual(whole);
      expect(await mine(alice.id, 'lost', 1, 1)).toMatchObject({ total: 3, items: [{ auction: { id: a.reserveNotMet } }] });
    });
  });
};
