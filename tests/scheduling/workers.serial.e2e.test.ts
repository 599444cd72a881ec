import type { AuctionId } from '@gavel/core';
import { describeOnPg, expectSettledOnce, type SchedulingWorld, startSchedulingWorld } from './support/scheduling-world';

jest.setTimeout(180_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Workers on Agenda's PostgreSQL backend, as a deployment runs them. */
const AGENDA = { SCHEDULER_BACKEND: process.env.GAVEL_TEST_SCHEDULER_BACKEND ?? 'postgres' };

describeOnPg('scheduling workers (Agenda on PostgreSQL, real processes)', () => {
  let world: SchedulingWorld;
  afterEach(() => world?.close());

  it('two workers, 200 auctions ending within 3 s, one worker SIGKILLed mid-run: each ends and settles once, never early, everyone notified once', async () => {
    world = await startSchedulingWorld();
    const [first, second] = [await world.worker('worker-1', AGENDA), await world.worker('worker-2', AGENDA)];
    // Jobs come from the stream: the auctions are published while the workers run.
    const firstEnd = Date.now() + 12_000;
    const ids: AuctionId[] = [];
    for (let i = 0; i < 200; i++) ids.push(await world.liveAuction(firstEnd + Math.floor((i * 3_000) / 200), i % 4));
    expect(Date.now()).toBeLessThan(firstEnd - 1_000); // all were created before the first end

    // Kill worker-1 once closing is under way.
    await world.waitFor('the first closes', async () => ((await world.statuses(ids)).get('ENDED') ?? 0) >= 20, 30_000);
    await first.stop('SIGKILL');
    const endedAtKill = (await world.statuses(ids)).get('ENDED') ?? 0;
    expect(endedAtKill).toBeLessThan(200);

    await world.waitFor('every auction to end', async () => (await world.statuses(ids)).get('ENDED') === 200, 60_000);
    const reports = await world.report(ids);
    for (const r of reports.values()) expectSettledOnce(r, world.seller.id);
    const sold = [...reports.values()].filter((r) => r.state.outcome === 'SOLD').length;
    expect(sold).toBe(150); // i % 4 bids: three in four auctions have at least one
    expect(second.running).toBe(true);
    // Nothing else went wrong in the surviving worker.
    expect(second.warnings).toEqual([]);
  });

  it('soft close under fire: bids keep extending the end; the auction closes only after the last extension and takes no bid after the close', async () => {
    world = await startSchedulingWorld({ bidders: 4 });
    await world.worker('worker-1', AGENDA);
    const end = Date.now() + 4_000;
    const id = await world.liveAuction(end, 0, { windowSeconds: 2, extendBySeconds: 2 });
    const accepted: number[] = [];
    const refusedAfter: string[] = [];
    const bidOnce = async (bidderId: (typeof world.bidders)[number]['id']) => {
      const state = (await world.db.uow.run((tx) => tx.auctions.get(id)))!.state;
      const r = await world.gavel.placeBid.execute({ auctionId: id, bidderId, amount: (state.currentPrice ?? 0) + 10_000 });
      if (r.ok) accepted.push(Date.now());
      return { r, endTime: state.endTime };
    };
    // Four bidders keep bidding for 8 s, well past the first end, each bid in the window extending it.
    const stopAt = Date.now() + 8_000;
    await Promise.all(world.bidders.map(async (bidder, b) => {
      await pause(b * 37);
      while (Date.now() < stopAt) {
        await bidOnce(bidder.id);
        await pause(150);
      }
    }));
    // Then each tries again just after the end it last saw: around the close, and after it.
    await Promise.all(world.bidders.map(async (bidder, b) => {
      const endTime = (await world.db.uow.run((tx) => tx.auctions.get(id)))!.state.endTime;
      await pause(Math.max(0, endTime - Date.now()) + b * 40);
      for (let i = 0; i < 5; i++) {
        const { r } = await bidOnce(bidder.id);
        if (!r.ok) refusedAfter.push(r.error.code);
        await pause(60);
      }
    }));
    await world.waitFor('the close', async () => (await world.statuses([id])).get('ENDED') === 1, 30_000);
    const r = (await world.report([id])).get(id)!;
    expectSettledOnce(r, world.seller.id);
    const extensions = r.events.filter((e) => e.type === 'AuctionExtended');
    expect(extensions.length).toBeGreaterThan(0);
    expect(r.state.endTime).toBeGreaterThan(end);
    const lastExtension = extensions.at(-1)!;
    const ended = r.events.find((e) => e.type === 'AuctionEnded')!;
    expect(lastExtension.type === 'AuctionExtended' && ended.occurredAt >= lastExtension.payload.endTime).toBe(true);
    // Every bid row was placed before the close committed; bids after it were refused.
    const bids = r.events.filter((e) => e.type === 'BidPlaced');
    for (const b of bids) expect(b.occurredAt).toBeLessThan(ended.occurredAt);
    expect(bids.length).toBe(accepted.length);
    expect(refusedAfter).toHaveLength(20);
    expect(new Set(refusedAfter)).toEqual(new Set(refusedAfter.filter((c) => c === 'BID_AFTER_END' || c === 'AUCTION_NOT_LIVE')));
  });

  it('restart: with every worker down, auctions pass their end; a worker started later closes all of them at once, correctly', async () => {
    world = await startSchedulingWorld();
    const w = await world.worker('worker-1', AGENDA);
    const end = Date.now() + 3_000;
    const ids: AuctionId[] = [];
    for (let i = 0; i < 30; i++) ids.push(await world.liveAuction(end + i * 10, i % 3));
    await w.stop('SIGTERM');
    await pause(Math.max(0, end + 1_500 - Date.now()));
    expect((await world.statuses(ids)).get('LIVE')).toBe(30);
    const restarted = Date.now();
    await w.start();
    await world.waitFor('every overdue auction to close', async () => (await world.statuses(ids)).get('ENDED') === 30, 30_000);
    const took = Date.now() - restarted;
    const reports = await world.report(ids);
    for (const r of reports.values()) expectSettledOnce(r, world.seller.id);
    expect([...reports.values()].filter((r) => r.state.outcome === 'NO_BIDS')).toHaveLength(10);
    expect(took).toBeLessThan(20_000);
  });
});
