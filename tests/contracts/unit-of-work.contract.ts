import { type AuctionId, type FindingId, type UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { T0 } from '../builders/terms.builder';
import { bidIds, bidThrough, newUser, type PersistenceFactory, type PersistenceSubject, seedUsers, storeLiveAuction } from './persistence-subject';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `UnitOfWork` + `EventPublisher` + `EventStream`: atomic work, serialized per auction, events
 * visible if and only if their unit of work committed, one gap-free `seq` stream per auction.
 */
export const describeUnitOfWorkContract = (name: string, factory: PersistenceFactory, opts: { concurrentBids?: number } = {}): void => {
  const concurrentBids = opts.concurrentBids ?? 40;

  describe(`UnitOfWork + EventPublisher contract: ${name}`, () => {
    let subject: PersistenceSubject;
    const seller = newUser();
    const bidders = Array.from({ length: 4 }, () => newUser());

    beforeAll(async () => {
      subject = await factory();
      await seedUsers(subject.uow, [seller, ...bidders]);
    });
    afterAll(() => subject.close());

    const streamOf = (id: AuctionId) => subject.events.readAuction(id, 0);

    it('makes committed state, rows and events visible together', async () => {
      const id = await storeLiveAuction(subject.uow, seller.id);
      const decided = await bidThrough(subject.uow, id, bidders[0]!.id, 1_000, T0 + 1_000);
      expect(decided.ok).toBe(true);
      const auction = await subject.uow.run((tx) => tx.auctions.get(id));
      const events = await streamOf(id);
      expect(auction?.state.bidCount).toBe(1);
      expect(events.map((e) => [e.seq, e.type])).toEqual([[1, 'AuctionCreated'], [2, 'AuctionPublished'], [3, 'BidPlaced']]);
      expect(events[2]).toMatchObject({ auctionId: id, occurredAt: T0 + 1_000, payload: { currentPrice: 1_000, leaderId: bidders[0]!.id } });
    });

    it('leaves nothing behind when the work throws: no state, rows, events or findings', async () => {
      const id = await storeLiveAuction(subject.uow, seller.id);
      const before = await streamOf(id);
      const failing = bidThrough(subject.uow, id, bidders[0]!.id, 1_000, T0 + 1_000, null, async (tx) => {
        await tx.fraudLog.record([{
          id: randomUUID() as FindingId, policy: 'test', userId: bidders[0]!.id, auctionId: id, ip: null,
          createdAt: T0, type: 'suspicious_pattern', severity: 'low', description: 'rolled back', evidence: {},
        }]);
        await tx.auctions.save((await tx.auctions.get(id))!.flush());
        throw new Error('boom after writing');
      });
      await expect(failing).rejects.toThrow('boom after writing');
      const after = await subject.uow.run(async (tx) => ({
        auction: await tx.auctions.get(id),
        bids: await tx.auctions.bids(id),
        findings: await tx.fraudLog.list({ auctionId: id }),
      }));
      expect(after.auction?.state.bidCount).toBe(0);
      expect(after.bids).toEqual([]);
      expect(after.findings).toEqual([]);
      expect(await streamOf(id)).toEqual(before);
    });

    it('keeps what a unit of work wrote when it resolves, findings included', async () => {
      const id = await storeLiveAuction(subject.uow, seller.id);
      const finding = {
        id: randomUUID() as FindingId, policy: 'test', userId: bidders[1]!.id as UserId, auctionId: id, ip: '10.0.0.1',
        createdAt: T0 + 5, type: 'shill_bidding' as const, severity: 'high' as const, description: 'kept', evidence: { ip: '10.0.0.1', n: 2 },
      };
      await subject.uow.withAuction(id, (tx) => tx.fraudLog.record([finding]));
      const found = await subject.uow.run((tx) => tx.fraudLog.list({ auctionId: id }));
      expect(found).toEqual([finding]);
      expect(await subject.uow.run((tx) => tx.fraudLog.list({ userId: bidders[1]!.id }))).toContainEqual(finding);
    });

    it(`serializes ${concurrentBids} concurrent bids on one auction: no lost update, one leader, gap-free seq`, async () => {
      const id = await storeLiveAuction(subject.uow, seller.id, { increment: { kind: 'fixed', amount: 10 } });
      // Every caller reads, waits, then writes: without serialization most updates would be lost.
      const results = await Promise.all(
        Array.from({ length: concurrentBids }, (_, i) =>
          bidThrough(subject.uow, id, bidders[i % bidders.length]!.id, 1_000 + 10 * i, T0 + 1_000 + i, null, async () => { await pause(i % 3); }),
        ),
      );
      const accepted = results.filter((r) => r.ok).length;
      const { auction, bids } = await subject.uow.run(async (tx) => ({ auction: await tx.auctions.get(id), bids: await tx.auctions.bids(id) }));
      const events = await streamOf(id);
      expect(accepted).toBeGreaterThan(0);
      expect(auction!.state.bidCount).toBe(bids.length);
      expect(bids.map((b) => b.ordinal)).toEqual(bids.map((_, i) => i + 1));
      expect(auction!.state.currentPrice).toBe(bids[bids.length - 1]!.amount);
      expect(auction!.state.leaderId).toBe(bids[bids.length - 1]!.bidderId);
      for (let i = 1; i < bids.length; i++) expect(bids[i]!.amount).toBeGreaterThan(bids[i - 1]!.amount);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      expect(events.filter((e) => e.type === 'BidPlaced')).toHaveLength(accepted);
    });

    it('withAuctions locks several auctions at once: serialized with bids on any of them, overlapping sets in any order, no lost update', async () => {
      const ids = await Promise.all(Array.from({ length: 3 }, () => storeLiveAuction(subject.uow, seller.id, { increment: { kind: 'fixed', amount: 10 } })));
      const [a, b, c] = ids as [AuctionId, AuctionId, AuctionId];
      /** Someone other than the leader (a leader may not outbid itself). */
      const challenger = (leaderId: UserId | null, i: number): UserId => {
        const others = bidders.filter((b) => b.id !== leaderId);
        return others[i % others.length]!.id;
      };
      /** Reads every auction, waits, then bids on each: lost updates would show as missing bids. */
      const batchBid = (set: readonly AuctionId[], i: number) =>
        subject.uow.withAuctions(set, async (tx) => {
          const auctions = await Promise.all(set.map(async (id) => (await tx.auctions.get(id))!));
          await pause(i % 3);
          for (const auction of auctions) {
            const price = auction.state.currentPrice;
            const decided = auction.placeBid({ bidderId: challenger(auction.state.leaderId, i), amount: price === null ? 1_000 : price + 10, maxAmount: null }, T0 + 1_000 + i, bidIds());
            if (!decided.ok) throw new Error(JSON.stringify(decided.error));
            const changes = auction.flush();
            await tx.auctions.save(changes);
            await tx.events.publish(changes.events);
          }
        });
      const single = (id: AuctionId, i: number) =>
        subject.uow.withAuction(id, async (tx) => {
          const auction = (await tx.auctions.get(id))!;
          const price = auction.state.currentPrice;
          const decided = auction.placeBid({ bidderId: challenger(auction.state.leaderId, i), amount: price === null ? 1_000 : price + 10, maxAmount: null }, T0 + 2_000 + i, bidIds());
          if (!decided.ok) throw new Error(JSON.stringify(decided.error));
          const changes = auction.flush();
          await tx.auctions.save(changes);
          await tx.events.publish(changes.events);
        });
      // Overlapping sets given in both orders, and single-auction work on each, all at once.
      await Promise.all([
        ...Array.from({ length: 6 }, (_, i) => batchBid(i % 2 === 0 ? [a, b, c] : [c, b, a], i)),
        ...Array.from({ length: 6 }, (_, i) => batchBid(i % 2 === 0 ? [a, c] : [c, a], 10 + i)),
        ...Array.from({ length: 9 }, (_, i) => single(ids[i % 3]!, i)),
      ]);
      const expected = { [a]: 6 + 6 + 3, [b]: 6 + 3, [c]: 6 + 6 + 3 };
      for (const id of ids) {
        const { auction, bids } = await subject.uow.run(async (tx) => ({ auction: await tx.auctions.get(id), bids: await tx.auctions.bids(id) }));
        expect(bids).toHaveLength(expected[id]!);
        expect(auction!.state.bidCount).toBe(expected[id]);
        for (let i = 1; i < bids.length; i++) expect(bids[i]!.amount).toBe(bids[i - 1]!.amount + 10);
        const events = await streamOf(id);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      }
    });

    it('withAuctions commits all of its auctions or none', async () => {
      const ids = await Promise.all(Array.from({ length: 2 }, () => storeLiveAuction(subject.uow, seller.id)));
      const before = await Promise.all(ids.map((id) => streamOf(id)));
      await expect(subject.uow.withAuctions(ids, async (tx) => {
        for (const id of ids) {
          const auction = (await tx.auctions.get(id))!;
          auction.placeBid({ bidderId: bidders[0]!.id, amount: 1_000, maxAmount: null }, T0 + 1_000, bidIds());
          const changes = auction.flush();
          await tx.auctions.save(changes);
          await tx.events.publish(changes.events);
        }
        throw new Error('boom after both');
      })).rejects.toThrow('boom after both');
      for (const [i, id] of ids.entries()) {
        expect(await streamOf(id)).toEqual(before[i]);
        expect((await subject.uow.run((tx) => tx.auctions.get(id)))!.state.bidCount).toBe(0);
      }
    });

    it('lets work on different auctions all commit when run at once', async () => {
      const ids = await Promise.all(Array.from({ length: 5 }, () => storeLiveAuction(subject.uow, seller.id)));
      await Promise.all(ids.flatMap((id) => bidders.map((b, i) => bidThrough(subject.uow, id, b.id, 1_000 + 100 * i, T0 + 1_000 + i))));
      for (const id of ids) {
        const events = await streamOf(id);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        const auction = await subject.uow.run((tx) => tx.auctions.get(id));
        expect(auction!.state.seq).toBe(events.length);
      }
    });

    it('reads the global stream by position, in commit order, in pages', async () => {
      const start = await subject.events.readAfter(0, 1_000_000);
      const last = start.length > 0 ? start[start.length - 1]!.position : 0;
      const id = await storeLiveAuction(subject.uow, seller.id);
      await bidThrough(subject.uow, id, bidders[0]!.id, 1_000, T0 + 1_000);
      await bidThrough(subject.uow, id, bidders[1]!.id, 1_100, T0 + 2_000);
      const page1 = await subject.events.readAfter(last, 2);
      const page2 = await subject.events.readAfter(page1[1]!.position, 10);
      const all = [...page1, ...page2];
      expect(all.map((e) => [e.auctionId, e.seq])).toEqual([1, 2, 3, 4].map((seq) => [id, seq]));
      for (let i = 1; i < all.length; i++) expect(all[i]!.position).toBeGreaterThan(all[i - 1]!.position);
    });

    it('resumes one auction’s stream after a seq', async () => {
      const id = await storeLiveAuction(subject.uow, seller.id);
      await bidThrough(subject.uow, id, bidders[0]!.id, 1_000, T0 + 1_000);
      await bidThrough(subject.uow, id, bidders[1]!.id, 1_100, T0 + 2_000);
      const tail = await subject.events.readAuction(id, 2);
      expect(tail.map((e) => [e.seq, e.type])).toEqual([[3, 'BidPlaced'], [4, 'BidPlaced']]);
      expect(tail[1]!.payload).toMatchObject({ previousLeaderId: bidders[0]!.id, leaderId: bidders[1]!.id });
    });
  });
};
