import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { type LoadResult, type Outcome, ACCEPTED, REFUSED, runLoops } from '../load';
import { type Ceiling, measureCeiling } from './ceiling';
import { checkConsistency, type Consistency } from './consistency';
import { freshPostgres, freshSqlite, postgresVersion, withFresh } from './fresh-database';
import { errorCodeOf, JsonClient } from './http-client';
import { type Account, API, AuctionBook, createAuctions, INCREMENT, registerAccounts, STARTING_PRICE, STEP } from './market';
import { type ServerProcess, startServerProcess } from './server-process';

/**
 * The HTTP bench: `POST /api/v1/bids/place` against the api app in its own process, 64
 * keep-alive connections (one bidder each) bidding back to back, on one hot auction and over
 * 1,000 auctions, on SQLite and PostgreSQL. Every reply is classified (accepted, refused by a
 * correct decision, rate-limited, spurious) and, after each scenario, the auctions' bid counts
 * are checked against the 201s received.
 */

const CONNECTIONS = 64;
const DURATION_MS = Number(process.env.BENCH_HTTP_MS ?? 10_000);
const WARMUP_MS = Math.min(1_000, Math.round(DURATION_MS / 5));
/** Unrecorded bids before the first scenario of each server: JIT, pool, page cache. */
const SERVER_WARMUP_MS = Math.min(2_000, DURATION_MS);
const SPREAD_AUCTIONS = 1_000;
const CEILING_MS = Math.min(3_000, DURATION_MS);
/** Refusals that are correct answers to a race another bid won. */
const DECISION_CODES = new Set(['BID_TOO_LOW', 'ALREADY_HIGHEST_BIDDER']);

type DatabaseName = 'sqlite' | 'postgresql';
/** `BENCH_HTTP_DATABASES=sqlite` (or `postgresql`): only those, e.g. to profile one server. */
const DATABASES = new Set((process.env.BENCH_HTTP_DATABASES ?? 'sqlite,postgresql').split(',').map((d) => d.trim()));

interface Scenario {
  readonly name: string;
  readonly auctions: 'hot' | 'spread';
  /** Sends a fresh `Idempotency-Key` with every bid, as seed 003's frontend does. */
  readonly idempotencyKey: boolean;
}

const SCENARIOS: readonly Scenario[] = [
  { name: 'one hot auction', auctions: 'hot', idempotencyKey: false },
  { name: 'one hot auction, Idempotency-Key', auctions: 'hot', idempotencyKey: true },
  { name: `${SPREAD_AUCTIONS.toLocaleString('en')} auctions`, auctions: 'spread', idempotencyKey: false },
];

export interface HttpRow extends Omit<LoadResult, 'decisions' | 'concurrency' | 'cpuMsPerDecision'> {
  readonly database: DatabaseName;
  readonly scenario: string;
  readonly auctions: number;
  readonly connections: number;
  /** Every request finished in the window: accepted + refused + spurious (rate-limited included). */
  readonly requests: number;
  readonly rateLimited: number;
  readonly requestsPerSec: number;
  readonly acceptedPerSec: number;
  /** CPU of the load generator (this process) per request in the window. */
  readonly clientCpuMsPerRequest: number;
  /** CPU of the API process per request, over the whole scenario (warm-up and tail included). */
  readonly serverCpuMsPerRequest: number;
  readonly consistency: Consistency;
}

export interface HttpReport {
  readonly node: string;
  readonly cpu: string | undefined;
  readonly cores: number;
  readonly at: string;
  readonly settings: Record<string, unknown>;
  readonly notes: string[];
  readonly ceiling: Ceiling;
  readonly databases: { readonly database: DatabaseName; readonly server: string; readonly rows: HttpRow[] }[];
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** One bid over HTTP, classified. */
const placeBid = async (client: JsonClient, book: AuctionBook, bidder: number, account: Account, idempotencyKey: boolean): Promise<Outcome> => {
  const amount = book.nextAmount();
  const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': randomUUID() } : {};
  const r = await client.send('POST', `${API}/bids/place`, { auction_id: book.id, bid_amount: amount }, account.token, headers);
  if (r.status === 201) {
    book.onAccepted(bidder, amount);
    return ACCEPTED;
  }
  const code = errorCodeOf(r.body);
  if (r.status === 400 && code !== null && DECISION_CODES.has(code)) return REFUSED;
  if (r.status === 429) return { kind: 'other', code: 'RATE_LIMIT_EXCEEDED' };
  return { kind: 'other', code: `HTTP ${r.status} ${code ?? ''}`.trim() };
};

/** A random auction of `books` that `bidder` does not already lead. */
const pick = (books: readonly AuctionBook[], bidder: number): AuctionBook => {
  for (;;) {
    const b = books[Math.floor(Math.random() * books.length)]!;
    if (books.length === 1 || b.leader !== bidder) return b;
  }
};

interface Market {
  readonly client: JsonClient;
  readonly server: ServerProcess;
  readonly seller: Account;
  readonly bidders: readonly Account[];
}

/** The closed loops of bench/load.ts, one per connection; `total` counts every request, warm-up and tail included. */
const load = async (m: Market, books: readonly AuctionBook[], idempotencyKey: boolean, durationMs: number, warmupMs: number) => {
  let total = 0;
  const result = await runLoops(CONNECTIONS, durationMs, warmupMs, (loop) => {
    total++;
    return placeBid(m.client, pick(books, loop), loop, m.bidders[loop]!, idempotencyKey);
  });
  return { result, total };
};

const runScenario = async (database: DatabaseName, m: Market, s: Scenario, spread: readonly AuctionBook[]): Promise<HttpRow> => {
  const books = s.auctions === 'hot' ? [new AuctionBook((await createAuctions(m.client, m.seller, 1))[0]!)] : spread;
  const cpuFrom = await m.server.cpuMicros();
  const { result: r, total } = await load(m, books, s.idempotencyKey, DURATION_MS, WARMUP_MS);
  const serverCpuMs = ((await m.server.cpuMicros()) - cpuFrom) / 1000;
  const t0 = performance.now();
  const consistency = await checkConsistency(m.client, m.seller.id, books);
  const checkMs = Math.round(performance.now() - t0);
  const rateLimited = r.failures.RATE_LIMIT_EXCEEDED ?? 0;
  const requests = r.accepted + r.refused + r.spurious;
  const { decisions: _d, concurrency: _c, cpuMsPerDecision, ...rest } = r;
  const row: HttpRow = {
    database, scenario: s.name, auctions: books.length, connections: CONNECTIONS, ...rest,
    spurious: r.spurious - rateLimited, rateLimited, requests,
    requestsPerSec: Math.round((requests / r.windowMs) * 1000),
    acceptedPerSec: Math.round((r.accepted / r.windowMs) * 1000),
    clientCpuMsPerRequest: round2((cpuMsPerDecision * r.decisions) / Math.max(1, requests)),
    serverCpuMsPerRequest: round2(serverCpuMs / Math.max(1, total)),
    consistency,
  };
  console.error(`  ${database} ${s.name}: ${row.requestsPerSec} req/s, ${row.acceptedPerSec} accepted/s, p50 ${row.latencyMs.p50} ms, p99 ${row.latencyMs.p99} ms (checked in ${checkMs} ms)` +
    `${row.spurious ? `, ${row.spurious} SPURIOUS ${JSON.stringify(row.failures)}` : ''}${consistency.ok ? '' : `, INCONSISTENT ${JSON.stringify(consistency)}`}`);
  return row;
};

/** Starts the API on `url`, seeds it over HTTP, runs every scenario, stops the API. */
const benchDatabase = async (database: DatabaseName, url: string): Promise<HttpRow[]> => {
  const server = await startServerProcess(url);
  const client = new JsonClient(server.url, CONNECTIONS + 8);
  try {
    const t0 = performance.now();
    const [seller] = await registerAccounts(client, 'seller', 1);
    const bidders = await registerAccounts(client, 'bidder', CONNECTIONS);
    const m: Market = { client, server, seller: seller!, bidders };
    const spread = (await createAuctions(client, m.seller, SPREAD_AUCTIONS)).map((id) => new AuctionBook(id));
    const warm = new AuctionBook((await createAuctions(client, m.seller, 1))[0]!);
    console.error(`  ${database}: ${CONNECTIONS + 1} accounts and ${SPREAD_AUCTIONS + 1} auctions created over HTTP in ${Math.round(performance.now() - t0)} ms`);
    await load(m, [warm], false, SERVER_WARMUP_MS, 0);
    const rows: HttpRow[] = [];
    for (const s of SCENARIOS) rows.push(await runScenario(database, m, s, spread));
    return rows;
  } finally {
    client.close();
    await server.stop();
  }
};

export const runHttpBench = async (): Promise<HttpReport> => {
  const notes: string[] = [];
  const databases: HttpReport['databases'] = [];
  console.error('HTTP bench: ceiling');
  const ceiling = await measureCeiling(CONNECTIONS, CEILING_MS, WARMUP_MS);
  if (DATABASES.has('sqlite')) {
    console.error('HTTP bench: SQLite');
    databases.push({
      database: 'sqlite',
      server: 'SQLite file through the api app (Knex adapter: WAL, synchronous=FULL, one connection)',
      rows: await withFresh(freshSqlite(), (url) => benchDatabase('sqlite', url)),
    });
  } else {
    notes.push('SQLite skipped (BENCH_HTTP_DATABASES)');
  }
  const pgUrl = process.env.GAVEL_TEST_PG_URL;
  if (!DATABASES.has('postgresql')) {
    notes.push('PostgreSQL skipped (BENCH_HTTP_DATABASES)');
  } else if (pgUrl) {
    console.error('HTTP bench: PostgreSQL');
    const version = await postgresVersion(pgUrl);
    databases.push({
      database: 'postgresql',
      server: `PostgreSQL ${version} on loopback, a fresh database, the api app's pool (DATABASE_POOL_MAX default)`,
      rows: await withFresh(await freshPostgres(pgUrl), (url) => benchDatabase('postgresql', url)),
    });
  } else {
    notes.push('GAVEL_TEST_PG_URL unset: PostgreSQL skipped (run through scripts/with-services.sh)');
  }
  console.log(`\nHTTP ceiling (bare node:http, the same client): ${ceiling.requestsPerSec} req/s, p50 ${ceiling.latencyMs.p50} ms, ` +
    `p99 ${ceiling.latencyMs.p99} ms, server CPU ${ceiling.serverCpuMsPerRequest} ms/req`);
  for (const d of databases) {
    console.log(`\nHTTP bids: ${d.database}`);
    console.table(d.rows.map((r) => ({
      scenario: r.scenario, 'req/s': r.requestsPerSec, 'accepted/s': r.acceptedPerSec, refused: r.refused,
      'rate-limited': r.rateLimited, spurious: r.spurious, 'p50 ms': r.latencyMs.p50, 'p99 ms': r.latencyMs.p99,
      'server CPU ms/req': r.serverCpuMsPerRequest, consistent: r.consistency.ok,
    })));
  }
  return {
    node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, at: new Date().toISOString(),
    settings: {
      connections: CONNECTIONS, durationMs: DURATION_MS, warmupMs: WARMUP_MS, serverWarmupMs: SERVER_WARMUP_MS, ceilingMs: CEILING_MS,
      spreadAuctions: SPREAD_AUCTIONS, bidders: CONNECTIONS, startingPrice: STARTING_PRICE, increment: INCREMENT, step: STEP,
      client: 'node:http keep-alive, one connection per loop, in the bench process',
      server: 'apps/api (startApi) in a child process: NODE_ENV=production, LOG_LEVEL=warn, bid rate limit and register limit ' +
        'unreachable, bid-velocity policy limit unreachable (still evaluated), bcrypt cost 4 (registration only)',
    },
    notes,
    ceiling,
    databases,
  };
};
