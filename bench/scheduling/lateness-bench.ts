import { createGavel, type AuctionTerms, type UserId } from '@gavel/core';
import { KnexDatabase } from '@gavel/knex';
import { RandomUuidGenerator, SystemClock } from '@gavel/memory';
import { randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { ChildService, freePort } from '../../tests/realtime/support/child-service';
import { freshPostgres, postgresVersion, withFresh } from '../http/fresh-database';

/**
 * Close lateness: N auctions end within the same second; how long after its end each one is
 * closed and settled, with one and with two worker processes (`apps/worker`) on Agenda's
 * PostgreSQL backend, and with the in-process scheduler in one worker as a reference.
 *
 * Lateness is measured twice: by the workers, after the close's transaction committed
 * (`/stats?samples=1`), and from the table (`ended_at - end_time`, the instant inside the
 * transaction). The auctions are published while the workers run, so their jobs come from the
 * stream, as in production; half of them have a bid, so half settle a sale.
 */

/** The built worker app (this file runs from bench/dist/bench/scheduling). */
const WORKER_MAIN = join(__dirname, '..', '..', '..', '..', 'apps', 'worker', 'dist', 'main.js');

const AUCTIONS = Number(process.env.BENCH_SCHED_AUCTIONS ?? 1_000);
/** Setup-to-end margin after the last auction is created (above the workers' close lead, 5 s with Agenda). */
const LEAD_MS = Number(process.env.BENCH_SCHED_LEAD_MS ?? 10_000);
const SCENARIOS = (process.env.BENCH_SCHED_SCENARIOS ?? 'postgres:1,postgres:2,in-process:1').split(',').map((s) => {
  const [backend, workers] = s.split(':');
  return { backend: backend!, workers: Number(workers ?? 1) };
});

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
const summary = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1) ?? NaN };
};

interface ScenarioResult {
  readonly scenario: string;
  readonly backend: string;
  readonly workers: number;
  readonly auctions: number;
  /** From the workers: end → close committed. */
  readonly committedLateMs: ReturnType<typeof summary>;
  /** From the table: end → the close's instant inside the transaction. */
  readonly tableLateMs: ReturnType<typeof summary>;
  readonly closedPerWorker: number[];
  readonly allEndedOnceMs: number;
  readonly setupMs: number;
  readonly exactlyOnce: boolean;
}

const runScenario = async (serverUrl: string, backend: string, workerCount: number): Promise<ScenarioResult> =>
  withFresh(await freshPostgres(serverUrl), async (url) => {
    const db = new KnexDatabase({ url, pool: { max: 10 } });
    await db.migrate();
    const gavel = createGavel({ uow: db.uow, clock: new SystemClock(), ids: new RandomUuidGenerator(), fraudPolicies: [] });
    const seller = randomUUID() as UserId;
    const bidder = randomUUID() as UserId;
    await db.uow.run(async (tx) => {
      for (const id of [seller, bidder]) await tx.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
    });
    const workers: ChildService[] = [];
    try {
      for (let i = 0; i < workerCount; i++) {
        const w = new ChildService({
          name: `worker-${i + 1}`, main: WORKER_MAIN, port: await freePort(),
          env: {
            NODE_ENV: 'production', DATABASE_URL: url, DATABASE_MIGRATE: 'false', DATABASE_POOL_MAX: '10', LOG_LEVEL: 'warn',
            SCHEDULER_BACKEND: backend, WORKER_NAME: `worker-${i + 1}`,
            ...(process.env.BENCH_SCHED_CONCURRENCY ? { SCHEDULER_CONCURRENCY: process.env.BENCH_SCHED_CONCURRENCY } : {}),
            ...(process.env.BENCH_SCHED_POLL_MS ? { SCHEDULER_POLL_MS: process.env.BENCH_SCHED_POLL_MS } : {}),
            ...(process.env.BENCH_SCHED_LEAD_MS_CLOSE ? { SCHEDULER_CLOSE_LEAD_MS: process.env.BENCH_SCHED_LEAD_MS_CLOSE } : {}),
            ...(process.env.BENCH_SCHED_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SCHED_NODE_OPTIONS } : {}),
          },
        });
        await w.start();
        workers.push(w);
      }
      // Published while the workers run: every job comes from the stream.
      const setupStart = Date.now();
      const estimate = setupStart + AUCTIONS * 20 + LEAD_MS;
      const second = Math.ceil(estimate / 1000) * 1000;
      const terms = (i: number): Omit<AuctionTerms, 'commissionBps'> => ({
        title: `Lot ${i}`, description: 'bench', categoryId: null, type: 'forward', currency: 'USD', startingPrice: 1_000,
        reservePrice: null, buyNowPrice: null, budgetMax: null, increment: 'table', startTime: null,
        endTime: second + Math.floor((i * 997) % 1000), extension: { windowSeconds: 1, extendBySeconds: 1 },
        buyerPremiumBps: 0, shippingCost: 0,
      });
      // Four creators at once, as several API processes would.
      let next = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        for (let i = next++; i < AUCTIONS; i = next++) {
          const created = await gavel.createAuction.execute({ actor: { userId: seller, role: 'user' }, terms: terms(i), publish: true });
          if (!created.ok) throw new Error(JSON.stringify(created.error));
          if (i % 2 === 0) {
            const bid = await gavel.placeBid.execute({ auctionId: created.value.id, bidderId: bidder, amount: 1_000 });
            if (!bid.ok) throw new Error(JSON.stringify(bid.error));
          }
        }
      }));
      const setupMs = Date.now() - setupStart;
      if (Date.now() > second - 1_000) throw new Error(`setup took ${setupMs} ms and ran into the end second; raise BENCH_SCHED_LEAD_MS`);
      const deadline = second + 120_000;
      let endedAll = NaN;
      for (;;) {
        const [row] = await db.knex('auctions').where('status', 'ENDED').count({ n: '*' });
        if (Number(row!.n) === AUCTIONS) {
          endedAll = Date.now() - second;
          break;
        }
        if (Date.now() > deadline) throw new Error(`only ${Number(row!.n)} of ${AUCTIONS} ended 120 s after the end second`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 300));
      const stats = await Promise.all(workers.map(async (w) => ((await (await fetch(`${w.url}/stats?samples=1`)).json()) as { data: { latenessMs: number[] } }).data));
      const committed = stats.flatMap((s) => s.latenessMs);
      const rows: { end_time: unknown; ended_at: unknown }[] = await db.knex('auctions').select('end_time', 'ended_at');
      const table = rows.map((r) => db.dialect.readInstant(r.ended_at) - db.dialect.readInstant(r.end_time));
      const [ends] = await db.knex('outbox').where('type', 'AuctionEnded').count({ n: '*' });
      return {
        scenario: `${AUCTIONS} auctions, ${workerCount} worker(s), ${backend}`,
        backend, workers: workerCount, auctions: AUCTIONS,
        committedLateMs: summary(committed),
        tableLateMs: summary(table),
        closedPerWorker: stats.map((s) => s.latenessMs.length),
        allEndedOnceMs: endedAll,
        setupMs,
        exactlyOnce: Number(ends!.n) === AUCTIONS && committed.length === AUCTIONS && Math.min(...table) >= 0,
      };
    } finally {
      await Promise.all(workers.map((w) => w.stop('SIGTERM', 5_000)));
      await db.close();
    }
  });

export const runSchedulingBench = async () => {
  const serverUrl = process.env.GAVEL_TEST_PG_URL;
  if (!serverUrl) throw new Error('GAVEL_TEST_PG_URL is not set: run through scripts/with-services.sh');
  const results: ScenarioResult[] = [];
  for (const s of SCENARIOS) {
    const r = await runScenario(serverUrl, s.backend, s.workers);
    console.log(`${r.scenario}: committed lateness p50 ${r.committedLateMs.p50} ms, p99 ${r.committedLateMs.p99} ms, max ${r.committedLateMs.max} ms; per worker ${r.closedPerWorker.join('/')}; exactly once: ${r.exactlyOnce}`);
    results.push(r);
  }
  console.table(results.map((r) => ({
    scenario: r.scenario, 'p50 ms': r.committedLateMs.p50, 'p99 ms': r.committedLateMs.p99, 'max ms': r.committedLateMs.max,
    'all ended (ms after the second)': r.allEndedOnceMs, 'closed per worker': r.closedPerWorker.join('/'), 'exactly once': r.exactlyOnce,
  })));
  return {
    node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, loadavg: loadavg().map((l) => +l.toFixed(2)),
    postgres: await postgresVersion(serverUrl), at: new Date().toISOString(),
    goal: 'p99 lateness under 1 s for 1,000 auctions ending in the same second',
    results,
  };
};
