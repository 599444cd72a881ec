import { Auction, type AuctionId, computeSettlement, type UserId, MAX_AMOUNT } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { forwardTerms, HOUR, T0 } from '../builders/terms.builder';
import { bidIds, bidThrough, newUser, type PersistenceFactory, type PersistenceSubject, seedUsers, storeLiveAuction } from './persistence-subject';

/** The `AuctionRepository` port: what any store of auctions and bids must do. */
export const describeAuctionRepositoryContract = (name: string, factory: PersistenceFactory): void => {
  describe(`AuctionRepository contract: ${name}`, () => {
    let subject: PersistenceSubject;
    const seller = newUser();
    const alice = newUser();
    const bob = newUser();

    beforeAll(async () => {
      subject = await factory();
      await seedUsers(subject.uow, [seller, alice, bob]);
    });
    afterAll(() => subject.close());

    it('answers null for an unknown auction', async () => {
      const found = await subject.uow.run((tx) => tx.auctions.get(randomUUID() as AuctionId));
      expect(found).toBeNull();
    });

    it('stores every field of a new auction and reads it back equal', async () => {
      const created = Auction.create(randomUUID() as AuctionId, seller.id, forwardTerms({
        description: 'émoji 🎉 and quotes \' "',
        categoryId: 'cameras',
        reservePrice: 5_000,
        buyNowPrice: 9_000,
        startTime: T0 + HOUR,
        endTime: T0 + 2 * HOUR + 123,
        increment: { kind: 'table', tiers: [{ from: 0, increment: 7 }, { from: 10_000, increment: 70 }] },
        extension: { windowSeconds: 30, extendBySeconds: 45 },
        commissionBps: 750,
        buyerPremiumBps: 125,
        shippingCost: 1_999,
      }), T0 + 1);
      if (!created.ok) throw new Error('invalid terms');
      const changes = created.value.flush();
      await subject.uow.run((tx) => tx.auctions.save(changes));
      const loaded = await subject.uow.run((tx) => tx.auctions.get(changes.state.id));
      expect(loaded?.state).toEqual(changes.state);
    });

    it('keeps amounts beyond 32 bits exact', async () => {
      const big = 2 ** 40 + 7;
      const id = await storeLiveAuction(subject.uow, seller.id, { startingPrice: big, increment: { kind: 'fixed', amount: 2 ** 33 } });
      await bidThrough(subject.uow, id, alice.id, big, T0 + 1_000, MAX_AMOUNT);
      const [auction, bids] = await subject.uow.run(async (tx) => [await tx.auctions.get(id), await tx.auctions.bids(id)] as const);
      expect(auction?.state.startingPrice).toBe(big);
      expect(auction?.state.leaderMax).toBe(MAX_AMOUNT);
      expect(bids[0]?.maxAmount).toBe(MAX_AMOUNT);
    });

    it('appends bid rows in order and pages them newest first', async () => {
      const id = await storeLiveAuction(subject.uow, seller.id);
      await bidThrough(subject.uow, id, alice.id, 1_000, T0 + 1_000, 2_000);
      await bidThrough(subject.uow, id, bob.id, 1_500, T0 + 2_000);
      const [all, newest] = await subject.uow.run(async (tx) => [
        await tx.auctions.bids(id),
        await tx.auctions.bids(id, { newestFirst: true, limit: 2 }),
      ] as const);
      expect(all.map((b) => [b.ordinal, b.bidderId, b.amount, b.kind])).toEqual([
        [1, alice.id, 1_000, 'bid'],
        [2, bob.id, 1_500, 'bid'],
        [3, alice.id, 1_550, 'auto'],
      ]);
      expect(all[0]).toMatchObject({ maxAmount: 2_000, placedAt: T0 + 1_000, auctionId: id, details: null });
      expect(newest.map((b) => b.ordinal)).toEqual([3, 2]);
    });

    it('finds a bidder’s recent manual bids and the auction’s bidders in order of first bid', async () => {
      const id = await storeLiveAuction(subject.uow, seller.id, { increment: { kind: 'fixed', amount: 100 } });
      await bidThrough(subject.uow, id, bob.id, 1_000, T0 + 1_000);
      await bidThrough(subject.uow, id, alice.id, 1_100, T0 + 2_000, 5_000);
      await bidThrough(subject.uow, id, bob.id, 1_200, T0 + 3_000);
      await bidThrough(subject.uow, id, alice.id, 1_300, T0 + 4_000, 6_000);
      const result = await subject.uow.run(async (tx) => ({
        aliceSince2s: await tx.auctions.recentBidsBy(id, alice.id, T0 + 2_000),
        aliceSince3s: await tx.auctions.recentBidsBy(id, alice.id, T0 + 3_000),
        bidders: await tx.auctions.bidderIds(id),
      }));
      expect(result.aliceSince2s.map((b) => b.kind)).toEqual(['bid', 'max_raise']);
      expect(result.aliceSince3s.map((b) => b.placedAt)).toEqual([T0 + 4_000]);
      expect(result.bidders).toEqual([bob.id, alice.id]);
    });

    it('reads the bidders of several auctions at once, each in order of first bid, [] for none', async () => {
      const [one, two, none] = await Promise.all([1, 2, 3].map(() => storeLiveAuction(subject.uow, seller.id, { increment: { kind: 'fixed', amount: 100 } })));
      await bidThrough(subject.uow, one!, alice.id, 1_000, T0 + 1_000);
      await bidThrough(subject.uow, one!, bob.id, 1_100, T0 + 2_000);
      await bidThrough(subject.uow, one!, alice.id, 1_200, T0 + 3_000);
      await bidThrough(subject.uow, two!, bob.id, 1_000, T0 + 1_000);
      const found = await subject.uow.run((tx) => tx.auctions.bidderIdsOf([none!, two!, one!]));
      expect(found).toEqual(new Map([[none!, []], [two!, [bob.id]], [one!, [alice.id, bob.id]]]));
      expect(await subject.uow.run((tx) => tx.auctions.bidderIdsOf([]))).toEqual(new Map());
    });

    it('refuses a save whose expected version is not the stored one', async () => {
      const id = await storeLiveAuction(subject.uow, seller.id);
      const stale = await subject.uow.run((tx) => tx.auctions.get(id));
      await bidThrough(subject.uow, id, alice.id, 1_000, T0 + 1_000);
      const decided = stale!.placeBid({ bidderId: bob.id, amount: 1_000, maxAmount: null }, T0 + 2_000, bidIds());
      expect(decided.ok).toBe(true);
      await expect(subject.uow.withAuction(id, (tx) => tx.auctions.save(stale!.flush()))).rejects.toThrow();
      const bids = await subject.uow.run((tx) => tx.auctions.bids(id));
      expect(bids.map((b) => b.bidderId)).toEqual([alice.id]);
    });

    it('round-trips an ended, settled auction', async () => {
      const id = await storeLiveAuction(subject.uow, seller.id, { buyerPremiumBps: 300, shippingCost: 500 });
      await bidThrough(subject.uow, id, alice.id, 1_234, T0 + 1_000);
      const closedState = await subject.uow.withAuction(id, async (tx) => {
        const auction = (await tx.auctions.get(id))!;
        const closed = auction.close(T0 + 2 * HOUR, await tx.auctions.bidderIds(id));
        if (!closed.ok) throw new Error(closed.error.code);
        const changes = auction.flush();
        await tx.auctions.save(changes);
        return changes.state;
      });
      const loaded = await subject.uow.run((tx) => tx.auctions.get(id));
      expect(loaded?.state).toEqual(closedState);
      expect(loaded?.state.settlement).toEqual(computeSettlement({
        buyerId: alice.id as UserId, payeeId: seller.id, finalPrice: 1_234, commissionBps: 500,
        buyerPremiumBps: 300, shippingCost: 500, settledAt: T0 + 2 * HOUR,
      }));
    });
  });
};
