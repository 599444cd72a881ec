import { type NotificationFeedPage, type NotificationId, ok, type StreamedNotification, UserId } from '@gavel/core';
import pino from 'pino';
import { NotificationPoller } from '../src/sse/notification-poller';
import { eventually } from './support/sse-client';

const U = UserId('a0000000-0000-4000-8000-000000000001');
const V = UserId('b0000000-0000-4000-8000-000000000002');

/**
 * A notification table whose rows become visible when the test commits them, in any order:
 * what PostgreSQL shows when transactions holding cursors 4 and 5 commit 5 first.
 */
class FakeFeed {
  readonly visible = new Map<number, StreamedNotification>();
  reads = 0;
  commit(cursor: number, userId: UserId = U): void {
    this.visible.set(cursor, {
      userId, cursor,
      view: { id: `00000000-0000-4000-8000-${String(cursor).padStart(12, '0')}` as NotificationId, type: 'outbid', auctionId: 'x' as never, title: 't', message: 'm', data: {}, createdAt: '', readAt: null },
    });
  }
  readonly market = {
    notificationFeed: {
      execute: async ({ after, limit }: { after: number | null; limit: number }) => {
        this.reads += 1;
        const rows = [...this.visible.values()].sort((a, b) => a.cursor - b.cursor);
        if (after === null) return ok<NotificationFeedPage>({ items: [], end: rows.at(-1)?.cursor ?? 0 });
        const items = rows.filter((r) => r.cursor > after).slice(0, limit);
        return ok<NotificationFeedPage>({ items, end: items.at(-1)?.cursor ?? after });
      },
    },
  };
}

const setUp = (graceMs = 1_000) => {
  const feed = new FakeFeed();
  let now = 0;
  const poller = new NotificationPoller(feed.market as never, { pollMs: 5, holeGraceMs: graceMs, batchSize: 3 }, pino({ level: 'silent' }), () => now);
  const got: number[] = [];
  return { feed, poller, got, listen: (n: StreamedNotification) => got.push(n.cursor), advance: (ms: number) => (now += ms) };
};

describe('NotificationPoller', () => {
  it('starts at the end, then hands over each new notification once, to its user only', async () => {
    const { feed, poller, got, listen } = setUp();
    for (const c of [1, 2, 3]) feed.commit(c);
    const others: number[] = [];
    const sub = await poller.subscribe(U, listen);
    const subV = await poller.subscribe(V, (n) => others.push(n.cursor));
    expect(sub.position).toBe(3);
    for (let c = 4; c <= 10; c++) feed.commit(c, c === 7 ? V : U);
    await eventually(() => got.length === 6);
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([4, 5, 6, 8, 9, 10]);
    expect(others).toEqual([7]);
    sub.unsubscribe();
    subV.unsubscribe();
  });

  it('delivers a cursor that commits after a higher one (a hole), once, and starts new streams below it', async () => {
    const { feed, poller, got, listen } = setUp();
    feed.commit(1);
    const sub = await poller.subscribe(U, listen);
    feed.commit(3);
    await eventually(() => got.includes(3));
    expect(poller.stats().holes).toBe(1);
    // A stream opening now starts below the hole: cursor 2 may still commit.
    const late = await poller.subscribe(V, () => undefined);
    expect(late.position).toBe(1);
    feed.commit(2);
    await eventually(() => got.includes(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([3, 2]);
    expect(poller.stats().holes).toBe(0);
    sub.unsubscribe();
    late.unsubscribe();
  });

  it('gives a hole up after the grace period (a rolled back insert)', async () => {
    const { feed, poller, got, listen, advance } = setUp(1_000);
    const sub = await poller.subscribe(U, listen);
    feed.commit(2);
    await eventually(() => got.includes(2));
    expect(poller.stats().holes).toBe(1);
    advance(1_001);
    await eventually(() => poller.stats().holes === 0);
    feed.commit(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([2]);
    sub.unsubscribe();
  });

  it('at start, remembers the holes below the end: a slow transaction\'s notification still arrives', async () => {
    const { feed, poller, got, listen } = setUp();
    for (const c of [1, 2, 4]) feed.commit(c);
    const sub = await poller.subscribe(U, listen);
    expect(sub.position).toBe(2);
    feed.commit(3);
    await eventually(() => got.includes(3));
    expect(got).toEqual([3]);
    sub.unsubscribe();
  });

  it('reads in batches until the feed is drained, and stops reading when the last listener leaves', async () => {
    const { feed, poller, got, listen } = setUp();
    const sub = await poller.subscribe(U, listen);
    for (let c = 1; c <= 8; c++) feed.commit(c);
    await eventually(() => got.length === 8);
    sub.unsubscribe();
    expect(poller.stats()).toMatchObject({ active: false, users: 0, cursor: null });
    const reads = feed.reads;
    await new Promise((r) => setTimeout(r, 50));
    expect(feed.reads).toBe(reads);
  });
});
