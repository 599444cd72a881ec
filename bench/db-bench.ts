import { type AuctionId, createGavel, type UserId } from '@gavel/core';
import { KnexDatabase } from '@gavel/knex';
import { RandomUuidGenerator } from '@gavel/memory';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { type LoadResult, type Outcome, PriceBook, ACCEPTED, REFUSED, runLoops } from './load';
import { openRawPool, rawCteBid, rawTransactionBid } from './raw-pg';

/**
 * The database bench: PlaceBid through the Knex adapter on SQLite and PostgreSQL, as bids per
 * second under N concurrent bidders, plus (PostgreSQL) the raw-SQL ceiling for the same
 * transaction. Every scenario is a closed loop (bench/load.ts) on fresh rows.
 */

const DURATION_MS = Number(process.env.BENCH_DB_MS ?? 3_000);
const WARMUP_MS = Math.min(500, Math.round(DURATION_MS / 5));
/**
 * An unrecorded run before each engine's first scenario: otherwise that scenario alone pays for
 * compiling the adapter's and the driver's hot paths and for opening the pool's connections.
 */
const ENGINE_WARMUP = { ms: Math.min(1_000, DURATION_MS), concurrency: 8 } as const;
const HOT_CONCURRENCY = [1, 8, 32, 64] as const;
const SPREAD = { auctions: 1_000, loops: 32 } as const;
/** PostgreSQL pool size, Knex and raw alike (SQLite always runs on one connection). */
const POOL_MAX = 16;
/** More bidders than loops: a bidder never has two bids in flight on the hot auction. */
const BIDDER_COUNT = 100;
const STARTING_PRICE = 1_000;
/** The auctions' fixed increment, in minor units. */
const INCREMENT = 1;
/**
 * What each bid adds to the last seen price: ten increments, so a bid answered by a proxy's
 * auto-bid (price + 1 increment) never makes the next bid in the queue too low.
 */
const STEP = 10 * INCREMENT;
const PROXY_SHARE = 0.03;
const REFUSAL_CODES = new Set(['BID_TOO_LOW', 'ALREADY_HIGHEST_BIDDER']);

type Gavel = ReturnType<typeof createGavel>;
type DatabaseName = 'sqlite' | 'postgresql';

export interface DbRow extends LoadResult {
  readonly database: DatabaseName;
  readonly engine: 'knex' | 'raw pg';
  readonly scenario: string;
  /** null: not applicable (raw SQL). */
  readonly groupCommit: boolean | null;
  readonly auctions: number;
  readonly decisionsPerSec: number;
  readonly acceptedPerSec: number;
}

export interface DbSection {
  readonly database: DatabaseName;
  readonly server: string;
  readonly rows: DbRow[];
}

export interface DbReport {
  readonly node: string;
  readonly cpu: string | undefined;
  readonly cores: number;
  readonly at: string;
  readonly settings: Record<string, unknown>;
  readonly notes: string[];
  readonly databases: DbSection[];
}

// ---------------------------------------------------------------------------------------------
// Fresh databases, removed afterwards
// ---------------------------------------------------------------------------------------------

interface FreshDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const shortId = () => randomUUID().replace(/-/g, '').slice(0, 12);

const freshSqlite = (): FreshDatabase => {
  const file = join(tmpdir(), `gavel-bench-${shortId()}.db`);
  return {
    url: `sqlite:${file}`,
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
};

/** A new database on the server `serverUrl` points at (as the adapter's tests do), dropped by `drop`. */
const freshPostgres = async (serverUrl: string): Promise<FreshDatabase> => {
  const name = `gavel_bench_${shortId()}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: serverUrl });
    client.on('error', () => undefined); // a failed query still rejects; this only keeps a dying socket quiet
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name}`) };
};

const withFresh = async <T>(db: FreshDatabase, work: (url: string) => Promise<T>): Promise<T> => {
  try {
    return await work(db.url);
  } finally {
    await db.drop().catch((err: Error) => console.warn(`could not remove the bench database: ${err.message}`));
  }
};

// ---------------------------------------------------------------------------------------------
// Knex set-up: users, auctions
// ---------------------------------------------------------------------------------------------

/** Without `groupCommit`, the adapter's default. */
const openKnex = (url: string, groupCommit?: boolean): KnexDatabase =>
  new KnexDatabase({
    url,
    pool: { max: POOL_MAX },
    onConnectionError: (err) => console.warn(`knex pool: connection error: ${err.message}`),
    ...(groupCommit === undefined ? {} : { groupCommit }),
  });

const gavelOn = (db: KnexDatabase): Gavel =>
  createGavel({ uow: db.uow, clock: { now: () => Date.now() }, ids: new RandomUuidGenerator(), fraudPolicies: [] });

interface Fixture {
  readonly seller: UserId;
  readonly bidders: readonly UserId[];
}

const seedUsers = async (db: KnexDatabase): Promise<Fixture> => {
  const seller = randomUUID() as UserId;
  const bidders = Array.from({ length: BIDDER_COUNT }, () => randomUUID() as UserId);
  await db.uow.run(async (tx) => {
    for (const id of [seller, ...bidders]) await tx.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
  });
  return { seller, bidders };
};

/** A live auction that outlasts the run: fixed increment, no soft close, no reserve. */
const createLiveAuction = async (gavel: Gavel, seller: UserId): Promise<AuctionId> => {
  const created = await gavel.createAuction.execute({
    actor: { userId: seller, role: 'user' },
    publish: true,
    terms: {
      title: 'bench', type: 'forward', currency: 'USD', startingPrice: STARTING_PRICE, endTime: Date.now() + 24 * 3_600_000,
      increment: { kind: 'fixed', amount: INCREMENT }, extension: { windowSeconds: 0, extendBySeconds: 0 },
    },
  });
  if (!created.ok) throw new Error(`createAuction: ${created.error.code}`);
  return created.value.id;
};

/** Creates `count` auctions, a few at a time (PostgreSQL commits them in parallel). */
const createLiveAuctions = async (gavel: Gavel, seller: UserId, count: number): Promise<AuctionId[]> => {
  const ids: AuctionId[] = [];
  while (ids.length < count) {
    const batch = Math.min(16, count - ids.length);
    ids.push(...(await Promise.all(Array.from({ length: batch }, () => createLiveAuction(gavel, seller)))));
  }
  return ids;
};

/** An auction being bid on, and what the bench knows of it. */
interface Bidding {
  readonly id: AuctionId;
  readonly book: PriceBook;
}

const newBook = (fx: Fixture) => new PriceBook(STARTING_PRICE, STEP, fx.bidders, PROXY_SHARE);

// ---------------------------------------------------------------------------------------------
// Scenarios
// ---------------------------------------------------------------------------------------------

/** A progress line on stderr as each scenario ends (the tables come at the end of each database). */
const progress = (r: DbRow) =>
  console.error(`  ${r.database} ${r.scenario} ×${r.concurrency}: ${r.decisionsPerSec} decisions/s, p99 ${r.latencyMs.p99} ms${r.spurious ? `, ${r.spurious} SPURIOUS` : ''}`);

/** One PlaceBid through the use case, classified. */
const knexBid = async (gavel: Gavel, { id, book }: Bidding): Promise<Outcome> => {
  const r = await gavel.placeBid.execute({ auctionId: id, ...book.next() });
  if (r.ok) {
    book.seen(r.value.auction.currentPrice, r.value.auction.leaderId);
    return ACCEPTED;
  }
  return REFUSAL_CODES.has(r.error.code) ? REFUSED : { kind: 'other', code: r.error.code };
};

const row = (database: DatabaseName, engine: DbRow['engine'], scenario: string, groupCommit: boolean | null, auctions: number, r: LoadResult): DbRow => {
  const measured: DbRow = {
    database, engine, scenario, groupCommit, auctions, ...r,
    decisionsPerSec: Math.round((r.decisions / r.windowMs) * 1000),
    acceptedPerSec: Math.round((r.accepted / r.windowMs) * 1000),
  };
  progress(measured);
  return measured;
};

const gcLabel = (groupCommit: boolean) => `group commit ${groupCommit ? 'on' : 'off'}`;

/**
 * With one `groupCommit` setting: N loops on one fresh auction, for every N; then 32 loops
 * spread over the 1,000 shared auctions.
 */
const knexScenarios = async (database: DatabaseName, url: string, fx: Fixture, spread: readonly Bidding[], groupCommit: boolean): Promise<DbRow[]> => {
  const db = openKnex(url, groupCommit);
  try {
    const gavel = gavelOn(db);
    const hotAuction = async (): Promise<Bidding> => ({ id: await createLiveAuction(gavel, fx.seller), book: newBook(fx) });
    const warmUp = await hotAuction();
    await runLoops(ENGINE_WARMUP.concurrency, ENGINE_WARMUP.ms, 0, () => knexBid(gavel, warmUp));
    const rows: DbRow[] = [];
    for (const concurrency of HOT_CONCURRENCY) {
      const hot = await hotAuction();
      const r = await runLoops(concurrency, DURATION_MS, WARMUP_MS, () => knexBid(gavel, hot));
      rows.push(row(database, 'knex', `knex: one hot auction, ${gcLabel(groupCommit)}`, groupCommit, 1, r));
    }
    const r = await runLoops(SPREAD.loops, DURATION_MS, WARMUP_MS, () => knexBid(gavel, spread[Math.floor(Math.random() * spread.length)]!));
    rows.push(row(database, 'knex', `knex: ${SPREAD.auctions.toLocaleString('en')} auctions, ${gcLabel(groupCommit)}`, groupCommit, SPREAD.auctions, r));
    return rows;
  } finally {
    await db.close();
  }
};

/** Migrates, seeds the users and the 1,000 spread auctions, then closes (SQLite wants one connection at a time). */
const prepare = async (url: string) => {
  const db = openKnex(url);
  try {
    await db.migrate();
    const fx = await seedUsers(db);
    const ids = await createLiveAuctions(gavelOn(db), fx.seller, SPREAD.auctions);
    return { fx, spread: ids.map((id): Bidding => ({ id, book: newBook(fx) })) };
  } finally {
    await db.close();
  }
};

const knexDatabase = async (database: DatabaseName, url: string): Promise<DbRow[]> => {
  const { fx, spread } = await prepare(url);
  const rows: DbRow[] = [];
  for (const groupCommit of [false, true]) rows.push(...(await knexScenarios(database, url, fx, spread, groupCommit)));
  return rows;
};

/** The raw-SQL ceiling on its own fresh, migrated database: both transaction shapes, every N. */
const rawCeiling = async (url: string): Promise<DbRow[]> => {
  const setup = openKnex(url);
  const pool = openRawPool(url, POOL_MAX);
  try {
    await setup.migrate();
    const fx = await seedUsers(setup);
    const gavel = gavelOn(setup);
    // Plain bids only: the raw decision knows no proxies.
    const hotAuction = async (): Promise<Bidding> => ({ id: await createLiveAuction(gavel, fx.seller), book: new PriceBook(STARTING_PRICE, STEP, fx.bidders, 0) });
    const shapes = [
      { name: 'raw pg: one hot auction, BEGIN…COMMIT (6 round trips)', bid: rawTransactionBid },
      { name: 'raw pg: one hot auction, one CTE statement (1 round trip)', bid: rawCteBid },
    ];
    const rows: DbRow[] = [];
    for (const shape of shapes) {
      const warmUp = await hotAuction();
      await runLoops(ENGINE_WARMUP.concurrency, ENGINE_WARMUP.ms, 0, shape.bid(pool, warmUp.id, warmUp.book, INCREMENT));
      for (const concurrency of HOT_CONCURRENCY) {
        const hot = await hotAuction();
        const r = await runLoops(concurrency, DURATION_MS, WARMUP_MS, shape.bid(pool, hot.id, hot.book, INCREMENT));
        rows.push(row('postgresql', 'raw pg', shape.name, null, 1, r));
      }
    }
    return rows;
  } finally {
    await pool.end();
    await setup.close();
  }
};

const serverVersion = async (url: string): Promise<string> => {
  const pool = openRawPool(url, 1);
  try {
    return `PostgreSQL ${(await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?'}`;
  } catch {
    return 'PostgreSQL ?';
  } finally {
    await pool.end();
  }
};

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

/** Hot-auction rows by concurrency (Knex off/on and raw side by side), then the spread rows. */
const forTable = (rows: readonly DbRow[]) =>
  [...rows]
    .sort((a, b) => Number(a.auctions > 1) - Number(b.auctions > 1) || a.concurrency - b.concurrency)
    .map((r) => ({
      scenario: r.scenario,
      concurrency: r.concurrency,
      'decisions/s': r.decisionsPerSec,
      'accepted/s': r.acceptedPerSec,
      refused: r.refused,
      spurious: r.spurious,
      'p50 ms': r.latencyMs.p50,
      'p99 ms': r.latencyMs.p99,
      'CPU ms/bid': r.cpuMsPerDecision,
    }));

const printSection = (s: DbSection) => {
  console.log(`\n${s.database} (${s.server}): ${DURATION_MS} ms per scenario after a ${WARMUP_MS} ms warm-up`);
  console.table(forTable(s.rows));
};

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

const NO_PG_NOTE =
  'GAVEL_TEST_PG_URL is not set: the PostgreSQL scenarios are skipped, SQLite only (`npm run bench` starts a throwaway server; or point GAVEL_TEST_PG_URL at one).';

/** SQLite always; PostgreSQL (Knex rows, then the raw ceiling) when GAVEL_TEST_PG_URL names a server. */
export const runDbBench = async (): Promise<DbReport> => {
  const pgServer = process.env.GAVEL_TEST_PG_URL;
  const notes = pgServer ? [] : [NO_PG_NOTE];
  // Said at once and again at the end, where the tables are.
  if (!pgServer) console.log(`\nNOTE: ${NO_PG_NOTE}`);
  const databases: DbSection[] = [];

  console.error('\ndatabase bench: sqlite (temp file)');
  const sqlite = await withFresh(freshSqlite(), (url) => knexDatabase('sqlite', url));
  databases.push({ database: 'sqlite', server: 'better-sqlite3, WAL, synchronous=FULL, one connection', rows: sqlite });
  printSection(databases.at(-1)!);

  if (pgServer) {
    console.error('\ndatabase bench: postgresql (fresh databases on GAVEL_TEST_PG_URL)');
    const server = await serverVersion(pgServer);
    const knexRows = await withFresh(await freshPostgres(pgServer), (url) => knexDatabase('postgresql', url));
    const rawRows = await withFresh(await freshPostgres(pgServer), (url) => rawCeiling(url));
    databases.push({ database: 'postgresql', server: `${server}, pool max ${POOL_MAX}`, rows: [...knexRows, ...rawRows] });
    printSection(databases.at(-1)!);
  } else {
    console.log(`\nNOTE: ${NO_PG_NOTE}`);
  }

  return {
    node: process.version,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    at: new Date().toISOString(),
    settings: {
      durationMs: DURATION_MS, warmupMs: WARMUP_MS, engineWarmup: ENGINE_WARMUP, hotConcurrency: HOT_CONCURRENCY, spread: SPREAD, poolMax: POOL_MAX,
      bidders: BIDDER_COUNT, startingPrice: STARTING_PRICE, increment: INCREMENT, step: STEP, proxyShare: PROXY_SHARE,
    },
    notes,
    databases,
  };
};
