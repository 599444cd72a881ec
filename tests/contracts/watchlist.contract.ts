import type { AuctionId, UserId, WatchEntry } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { T0 } from '../builders/terms.builder';
import { newUser, seedUsers, storeLiveAuction } from './persistence-subject';
import type { ReadSideFactory, ReadSideSubject } from './read-side-subject';

/** `Watchlist` (`/watchlist`): idempotent add, remove, newest-first pages, an auction's watchers. */
export const describeWatchlistContract = (name: string, factory: ReadSideFactory): void => {
  describe(`Watchlist contract: ${name}`, () => {
    let s: ReadSideSubject;
    const [seller, ann, ben, cid] = [newUser(), newUser(), newUser(), newUser()];
    let x: AuctionId;
    let y: AuctionId;
    let z: AuctionId;

    beforeAll(async () => {
      s = await factory();
      await seedUsers(s.uow, [seller, ann, ben, cid]);
      x = await storeLiveAuction(s.uow, seller.id);
      y = await storeLiveAuction(s.uow, seller.id);
      z = await storeLiveAuction(s.uow, seller.id);
    });
    afterAll(() => s.close());

    const entry = (userId: UserId, auctionId: AuctionId, at: number): WatchEntry => ({ userId, auctionId, addedAt: T0 + at });

    it('adds once: a second add answers false and keeps the first entry', async () => {
      expect(await s.watchlist.get(ann.id, x)).toBeNull();
      expect(await s.watchlist.add(entry(ann.id, x, 1_000))).toBe(true);
      expect(await s.watchlist.add(entry(ann.id, x, 9_000))).toBe(false);
      expect(await s.watchlist.get(ann.id, x)).toEqual(entry(ann.id, x, 1_000));
      expect(await s.watchlist.get(ben.id, x)).toBeNull();
    });

    it('removes an entry once; removing a missing one answers false', async () => {
      await s.watchlist.add(entry(ben.id, z, 1_000));
      expect(await s.watchlist.remove(ben.id, z)).toBe(true);
      expect(await s.watchlist.get(ben.id, z)).toBeNull();
      expect(await s.watchlist.remove(ben.id, z)).toBe(false);
      expect(await s.watchlist.remove(ben.id, randomUUID() as AuctionId)).toBe(false);
      expect(await s.watchlist.add(entry(ben.id, z, 2_000))).toBe(true);
      expect(await s.watchlist.get(ben.id, z)).toEqual(entry(ben.id, z, 2_000));
    });

    it('lists a user’s entries newest first, ties by auction id, in slices with the full total', async () => {
      await s.watchlist.add(entry(cid.id, x, 1_000));
      await s.watchlist.add(entry(cid.id, y, 3_000));
      await s.watchlist.add(entry(cid.id, z, 3_000));
      const [tieFirst, tieSecond] = [y, z].sort();
      const expected = [entry(cid.id, tieFirst!, 3_000), entry(cid.id, tieSecond!, 3_000), entry(cid.id, x, 1_000)];
      expect(await s.watchlist.list(cid.id, { offset: 0, limit: 10 })).toEqual({ items: expected, total: 3 });
      expect(await s.watchlist.list(cid.id, { offset: 1, limit: 1 })).toEqual({ items: [expected[1]], total: 3 });
      expect(await s.watchlist.list(cid.id, { offset: 2, limit: 5 })).toEqual({ items: [expected[2]], total: 3 });
      expect(await s.watchlist.list(cid.id, { offset: 3, limit: 5 })).toEqual({ items: [], total: 3 });
      expect(await s.watchlist.list(seller.id, { offset: 0, limit: 10 })).toEqual({ items: [], total: 0 });
    });

    it('names everyone watching an auction', async () => {
      // By now: ann and cid watch x; cid watches y; ben and cid watch z.
      expect((await s.watchlist.watchers(x)).sort()).toEqual([ann.id, cid.id].sort());
      expect((await s.watchlist.watchers(z)).sort()).toEqual([ben.id, cid.id].sort());
      await s.watchlist.remove(cid.id, z);
      expect(await s.watchlist.watchers(z)).toEqual([ben.id]);
      expect(await s.watchlist.watchers(randomUUID() as AuctionId)).toEqual([]);
    });
  });
};
