import { type AuctionId, type AuctionState, createGavel, type Gavel, type Notification, type StoredEvent, type User } from '@gavel/core';
import { KnexDatabase } from '@gavel/knex';
import { RandomUuidGenerator, SystemClock } from '@gavel/memory';
import { newUser, seedUsers } from '../../contracts/persistence-subject';
import { forwardTerms } from '../../builders/terms.builder';
import { freshDatabase, type FreshDatabase } from '../../e2e/support/e2e-database';
import { ChildService, freePort, WORKER_MAIN } from '../../realtime/support/child-service';

export { describeOnPg } from '../../realtime/support/realtime-cluster';

export interface AuctionReport {
  readonly state: AuctionState;
  readonly events: readonly StoredEvent[];
  readonly notifications: readonly Notification[];
}

/**
 * A fresh PostgreSQL database, the core on it in this process (to create auctions and bid, as
 * the API would), and worker processes (`apps/worker/dist/main.js`) started and killed at will.
 */
export const startSchedulingWorld = async (opts: { readonly bidders?: number } = {}) => {
  const fresh: FreshDatabase = await freshDatabase('pg');
  const db = new KnexDatabase({ url: fresh.url, pool: { max: 10 } });
  await db.migrate();
  const clock = new SystemClock();
  // No fraud policies: the drivers bid far faster than the velocity limit allows a person.
  const gavel: Gavel = createGavel({ uow: db.uow, clock, ids: new RandomUuidGenerator(), fraudPolicies: [] });
  const seller = newUser();
  const bidders: User[] = Array.from({ length: opts.bidders ?? 6 }, () => newUser());
  await seedUsers(db.uow, [seller, ...bidders]);
  const workers: ChildService[] = [];

  const worker = async (name: string, env: Readonly<Record<string, string>> = {}): Promise<ChildService> => {
    const w = new ChildService({
      name, main: WORKER_MAIN, port: await freePort(),
      env: {
        NODE_ENV: 'test', DATABASE_URL: fresh.url, DATABASE_POOL_MAX: '10', DATABASE_MIGRATE: 'false', LOG_LEVEL: 'warn',
        SHUTDOWN_TIMEOUT_MS: '2000', SCHEDULER_POLL_MS: '100', SCHEDULER_LOCK_LIFETIME_MS: '4000', SCHEDULER_CLOSE_LEAD_MS: '1000', WORKER_NAME: name, ...env,
      },
    });
    workers.push(w);
    await w.start();
    return w;
  };

  /**
   * A published, live auction ending at `endTime`; `bids` bids by rotating bidders, placed now.
   * The default soft-close window (1 s) leaves the end where it is for bids placed earlier.
   */
  const liveAuction = async (endTime: number, bids = 0, extension = { windowSeconds: 1, extendBySeconds: 1 }): Promise<AuctionId> => {
    const { commissionBps: _c, ...terms } = forwardTerms({ endTime, extension, reservePrice: null });
    const created = await gavel.createAuction.execute({ actor: { userId: seller.id, role: 'user' }, terms, publish: true });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    for (let i = 0; i < bids; i++) {
      const r = await gavel.placeBid.execute({ auctionId: created.value.id, bidderId: bidders[i % bidders.length]!.id, amount: created.value.startingPrice + i * 1_000 });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
    }
    return created.value.id;
  };

  const report = async (ids: readonly AuctionId[]): Promise<Map<AuctionId, AuctionReport>> => {
    const all = await db.uow.run((tx) => tx.notifications.feed(0, 1_000_000));
    const out = new Map<AuctionId, AuctionReport>();
    for (const id of ids) {
      const auction = await db.uow.run((tx) => tx.auctions.get(id));
      out.set(id, { state: auction!.state, events: await db.events.readAuction(id, 0), notifications: all.filter((n) => n.auctionId === id) });
    }
    return out;
  };

  const statuses = async (ids: readonly AuctionId[]): Promise<Map<string, number>> => {
    const rows: { status: string; n: string | number }[] = await db.knex('auctions').whereIn('id', [...ids]).select('status').count({ n: '*' }).groupBy('status');
    return new Map(rows.map((r) => [r.status, Number(r.n)]));
  };

  const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${workers.map((w) => w.log()).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const close = async () => {
    await Promise.all(workers.map((w) => w.stop('SIGTERM', 5_000).catch(() => w.stop('SIGKILL'))));
    await db.close();
    await fresh.drop().catch(() => undefined);
  };

  return { fresh, db, gavel, seller, bidders, workers, worker, liveAuction, report, statuses, waitFor, close };
};

export type SchedulingWorld = Awaited<ReturnType<typeof startSchedulingWorld>>;

/**
 * Checks one ended auction against what exactly-once settlement means: one `AuctionEnded` (and
 * one `AuctionSettled` when sold), at or after its end; one notification for the winner, one for
 * each other bidder, one for the seller, and nothing twice.
 */
export const expectSettledOnce = (r: AuctionReport, sellerId: string): void => {
  const { state, events, notifications } = r;
  expect(state.status).toBe('ENDED');
  const ended = events.filter((e) => e.type === 'AuctionEnded');
  expect(ended).toHaveLength(1);
  expect(ended[0]!.occurredAt).toBeGreaterThanOrEqual(state.endTime);
  expect(state.endedAt).toBeGreaterThanOrEqual(state.endTime);
  expect(events.filter((e) => e.type === 'AuctionSettled')).toHaveLength(state.outcome === 'SOLD' ? 1 : 0);
  const seqs = events.map((e) => e.seq);
  expect(seqs).toEqual(seqs.map((_s, i) => i + 1));
  const endNotices = notifications.filter((n) => n.type !== 'outbid');
  const bidders = new Set(events.filter((e) => e.type === 'BidPlaced').flatMap((e) => (e.type === 'BidPlaced' ? e.payload.bids.map((b) => b.bidderId) : [])));
  const expected = [
    [sellerId, 'auction_ended'],
    ...[...bidders].map((b) => [b, b === state.winnerId ? 'auction_won' : 'auction_lost']),
  ].map((x) => x.join(' ')).sort();
  expect(endNotices.map((n) => `${n.userId} ${n.type}`).sort()).toEqual(expected);
};
