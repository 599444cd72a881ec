import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { BidRun } from './bid-driver';
import { type Child, forkChild } from './child';
import type { LatencySummary } from './latency';
import { startTarget, type Target, type TargetName } from './targets';
import type { CollectArgs, CollectResult, ConnectResult } from './watchers';

/**
 * The fan-out bench (issue 5, item 6): N watchers on one auction in their own process, 20 events
 * a second for BENCH_RT_MS, latency from the event's timestamp to its arrival at each watcher;
 * Gavel (bid over HTTP → commit → relay → Socket.IO) beside a bare Socket.IO server (the ceiling).
 */

const PER_SECOND = 20;
const DURATION_MS = Number(process.env.BENCH_RT_MS ?? 10_000);
const EVENTS = Math.round((DURATION_MS / 1000) * PER_SECOND);
/** Unrecorded events after each connect (JIT, the new sockets' first frames), awaited, then a pause. */
const WARMUP_EVENTS = 2 * PER_SECOND;
const SETTLE_MS = 1_000;
const COLLECT_TIMEOUT_MS = 10_000;
const WATCHERS = (process.env.BENCH_RT_WATCHERS ?? '1000,5000').split(',').map((n) => Number(n.trim())).sort((a, b) => a - b);
/**
 * BENCH_RT_TARGETS: any of gavel-pg, gavel-sqlite, bare. Default: Gavel on PostgreSQL (on SQLite
 * without GAVEL_TEST_PG_URL) and the bare ceiling, which keeps `npm run bench` within ~3 minutes.
 */
const KNOWN_TARGETS: readonly TargetName[] = ['gavel-pg', 'gavel-sqlite', 'bare'];
const TARGETS = (process.env.BENCH_RT_TARGETS ?? (process.env.GAVEL_TEST_PG_URL ? 'gavel-pg,bare' : 'gavel-sqlite,bare'))
  .split(',').map((t) => t.trim()) as TargetName[];

export interface RealtimeRow {
  readonly target: TargetName;
  readonly watchers: number;
  readonly events: number;
  /** Events made per second: the rate asked for, unless the server fell behind (the bare server emits late when busy). */
  readonly eventsPerSec: number;
  readonly expected: number;
  readonly delivered: number;
  readonly deliveredPct: number;
  readonly perSocketMin: number;
  readonly outOfOrder: number;
  readonly disconnects: number;
  /** Arrival at the watcher minus the event's `timestamp`, over every delivery. */
  readonly latencyMs: LatencySummary;
  /** Arrival minus the moment the bid's 201 reached the bench (Gavel only): the fan-out after the commit is known. */
  readonly fromReplyMs: LatencySummary | null;
  readonly packetBytes: number;
  readonly windowMs: number;
  /** CPU of the process writing to the sockets (gateway or bare server) in the window. */
  readonly fanoutCpu: { readonly ms: number; readonly pctOfCore: number; readonly msPerEvent: number };
  /** CPU of the api process (gavel-pg only), and of the watchers' process, as % of one core. */
  readonly apiCpuPct: number | null;
  readonly watchersCpuPct: number;
  readonly bids: BidRun | null;
  readonly connect: ConnectResult;
  readonly serverStats: unknown;
}

export interface RealtimeReport {
  readonly node: string;
  readonly cpu: string | undefined;
  readonly cores: number;
  readonly at: string;
  readonly settings: Record<string, unknown>;
  readonly notes: string[];
  readonly targets: { readonly name: TargetName; readonly description: string; readonly nativeWs: Target['nativeWs'] }[];
  readonly rows: RealtimeRow[];
  /** Gavel over the bare server at the same watcher count: p99 and CPU per event. */
  readonly versusBare: { readonly target: TargetName; readonly watchers: number; readonly p99: number; readonly cpuPerEvent: number }[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const round2 = (x: number) => Math.round(x * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The soft limit on open files, read where Node can (Linux); null elsewhere. */
const openFileLimit = (): number | null => {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    return soft === undefined || soft === 'unlimited' ? null : Number(soft);
  } catch {
    return null;
  }
};

const measure = async (t: Target, watchers: Child<unknown>, n: number): Promise<RealtimeRow> => {
  const connect = await watchers.call<ConnectResult>('connect', { url: t.url, total: n, auctionId: t.auctionId });
  if (connect.sockets < n) throw new Error(`${t.name}: only ${connect.sockets} of ${n} watchers connected: ${JSON.stringify(connect.failures)}`);
  // The warm-up's events are all delivered (or given up on) before the window opens, so none is counted in it.
  await watchers.call('reset');
  const warm = await t.fire(PER_SECOND, WARMUP_EVENTS);
  await watchers.call('collect', { expectedEvents: warm.events, timeoutMs: COLLECT_TIMEOUT_MS } satisfies CollectArgs);
  await sleep(SETTLE_MS);
  await watchers.call('reset');
  await t.resetStats();
  const cpu = () => Promise.all([t.fanout.cpuMicros(), t.api?.cpuMicros() ?? Promise.resolve(0), watchers.cpuMicros()]);
  const [f0, a0, w0] = await cpu();
  const t0 = performance.now();
  const fired = await t.fire(PER_SECOND, EVENTS);
  const got = await watchers.call<CollectResult>('collect', {
    expectedEvents: fired.events, timeoutMs: COLLECT_TIMEOUT_MS, ...(fired.replyAt ? { replyAt: fired.replyAt } : {}),
  } satisfies CollectArgs);
  const windowMs = performance.now() - t0;
  const [f1, a1, w1] = await cpu();
  const pct = (micros: number) => round1((micros / 1000 / windowMs) * 100);
  const fanoutMs = (f1 - f0) / 1000;
  const row: RealtimeRow = {
    target: t.name, watchers: n, events: fired.events, eventsPerSec: round1((fired.events / Math.max(1, fired.ms)) * 1000),
    expected: got.expected, delivered: got.delivered,
    deliveredPct: got.expected === 0 ? 0 : round2((got.delivered / got.expected) * 100),
    perSocketMin: got.perSocketMin, outOfOrder: got.outOfOrder, disconnects: got.disconnects,
    latencyMs: got.latencyMs, fromReplyMs: got.fromReplyMs, packetBytes: got.packetBytes, windowMs: Math.round(windowMs),
    fanoutCpu: { ms: Math.round(fanoutMs), pctOfCore: pct(f1 - f0), msPerEvent: round2(fanoutMs / Math.max(1, fired.events)) },
    apiCpuPct: t.api ? pct(a1 - a0) : null, watchersCpuPct: pct(w1 - w0),
    bids: fired.bids, connect, serverStats: await t.stats(),
  };
  const { relayLagMs: lag, loopDelayMs: loop } = (row.serverStats ?? {}) as { relayLagMs?: LatencySummary; loopDelayMs?: { p99: number; max: number } };
  console.error(`  ${t.name} × ${n}: p50 ${row.latencyMs.p50} ms, p99 ${row.latencyMs.p99} ms, max ${row.latencyMs.max} ms, ` +
    `${row.fromReplyMs ? `(from the 201: p50 ${row.fromReplyMs.p50}, p99 ${row.fromReplyMs.p99}), ` : ''}` +
    `delivered ${row.deliveredPct}% of ${row.expected}, fan-out CPU ${row.fanoutCpu.pctOfCore}% (${row.fanoutCpu.msPerEvent} ms/event), ` +
    `watchers CPU ${row.watchersCpuPct}% (connected in ${connect.ms} ms)` +
    `${lag ? `; relay lag p50 ${lag.p50} ms, p99 ${lag.p99} ms` : ''}${loop ? `; loop delay p99 ${loop.p99} ms, max ${loop.max} ms` : ''}`);
  return row;
};

const benchTarget = async (name: TargetName, pgUrl: string | undefined): Promise<{ target: RealtimeReport['targets'][number]; rows: RealtimeRow[] }> => {
  console.error(`Realtime bench: ${name}`);
  const t = await startTarget(name, pgUrl);
  const watchers = await forkChild<unknown>('watchers.js', {});
  try {
    const rows: RealtimeRow[] = [];
    for (const n of WATCHERS) rows.push(await measure(t, watchers, n));
    return { target: { name, description: t.description, nativeWs: t.nativeWs }, rows };
  } finally {
    await watchers.stop();
    await t.close();
  }
};

export const runRealtimeBench = async (): Promise<RealtimeReport> => {
  const notes: string[] = [];
  const limit = openFileLimit();
  const most = Math.max(...WATCHERS);
  if (limit !== null && limit < most + 256) {
    throw new Error(`open-file limit ${limit} is below ${most} watchers + 256: raise it (ulimit -n ${most + 1024}) and run again`);
  }
  const unknown = TARGETS.filter((t) => !KNOWN_TARGETS.includes(t));
  if (unknown.length) throw new Error(`BENCH_RT_TARGETS: unknown ${unknown.join(', ')} (known: ${KNOWN_TARGETS.join(', ')})`);
  const pgUrl = process.env.GAVEL_TEST_PG_URL;
  if (!pgUrl && process.env.BENCH_RT_TARGETS === undefined) notes.push('GAVEL_TEST_PG_URL unset: Gavel measured on SQLite in one process (gavel-sqlite)');
  const targets: RealtimeReport['targets'] = [];
  const rows: RealtimeRow[] = [];
  for (const name of TARGETS) {
    if (name === 'gavel-pg' && !pgUrl) {
      notes.push('GAVEL_TEST_PG_URL unset: gavel-pg skipped (run through scripts/with-services.sh)');
      continue;
    }
    const r = await benchTarget(name, pgUrl);
    targets.push(r.target);
    rows.push(...r.rows);
  }
  const versusBare = rows.filter((r) => r.target !== 'bare').flatMap((r) => {
    const b = rows.find((x) => x.target === 'bare' && x.watchers === r.watchers);
    return b ? [{ target: r.target, watchers: r.watchers, p99: round2(r.latencyMs.p99 / b.latencyMs.p99), cpuPerEvent: round2(r.fanoutCpu.msPerEvent / b.fanoutCpu.msPerEvent) }] : [];
  });
  console.log('\nRealtime fan-out: one auction, 20 events/s, watchers in their own process');
  console.table(rows.map((r) => ({
    target: r.target, watchers: r.watchers, 'p50 ms': r.latencyMs.p50, 'p99 ms': r.latencyMs.p99, 'max ms': r.latencyMs.max,
    'p99 from 201': r.fromReplyMs?.p99 ?? '',
    'delivered %': r.deliveredPct, 'fan-out CPU %': r.fanoutCpu.pctOfCore, 'CPU ms/event': r.fanoutCpu.msPerEvent,
    'api CPU %': r.apiCpuPct ?? '', 'watchers CPU %': r.watchersCpuPct,
  })));
  if (versusBare.length) console.table(versusBare);
  return {
    node: process.version, cpu: cpus()[0]?.model, cores: cpus().length, at: new Date().toISOString(),
    settings: {
      eventsPerSecond: PER_SECOND, durationMs: DURATION_MS, events: EVENTS, warmupEvents: WARMUP_EVENTS, settleMs: SETTLE_MS,
      watchers: WATCHERS, openFileLimit: limit,
      latency: 'arrival at the watcher (performance.timeOrigin + performance.now()) minus the event payload\'s timestamp: for Gavel ' +
        'the BidPlaced event\'s occurredAt (the api\'s clock when it decided the bid, just before its transaction commits; ms precision), ' +
        'for the bare server the broadcast\'s due time (start + i / rate), so a server that emits late shows it as latency',
      watchersProcess: 'one process, socket.io-client 4.8, websocket transport, one connection per watcher (forceNew), ' +
        'anonymous, each subscribed to the auction',
      bids: 'open loop at the rate, one auction, 20 bidders taking turns, amounts rising by 10 increments per bid sent',
    },
    notes,
    targets,
    rows,
    versusBare,
  };
};
