import { ApiClient } from '../e2e/support/api-client';
import { BidDriver } from './support/bid-driver';
import { createLiveAuction, eventually, readAuction, register, type Session } from './support/http-fixtures';
import { describeOnPg, type RealtimeCluster, startCluster } from './support/realtime-cluster';
import { deliveryFigures, exactDeliveryProblems, type Finals, finalSeqs, summarize } from './support/stream-checks';
import { WatcherClient } from './support/watcher-client';

jest.setTimeout(120_000);

const WATCHERS = 200;
const AUCTIONS = 5;
const BIDS = 220;
const BIDDERS = 8;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Issue 5, scale-out: two API processes and two gateway processes on one PostgreSQL database.
 * Each gateway tails the outbox itself; a bid committed through either API must reach every
 * watcher on either gateway, in seq order, without gaps or repeats. Half the watchers subscribe
 * before the bidding, half while it runs (their snapshots race the stream).
 */
describeOnPg('realtime scale-out: 2 APIs, 2 gateways, 200 watchers (PostgreSQL, child processes)', () => {
  let cluster: RealtimeCluster | undefined;
  const watchers: WatcherClient[] = [];

  /** Milliseconds from the start of the file to each phase, in the printed figures. */
  const t0 = Date.now();
  const marks: Record<string, number> = {};
  const mark = (name: string) => (marks[name] = Date.now() - t0);

  beforeAll(async () => {
    cluster = await startCluster({ apis: 2, gateways: 2 });
    mark('cluster');
  });
  afterAll(async () => {
    for (const w of watchers) w.close();
    await cluster?.close();
  });

  it('every watcher gets every event of its auctions, in seq order, no gap, no duplicate', async () => {
    const c = cluster!;
    const apis = c.apis.map((s) => new ApiClient(s.url));
    const [a, b] = apis as [ApiClient, ApiClient];
    const seller = await register(a, 'seller');
    // The core allows 10 bids a minute per bidder per auction, and each API process 10
    // registrations an hour per IP: 8 bidders, half from each API.
    const bidders: Session[] = await Promise.all(Array.from({ length: BIDDERS }, (_, i) => register(i % 2 === 0 ? a : b, `bidder${i}`)));
    const soon = () => new Date(Date.now() + 10 * 60_000).toISOString();
    const auctionIds: string[] = [];
    for (let i = 0; i < AUCTIONS; i++) {
      // The first two extend on every bid (window wider than the time left): bid_update + auction_extended.
      const extending = i < 2 ? { endTime: soon(), extension: { windowSeconds: 86_400, extendBySeconds: 600 } } : {};
      auctionIds.push((await createLiveAuction(a, seller, extending)).id);
    }
    mark('users+auctions');

    const watcher = (i: number): WatcherClient => {
      const gateway = c.gateways[i % 2]!;
      const first = auctionIds[i % AUCTIONS]!;
      const watched = Math.floor(i / 2) % 2 === 0 ? [first] : [first, auctionIds[(i + 2) % AUCTIONS]!];
      const w = new WatcherClient({
        url: gateway.url, auctionIds: watched, reconnection: false,
        // Some sockets carry a bidder's token (personal room, own snapshot); most watch anonymously.
        ...(i % 10 === 0 ? { token: bidders[i % bidders.length]!.accessToken } : {}),
        validate: i % 20 === 0,
      });
      watchers.push(w);
      return w;
    };

    for (let i = 0; i < WATCHERS / 2; i++) watcher(i);
    await eventually(() => watchers.every((w) => w.synced), 30_000, () => `${watchers.filter((w) => !w.synced).length} watchers not synced`);
    mark('first watchers');

    const driver = new BidDriver({ apis, bidders, auctionIds, concurrency: 6, proxyEvery: 3 });
    const started = Date.now();
    const driving = driver.run(BIDS);
    for (let wave = 0; wave < 4; wave++) {
      await sleep(300);
      for (let i = 0; i < WATCHERS / 8; i++) watcher(watchers.length);
    }
    const figures = await driving;
    const bidMs = Date.now() - started;
    mark('bids');

    const finals: Finals = new Map(await Promise.all(auctionIds.map(async (id) => [id, await readAuction(b, id)] as const)));
    const seqs = finalSeqs(finals);
    const quietMs = await eventually(() => watchers.every((w) => w.caughtUp(seqs)), 30_000, () => {
      const behind = watchers.filter((w) => !w.caughtUp(seqs));
      return `${behind.length} watchers behind, e.g. ${JSON.stringify([...(behind[0]?.tracks.values() ?? [])].map((t) => [t.auctionId, t.state?.seq, seqs.get(t.auctionId)]))}`;
    });
    mark('caught up');
    // Anything late (a repeat) would arrive now.
    await sleep(500);

    const problems = watchers.flatMap((w, i) => exactDeliveryProblems(w, finals, `watcher ${i} (${w.url})`));
    const relayTrouble = c.warnings().filter((l) => /relay:|realtime:|does not decode/.test(l));
    const report = {
      bids: figures, bidMs, quietMs, finalSeqs: Object.fromEntries(seqs), ...deliveryFigures(watchers),
      perGateway: c.gateways.map((g) => deliveryFigures(watchers.filter((w) => w.url === g.url)).events),
      warnings: c.warnings().length, marks, warningSample: c.warnings().slice(0, 4),
    };
    console.log(`realtime scale-out: ${JSON.stringify(report)}`);

    expect(figures.acceptedPerApi.every((n) => n > 50)).toBe(true);
    expect(figures.extended).toBeGreaterThan(0);
    expect(figures.autoBids).toBeGreaterThan(0);
    expect(summarize(problems)).toEqual([]);
    expect(relayTrouble).toEqual([]);
  });
});
