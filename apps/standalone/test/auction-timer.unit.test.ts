import { type AuctionId, createGavel, UserId } from '@gavel/core';
import { FakeClock, MemoryDatabase, SequentialIdGenerator } from '@gavel/memory';
import { AuctionTimer } from '@gavel/app-standalone';
import { pino } from 'pino';

const silent = pino({ level: 'silent' });
const MINUTE = 60_000;

const setup = async () => {
  const db = new MemoryDatabase();
  const clock = new FakeClock();
  const gavel = createGavel({ uow: db.uow, clock, ids: new SequentialIdGenerator() });
  const seller = UserId('00000000-0000-4000-8000-00000000aaaa');
  await db.users.save({ id: seller, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
  const create = async (endIn: number, startIn?: number): Promise<AuctionId> => {
    const r = await gavel.createAuction.execute({
      actor: { userId: seller, role: 'user' }, publish: true,
      terms: {
        title: 't', type: 'forward', currency: 'USD', startingPrice: 100, endTime: clock.now() + endIn,
        ...(startIn !== undefined ? { startTime: clock.now() + startIn } : {}),
      },
    });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.id;
  };
  const status = async (id: AuctionId) => (await db.catalog.getMany([id]))[0]!.status;
  const timer = (pageSize = 100) => new AuctionTimer({ catalog: db.catalog, gavel, clock, logger: silent }, { pageSize, intervalMs: 3_600_000 });
  return { db, clock, gavel, create, status, timer };
};

describe('AuctionTimer', () => {
  it('closes live auctions whose end has come, and only those', async () => {
    const s = await setup();
    const soon = await s.create(MINUTE);
    const later = await s.create(10 * MINUTE);
    const t = s.timer();
    expect(await t.tick()).toEqual({ opened: 0, closed: 0 });
    s.clock.advance(MINUTE);
    expect(await t.tick()).toEqual({ opened: 0, closed: 1 });
    expect(await s.status(soon)).toBe('ENDED');
    expect(await s.status(later)).toBe('LIVE');
    expect(await t.tick()).toEqual({ opened: 0, closed: 0 }); // closing is not repeated
  });

  it('opens a scheduled auction at its start, and closes one whose end passed before it opened', async () => {
    const s = await setup();
    const opening = await s.create(10 * MINUTE, MINUTE);
    const missed = await s.create(2 * MINUTE, MINUTE);
    s.clock.advance(MINUTE);
    const t = s.timer();
    expect(await t.tick()).toEqual({ opened: 2, closed: 0 });
    expect(await s.status(opening)).toBe('LIVE');
    await s.create(2 * MINUTE, MINUTE);
    s.clock.advance(5 * MINUTE);
    // `missed` was opened (LIVE, ended now); the third one never opened and is past its end.
    expect(await t.tick()).toEqual({ opened: 0, closed: 2 });
    expect(await s.status(missed)).toBe('ENDED');
  });

  it('closes every overdue auction at start, beyond one page', async () => {
    const s = await setup();
    const ids = await Promise.all(Array.from({ length: 25 }, (_, i) => s.create(MINUTE + i)));
    const running = await s.create(60 * MINUTE);
    s.clock.advance(2 * MINUTE);
    const t = s.timer(10);
    expect(await t.start()).toEqual({ opened: 0, closed: 25 });
    await t.stop();
    for (const id of ids) expect(await s.status(id)).toBe('ENDED');
    expect(await s.status(running)).toBe('LIVE');
  });

  it('keeps going when closing one auction fails, and tries it again on the next tick', async () => {
    const s = await setup();
    const a = await s.create(MINUTE);
    const b = await s.create(MINUTE + 1);
    s.clock.advance(2 * MINUTE);
    let failures = 1;
    const flaky = {
      openAuction: s.gavel.openAuction,
      closeAuction: {
        execute: (input: { auctionId: AuctionId }) => {
          if (input.auctionId === a && failures-- > 0) return Promise.reject(new Error('connection reset'));
          return s.gavel.closeAuction.execute(input);
        },
      },
    } as unknown as typeof s.gavel;
    const t = new AuctionTimer({ catalog: s.db.catalog, gavel: flaky, clock: s.clock, logger: silent });
    expect(await t.tick()).toEqual({ opened: 0, closed: 1 });
    expect(await s.status(b)).toBe('ENDED');
    expect(await t.tick()).toEqual({ opened: 0, closed: 1 });
    expect(await s.status(a)).toBe('ENDED');
  });
});
