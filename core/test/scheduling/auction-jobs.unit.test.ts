import { AuctionJobs, type AuctionId, type AuctionTerms, createGavel, nextBidLimit, type StoredEvent } from '@gavel/core';
import { InProcessScheduler } from '@gavel/memory';
import fc from 'fast-check';
import { actor, ALICE, BOB, CAROL, expectOk, harness, SELLER } from '../../../tests/builders/harness.builder';
import { forwardTerms, HOUR, T0 } from '../../../tests/builders/terms.builder';

const MIN = 60_000;

/** The core on memory adapters, an in-process scheduler on the same fake clock, and the jobs fed by the outbox. */
const setUp = async () => {
  const h = await harness();
  const scheduler = new InProcessScheduler({ clock: h.clock, maxSleepMs: 3_600_000 });
  const closed: { auctionId: AuctionId; lateMs: number }[] = [];
  const refused: string[] = [];
  const jobs = new AuctionJobs({
    gavel: h.gavel, uow: h.db.uow, catalog: h.db.catalog, scheduler, clock: h.clock,
    onClosed: (c) => closed.push(c), onRefused: (_job, code) => refused.push(code),
  });
  await scheduler.start(jobs.handlers);
  let cursor = 0;
  /** Hands the committed events since the last call to `onEvent`, as the worker's relay does. */
  const relay = async () => {
    for (const e of await h.db.events.readAfter(cursor, 10_000)) {
      cursor = e.position;
      await jobs.onEvent(e);
    }
  };
  const create = async (terms: Partial<AuctionTerms>) => {
    const { commissionBps: _c, ...rest } = forwardTerms(terms);
    const id = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: rest, publish: true })).id;
    await relay();
    return id;
  };
  /** Moves the clock and runs what is due, feeding the jobs' own events back, until nothing more is due. */
  const at = async (instant: number) => {
    h.clock.set(instant);
    for (let i = 0; i < 10 && (await scheduler.runDue()) > 0; i++) await relay();
    await relay();
  };
  const events = async (id: AuctionId): Promise<StoredEvent[]> => h.db.events.readAuction(id, 0);
  const status = async (id: AuctionId) => (await h.db.uow.run((tx) => tx.auctions.get(id)))!.state;
  return { ...h, scheduler, jobs, closed, refused, relay, create, at, events, status };
};

describe('AuctionJobs', () => {
  it('opens a scheduled auction at its start, then closes it at its end, each when due and not before', async () => {
    const w = await setUp();
    const id = await w.create({ startTime: T0 + HOUR, endTime: T0 + 2 * HOUR });
    expect(await w.scheduler.pending('auction.open', id)).toMatchObject({ runAt: T0 + HOUR });
    await w.at(T0 + HOUR - 1);
    expect((await w.status(id)).status).toBe('SCHEDULED');
    await w.at(T0 + HOUR);
    expect((await w.status(id)).status).toBe('LIVE');
    expect(await w.scheduler.pending('auction.close', id)).toMatchObject({ runAt: T0 + 2 * HOUR });
    await w.at(T0 + 2 * HOUR - 1);
    expect((await w.status(id)).status).toBe('LIVE');
    await w.at(T0 + 2 * HOUR + 250);
    expect((await w.status(id)).status).toBe('ENDED');
    expect(w.closed).toEqual([{ auctionId: id, endTime: T0 + 2 * HOUR, lateMs: 250 }]);
    expect(w.scheduler.size).toBe(0);
  });

  it('a close job that fires before an extended end reschedules itself to the new end and closes only then', async () => {
    const w = await setUp();
    const id = await w.create({ endTime: T0 + HOUR, extension: { windowSeconds: 120, extendBySeconds: 300 } });
    w.clock.set(T0 + HOUR - MIN);
    expectOk(await w.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    await w.relay();
    const extendedEnd = T0 + HOUR - MIN + 5 * MIN;
    expect((await w.status(id)).endTime).toBe(extendedEnd);
    // The job still holds the first end: it runs there, finds the auction live, and moves.
    expect(await w.scheduler.pending('auction.close', id)).toMatchObject({ runAt: T0 + HOUR });
    await w.at(T0 + HOUR);
    expect((await w.status(id)).status).toBe('LIVE');
    expect(await w.scheduler.pending('auction.close', id)).toMatchObject({ runAt: extendedEnd });
    await w.at(extendedEnd);
    expect((await w.status(id))).toMatchObject({ status: 'ENDED', outcome: 'SOLD', winnerId: ALICE });
  });

  it('a close job run twice settles once: one AuctionEnded, one AuctionSettled, one notification each', async () => {
    const w = await setUp();
    const id = await w.create({ endTime: T0 + HOUR });
    expectOk(await w.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    expectOk(await w.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 2_000 }));
    w.clock.set(T0 + HOUR);
    const job = { name: 'auction.close' as const, auctionId: id, runAt: T0 + HOUR };
    const outcomes = await Promise.all([w.jobs.handlers['auction.close'](job), w.jobs.handlers['auction.close'](job), w.jobs.handlers['auction.close'](job)]);
    expect(outcomes).toEqual([{ done: true }, { done: true }, { done: true }]);
    const types = (await w.events(id)).map((e) => e.type);
    expect(types.filter((t) => t === 'AuctionEnded')).toHaveLength(1);
    expect(types.filter((t) => t === 'AuctionSettled')).toHaveLength(1);
    expect(w.closed).toHaveLength(1);
    const notified = await w.db.uow.run((tx) => tx.notifications.feed(0, 100));
    expect(notified.map((n) => [n.userId, n.type]).sort()).toEqual([[ALICE, 'outbid'], [ALICE, 'auction_lost'], [BOB, 'auction_won'], [SELLER, 'auction_ended']].sort());
  });

  it('closeAuctions closes a batch in one unit of work, with a result per auction in input order', async () => {
    const w = await setUp();
    const sold = await w.create({ endTime: T0 + HOUR });
    const unsold = await w.create({ endTime: T0 + HOUR });
    const later = await w.create({ endTime: T0 + 3 * HOUR });
    expectOk(await w.gavel.placeBid.execute({ auctionId: sold, bidderId: ALICE, amount: 1_000 }));
    w.clock.set(T0 + 2 * HOUR);
    const missing = 'a0000000-0000-4000-8000-00000000dead' as AuctionId;
    const units: number[] = [];
    const spy = { ...w.db.uow, withAuctions: (ids: readonly AuctionId[], work: Parameters<typeof w.db.uow.withAuctions>[1]) => (units.push(ids.length), w.db.uow.withAuctions(ids, work)) };
    const gavel = createGavel({ uow: spy as typeof w.db.uow, clock: w.clock, ids: w.ids, fraudPolicies: [] });
    const results = expectOk(await gavel.closeAuctions.execute({ auctionIds: [later, sold, missing, unsold] }));
    expect(units).toEqual([4]);
    expect(results.map((r) => (r.ok ? [r.value.changed, r.value.state.outcome] : r.error.code))).toEqual([
      'AUCTION_NOT_ENDED', [true, 'SOLD'], 'AUCTION_NOT_FOUND', [true, 'NO_BIDS'],
    ]);
    // Again: nothing changes, and the notifications of the first batch exist once.
    const again = expectOk(await gavel.closeAuctions.execute({ auctionIds: [sold, unsold] }));
    expect(again.map((r) => r.ok && r.value.changed)).toEqual([false, false]);
    const notified = await w.db.uow.run((tx) => tx.notifications.feed(0, 100));
    expect(notified.filter((n) => n.type !== 'outbid').map((n) => `${n.auctionId === sold ? 'sold' : 'unsold'} ${n.type}`).sort())
      .toEqual(['sold auction_ended', 'sold auction_won', 'unsold auction_ended']);
    expect((await w.events(sold)).map((e) => e.seq)).toEqual((await w.events(sold)).map((_e, i) => i + 1));
    expect(await gavel.closeAuctions.execute({ auctionIds: [sold, sold] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    expect(await gavel.closeAuctions.execute({ auctionIds: Array.from({ length: 101 }, (_x, i) => `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}` as AuctionId) }))
      .toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
  });

  it('close jobs that start together are closed in one batch, each with its own outcome', async () => {
    const w = await setUp();
    const ids = [await w.create({ endTime: T0 + HOUR }), await w.create({ endTime: T0 + HOUR }), await w.create({ endTime: T0 + 3 * HOUR })];
    const batches: number[] = [];
    const jobs = new AuctionJobs({
      gavel: { openAuction: w.gavel.openAuction, closeAuctions: { execute: (input) => (batches.push(input.auctionIds.length), w.gavel.closeAuctions.execute(input)) } },
      uow: w.db.uow, catalog: w.db.catalog, scheduler: w.scheduler, clock: w.clock,
    });
    w.clock.set(T0 + HOUR);
    const outcomes = await Promise.all(ids.map((auctionId) => jobs.handlers['auction.close']({ name: 'auction.close', auctionId, runAt: T0 + HOUR })));
    expect(batches).toEqual([3]);
    expect(outcomes).toEqual([{ done: true }, { done: true }, { retryAt: T0 + 3 * HOUR }]);
  });

  it('with a close lead, the close job is due that long before the end and its handler waits for the end itself', async () => {
    const w = await setUp();
    const slept: number[] = [];
    const jobs = new AuctionJobs({
      gavel: w.gavel, uow: w.db.uow, catalog: w.db.catalog, scheduler: w.scheduler, clock: w.clock, closeLeadMs: 3_000,
      sleep: async (ms) => {
        slept.push(ms);
        w.clock.advance(ms);
      },
    });
    const id = await w.create({ endTime: T0 + HOUR });
    await jobs.onEvent((await w.events(id)).find((e) => e.type === 'AuctionPublished')!);
    expect(await w.scheduler.pending('auction.close', id)).toMatchObject({ runAt: T0 + HOUR - 3_000 });
    w.clock.set(T0 + HOUR - 3_000);
    expect(await jobs.handlers['auction.close']({ name: 'auction.close', auctionId: id, runAt: T0 + HOUR - 3_000 })).toEqual({ done: true });
    expect(slept).toEqual([3_000]);
    expect((await w.status(id))).toMatchObject({ status: 'ENDED', endedAt: T0 + HOUR });
    expect(() => new AuctionJobs({ gavel: w.gavel, uow: w.db.uow, catalog: w.db.catalog, scheduler: w.scheduler, clock: w.clock, closeLeadMs: 1 })).toThrow(/sleep/);
  });

  it('reconcile re-derives every job from the auctions table; overdue ones run at once', async () => {
    const w = await setUp();
    const live = await w.create({ endTime: T0 + HOUR });
    const later = await w.create({ startTime: T0 + HOUR, endTime: T0 + 3 * HOUR });
    const overdue = await w.create({ endTime: T0 + 2 * HOUR });
    const missedStart = await w.create({ startTime: T0 + 30 * MIN, endTime: T0 + 2 * HOUR });
    // A restart: a fresh scheduler knows nothing.
    await w.scheduler.stop();
    const fresh = new InProcessScheduler({ clock: w.clock, maxSleepMs: 3_600_000 });
    const jobs = new AuctionJobs({ gavel: w.gavel, uow: w.db.uow, catalog: w.db.catalog, scheduler: fresh, clock: w.clock });
    await fresh.start(jobs.handlers);
    w.clock.set(T0 + 90 * MIN);
    expect(await jobs.reconcile()).toEqual({ opens: 2, closes: 2 });
    expect(await fresh.pending('auction.open', later)).toMatchObject({ runAt: T0 + HOUR });
    expect(await fresh.pending('auction.close', overdue)).toMatchObject({ runAt: T0 + 2 * HOUR });
    expect(await fresh.pending('auction.open', missedStart)).toMatchObject({ runAt: T0 + 30 * MIN });
    // Due now: the live one's close (its end passed during the downtime) and both missed starts.
    expect(await fresh.runDue()).toBe(3);
    expect((await w.status(live)).status).toBe('ENDED');
    expect((await w.status(later)).status).toBe('LIVE');
    expect((await w.status(missedStart)).status).toBe('LIVE');
    expect((await w.status(overdue)).status).toBe('LIVE');
    expect(await fresh.pending('auction.close', later)).toMatchObject({ runAt: T0 + 3 * HOUR });
    expect(await fresh.pending('auction.close', missedStart)).toMatchObject({ runAt: T0 + 2 * HOUR });
    await fresh.stop();
  });

  it('follows the stream: cancelling drops the jobs, an edit of the end moves the close, buy now ends it early', async () => {
    const w = await setUp();
    const cancelled = await w.create({ startTime: T0 + HOUR, endTime: T0 + 2 * HOUR });
    expectOk(await w.gavel.cancelAuction.execute({ auctionId: cancelled, actor: actor(SELLER) }));
    await w.relay();
    expect(await w.scheduler.pending('auction.open', cancelled)).toBeNull();

    const edited = await w.create({ endTime: T0 + HOUR });
    expectOk(await w.gavel.editAuction.execute({ auctionId: edited, actor: actor(SELLER), patch: { endTime: T0 + 2 * HOUR } }));
    await w.relay();
    expect(await w.scheduler.pending('auction.close', edited)).toMatchObject({ runAt: T0 + 2 * HOUR });

    const bought = await w.create({ endTime: T0 + HOUR, buyNowPrice: 5_000 });
    expectOk(await w.gavel.buyNow.execute({ auctionId: bought, buyerId: CAROL }));
    await w.relay();
    expect(await w.scheduler.pending('auction.close', bought)).toBeNull();
    expect(w.refused).toEqual([]);
  });

  it('property: whatever the bids, duplicate runs and job times, an auction ends once, never before its end, and takes no bid after', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ atSec: fc.integer({ min: 0, max: 4_000 }), bidder: fc.constantFrom(ALICE, BOB, CAROL), raise: fc.integer({ min: 0, max: 500 }) }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 4_500 }), { minLength: 1, maxLength: 8 }),
        async (bids, jobRunsSec) => {
          const w = await setUp();
          const id = await w.create({ endTime: T0 + HOUR, extension: { windowSeconds: 300, extendBySeconds: 300 } });
          const steps = [
            ...bids.map((b) => ({ at: T0 + b.atSec * 1_000, kind: 'bid' as const, b })),
            ...jobRunsSec.map((s) => ({ at: T0 + s * 1_000, kind: 'run' as const })),
          ].sort((x, y) => x.at - y.at);
          let acceptedAfterEnd = 0;
          for (const step of steps) {
            w.clock.set(step.at);
            if (step.kind === 'bid') {
              const s = await w.status(id);
              const amount = nextBidLimit(s) + step.b.raise;
              const r = await w.gavel.placeBid.execute({ auctionId: id, bidderId: step.b.bidder, amount });
              if (r.ok && s.status === 'ENDED') acceptedAfterEnd += 1;
            } else {
              // A duplicate delivery of the close job, whatever its stored time says.
              await w.jobs.handlers['auction.close']({ name: 'auction.close', auctionId: id, runAt: T0 + HOUR });
            }
            await w.relay();
          }
          await w.at(T0 + 10 * HOUR);
          const ended = (await w.events(id)).filter((e) => e.type === 'AuctionEnded');
          const final = await w.status(id);
          expect(ended).toHaveLength(1);
          expect(final.status).toBe('ENDED');
          expect(ended[0]!.occurredAt).toBeGreaterThanOrEqual(final.endTime);
          expect(acceptedAfterEnd).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });
});
