import { type AuctionId, createGavel, createMarketplace, personalNotices, type UserId } from '@gavel/core';
import { FakeClock, RandomUuidGenerator } from '@gavel/memory';
import { randomUUID } from 'node:crypto';
import { describeNotificationRepositoryContract } from '../../../tests/contracts/notification-repository.contract';
import { forwardTerms, HOUR, T0 } from '../../../tests/builders/terms.builder';
import { dialectsUnderTest, freshDatabase, knexFactory } from './dialects';

// The suite the memory adapter passes, once per dialect named in DB.
for (const dialect of dialectsUnderTest()) {
  describeNotificationRepositoryContract(`knex/${dialect}`, knexFactory(dialect));

  describe(`notifications written by the use cases: knex/${dialect}`, () => {
    it('concurrent bids (group commit) store each outbid once, with its bid; closing adds won, lost and ended', async () => {
      const { db, drop } = await freshDatabase(dialect);
      try {
        const clock = new FakeClock(T0);
        const gavel = createGavel({ uow: db.uow, clock, ids: new RandomUuidGenerator(), fraudPolicies: [] });
        const market = createMarketplace({ uow: db.uow, clock, catalog: db.catalog, categories: db.categories, watchlist: db.watchlist, directory: db.directory });
        const [seller, ...bidders] = Array.from({ length: 5 }, () => randomUUID() as UserId);
        await db.uow.run(async (tx) => {
          for (const id of [seller!, ...bidders]) await tx.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
        });
        const created = await gavel.createAuction.execute({ actor: { userId: seller!, role: 'user' }, terms: { ...forwardTerms(), commissionBps: undefined }, publish: true });
        if (!created.ok) throw new Error(created.error.code);
        const auctionId = created.value.id as AuctionId;
        // Every bidder bids at once, at rising amounts: the unit of work decides them in batches.
        await Promise.all(Array.from({ length: 40 }, (_, i) =>
          gavel.placeBid.execute({ auctionId, bidderId: bidders[i % bidders.length]!, amount: 1_000 + i * 100 })));
        clock.set(T0 + 2 * HOUR);
        expect((await gavel.closeAuction.execute({ auctionId })).ok).toBe(true);

        const expected = (await db.events.readAuction(auctionId, 0)).flatMap((e) => personalNotices(e)).map((n) => `${n.userId}:${n.kind}:${n.seq}`);
        const stored = await db.uow.run((tx) => tx.notifications.feed(0, 1_000));
        const kind = { outbid: 'outbid', auction_won: 'won', auction_lost: 'lost' } as const;
        const personal = stored.filter((n) => n.type !== 'auction_ended').map((n) => `${n.userId}:${kind[n.type as keyof typeof kind]}:${n.data.seq}`);
        expect(personal.sort()).toEqual(expected.sort());
        expect(expected.filter((k) => k.includes(':outbid:')).length).toBeGreaterThan(0);
        expect(stored.filter((n) => n.type === 'auction_ended').map((n) => n.userId)).toEqual([seller]);
        const winner = stored.find((n) => n.type === 'auction_won')!.userId;
        const unread = await market.unreadCount.execute({ actor: { userId: winner, role: 'user' } });
        expect(unread.ok && unread.value.count).toBe(stored.filter((n) => n.userId === winner).length);
      } finally {
        await drop();
      }
    });
  });
}
