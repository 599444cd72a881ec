import type { AuctionId, NewNotification, Notification, NotificationId, NotificationType, UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { T0 } from '../builders/terms.builder';
import type { PersistenceFactory, PersistenceSubject } from './persistence-subject';

const user = () => randomUUID() as UserId;

const note = (userId: UserId, at: number, type: NotificationType = 'outbid'): NewNotification => ({
  id: randomUUID() as NotificationId,
  userId,
  type,
  auctionId: randomUUID() as AuctionId,
  title: 'You have been outbid',
  message: 'Another bid leads on "Vintage camera": the price is now 20.50 USD.',
  data: { currency: 'USD', currentPrice: 2_050, minNextBid: 2_100, reserveMet: false, outcome: null, auctionTitle: 'Ünïcode ✓' },
  createdAt: T0 + at,
});

/** `NotificationRepository`: written in a unit of work, listed newest first, read marks, cursors for SSE. */
export const describeNotificationRepositoryContract = (name: string, factory: PersistenceFactory): void => {
  describe(`NotificationRepository contract: ${name}`, () => {
    let s: PersistenceSubject;
    beforeAll(async () => {
      s = await factory();
    });
    afterAll(() => s.close());

    const add = (...ns: NewNotification[]) => s.uow.run((tx) => tx.notifications.add(ns));
    const list = (userId: UserId, unreadOnly = false, offset = 0, limit = 20) =>
      s.uow.run((tx) => tx.notifications.list(userId, { unreadOnly, slice: { offset, limit } }));
    const unread = (userId: UserId) => s.uow.run((tx) => tx.notifications.unreadCount(userId));
    const stored = (n: NewNotification, readAt: number | null = null) => ({ ...n, readAt, cursor: expect.any(Number) });

    it('starts with no cursor and no notifications', async () => {
      const fresh = await factory();
      try {
        expect(await fresh.uow.run((tx) => tx.notifications.latestCursor())).toBe(0);
        expect(await fresh.uow.run((tx) => tx.notifications.feed(0, 10))).toEqual([]);
        expect(await fresh.uow.run((tx) => tx.notifications.unreadCount(user()))).toBe(0);
      } finally {
        await fresh.close();
      }
    });

    it('stores every field as given (data JSON, instants to the millisecond), unread, and lists newest first with the total', async () => {
      const ann = user();
      const [a, b, c] = [note(ann, 1_001), note(ann, 2_002, 'auction_won'), note(ann, 3_003, 'auction_ended')];
      await add(a);
      await add(b, c);
      await add(note(user(), 4_000));
      const page = await list(ann);
      expect(page).toEqual({ items: [stored(c), stored(b), stored(a)], total: 3 });
      const cursors = page.items.map((n) => n.cursor);
      expect(cursors[0]!).toBeGreaterThan(cursors[1]!);
      expect(cursors[1]!).toBeGreaterThan(cursors[2]!);
      expect(await list(ann, false, 1, 1)).toEqual({ items: [stored(b)], total: 3 });
      expect(await list(ann, false, 3, 5)).toEqual({ items: [], total: 3 });
      expect(await list(user())).toEqual({ items: [], total: 0 });
    });

    it('marks chosen ids read once, ignoring others\' and unknown ids, and counts what it marked', async () => {
      const [ann, ben] = [user(), user()];
      const [a1, a2, a3, b1] = [note(ann, 1), note(ann, 2), note(ann, 3), note(ben, 4)];
      await add(a1, a2, a3, b1);
      expect(await unread(ann)).toBe(3);
      const marked = await s.uow.run((tx) => tx.notifications.markRead(ann, [a1.id, b1.id, randomUUID() as NotificationId], T0 + 10_000));
      expect(marked).toBe(1);
      expect(await unread(ann)).toBe(2);
      expect(await unread(ben)).toBe(1);
      // Marking again neither counts nor moves the first read time.
      expect(await s.uow.run((tx) => tx.notifications.markRead(ann, [a1.id, a2.id], T0 + 20_000))).toBe(1);
      const all = await list(ann);
      expect(all.items.map((n) => [n.id, n.readAt])).toEqual([[a3.id, null], [a2.id, T0 + 20_000], [a1.id, T0 + 10_000]]);
      expect(await list(ann, true)).toEqual({ items: [stored(a3)], total: 1 });
      expect(await s.uow.run((tx) => tx.notifications.markRead(ann, [], T0))).toBe(0);
    });

    it('marks all of a user\'s unread notifications, and nobody else\'s', async () => {
      const [ann, ben] = [user(), user()];
      await add(note(ann, 1), note(ann, 2), note(ben, 3));
      expect(await s.uow.run((tx) => tx.notifications.markRead(ann, 'all', T0 + 5))).toBe(2);
      expect(await s.uow.run((tx) => tx.notifications.markRead(ann, 'all', T0 + 6))).toBe(0);
      expect(await unread(ann)).toBe(0);
      expect(await unread(ben)).toBe(1);
      expect(await list(ann, true)).toEqual({ items: [], total: 0 });
      expect((await list(ann)).items.every((n) => n.readAt === T0 + 5)).toBe(true);
    });

    it('resumes a user after a cursor with exactly the later ones, oldest first, in batches', async () => {
      const [ann, ben] = [user(), user()];
      const first = note(ann, 1);
      await add(first);
      const [{ cursor }] = (await list(ann)).items as [Notification];
      const later = [note(ann, 2), note(ann, 3), note(ann, 4)];
      await add(later[0]!, note(ben, 2));
      await add(later[1]!, later[2]!);
      const after = await s.uow.run((tx) => tx.notifications.after(ann, cursor, 10));
      expect(after.map((n) => n.id)).toEqual(later.map((n) => n.id));
      const two = await s.uow.run((tx) => tx.notifications.after(ann, cursor, 2));
      expect(two.map((n) => n.id)).toEqual(later.slice(0, 2).map((n) => n.id));
      const rest = await s.uow.run((tx) => tx.notifications.after(ann, two[1]!.cursor, 10));
      expect(rest.map((n) => n.id)).toEqual([later[2]!.id]);
      expect(await s.uow.run((tx) => tx.notifications.after(ann, rest[0]!.cursor, 10))).toEqual([]);
    });

    it('feeds everyone\'s notifications after a cursor in cursor order, up to the latest cursor', async () => {
      const start = await s.uow.run((tx) => tx.notifications.latestCursor());
      const batch = [note(user(), 1), note(user(), 2), note(user(), 3)];
      await add(batch[0]!);
      await add(batch[1]!, batch[2]!);
      const fed = await s.uow.run((tx) => tx.notifications.feed(start, 10));
      expect(fed.map((n) => n.id)).toEqual(batch.map((n) => n.id));
      expect(fed.map((n) => n.cursor)).toEqual([...fed.map((n) => n.cursor)].sort((x, y) => x - y));
      expect(await s.uow.run((tx) => tx.notifications.latestCursor())).toBe(fed[2]!.cursor);
      expect((await s.uow.run((tx) => tx.notifications.feed(start, 2))).map((n) => n.id)).toEqual(batch.slice(0, 2).map((n) => n.id));
      expect(await s.uow.run((tx) => tx.notifications.feed(fed[2]!.cursor, 10))).toEqual([]);
    });

    it('keeps nothing of a unit of work that throws, and shows a unit of work its own notifications', async () => {
      const ann = user();
      const lost = note(ann, 1);
      await expect(s.uow.run(async (tx) => {
        await tx.notifications.add([lost]);
        expect(await tx.notifications.unreadCount(ann)).toBe(1);
        expect((await tx.notifications.list(ann, { unreadOnly: true, slice: { offset: 0, limit: 5 } })).items.map((n) => n.id)).toEqual([lost.id]);
        throw new Error('rolled back');
      })).rejects.toThrow('rolled back');
      expect(await unread(ann)).toBe(0);
      expect(await list(ann)).toEqual({ items: [], total: 0 });
    });

    it('gives concurrent units of work distinct cursors and loses none', async () => {
      const start = await s.uow.run((tx) => tx.notifications.latestCursor());
      const ann = user();
      const many = Array.from({ length: 12 }, (_, i) => note(ann, i));
      await Promise.all(many.map((n) => add(n)));
      const fed = await s.uow.run((tx) => tx.notifications.feed(start, 100));
      expect(new Set(fed.map((n) => n.cursor)).size).toBe(12);
      expect(fed.map((n) => n.id).sort()).toEqual(many.map((n) => n.id).sort());
      expect(await unread(ann)).toBe(12);
    });
  });
};
