import { createGavel, type StoredEvent, UserId } from '@gavel/core';
import { FakeClock, MemoryDatabase, SequentialIdGenerator } from '@gavel/memory';
import { InProcessEventFeed } from '@gavel/app-standalone';
import { pino } from 'pino';

const silent = pino({ level: 'silent' });

const setup = async () => {
  const db = new MemoryDatabase();
  const clock = new FakeClock();
  const gavel = createGavel({ uow: db.uow, clock, ids: new SequentialIdGenerator() });
  const seller = UserId('00000000-0000-4000-8000-00000000aaaa');
  await db.users.save({ id: seller, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
  const create = async () => {
    const r = await gavel.createAuction.execute({
      actor: { userId: seller, role: 'user' }, publish: true,
      terms: { title: 't', type: 'forward', currency: 'USD', startingPrice: 100, endTime: clock.now() + 60_000 },
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.id;
  };
  return { db, create };
};

describe('InProcessEventFeed', () => {
  it('skips history by default and delivers what commits after the start, in order, to every listener', async () => {
    const s = await setup();
    const before = await s.create();
    const feed = new InProcessEventFeed(s.db.events, silent, { intervalMs: 3_600_000 });
    const seen: StoredEvent[] = [];
    const seenToo: StoredEvent[] = [];
    feed.subscribe((e) => void seen.push(e));
    feed.subscribe((e) => void seenToo.push(e));
    await feed.start();
    expect(await feed.poll()).toBe(0);
    const after = await s.create();
    expect(await feed.poll()).toBe(2); // AuctionCreated, AuctionPublished
    expect(seen.map((e) => [e.auctionId, e.type])).toEqual([[after, 'AuctionCreated'], [after, 'AuctionPublished']]);
    expect(seenToo).toEqual(seen);
    expect(seen.some((e) => e.auctionId === before)).toBe(false);
    expect(feed.lastPosition).toBe(seen[1]!.position);
    await feed.stop();
  });

  it('replays from a given position, and one failing listener does not starve the others', async () => {
    const s = await setup();
    await s.create();
    await s.create();
    const feed = new InProcessEventFeed(s.db.events, silent, { intervalMs: 3_600_000, batchSize: 1 });
    const seen: number[] = [];
    feed.subscribe(() => {
      throw new Error('listener bug');
    });
    const unsubscribe = feed.subscribe((e) => void seen.push(e.position));
    await feed.start(0);
    expect(await feed.poll()).toBe(4);
    expect(seen).toHaveLength(4);
    unsubscribe();
    await s.create();
    expect(await feed.poll()).toBe(2);
    expect(seen).toHaveLength(4);
    await feed.stop();
  });

  it('polls on its own once started', async () => {
    const s = await setup();
    const feed = new InProcessEventFeed(s.db.events, silent, { intervalMs: 20 });
    const seen: StoredEvent[] = [];
    feed.subscribe((e) => void seen.push(e));
    await feed.start();
    await s.create();
    for (let i = 0; i < 100 && seen.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect(seen).toHaveLength(2);
    await feed.stop();
  });
});
