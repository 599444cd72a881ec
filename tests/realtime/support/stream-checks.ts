import type { AuctionView } from '@gavel/contracts';
import type { WatcherClient } from './watcher-client';

/** The server's end state per auction (from `GET /auctions/:id`). */
export type Finals = ReadonlyMap<string, AuctionView>;

/**
 * Order and duplicate problems in what a watcher received: within one connection, an auction's
 * stream events must arrive with strictly increasing seqs (a repeat or a step back is a bug).
 */
export const orderProblems = (watcher: WatcherClient): string[] => {
  const problems: string[] = [];
  for (const track of watcher.tracks.values()) {
    const last = new Map<number, number>();
    for (const r of track.received) {
      const previous = last.get(r.connection);
      if (previous !== undefined && r.seq <= previous) {
        problems.push(`${track.auctionId} connection ${r.connection}: seq ${r.seq} (${r.name}) after ${previous}`);
      }
      last.set(r.connection, r.seq);
    }
  }
  return problems;
};

export const finalSeqs = (finals: Finals): Map<string, number> => new Map([...finals].map(([id, v]) => [id, v.seq]));

/** A watcher's state of each auction equals the server's: seq, status, price, bid count, end time. */
export const stateProblems = (w: WatcherClient, finals: Finals, label: string): string[] => {
  const problems: string[] = [];
  for (const t of w.tracks.values()) {
    const server = finals.get(t.auctionId);
    if (!server) throw new Error(`no final state for ${t.auctionId}`);
    const want = { seq: server.seq, status: server.status, currentPrice: server.currentPrice, bidCount: server.bidCount, endTime: server.endTime };
    const got = t.state ? { ...t.state } : null;
    if (JSON.stringify(got) !== JSON.stringify(want)) problems.push(`${label} ${t.auctionId}: has ${JSON.stringify(got)}, server ${JSON.stringify(want)}`);
  }
  return problems;
};

/**
 * The strict scale-out rule for a watcher that never reconnected: one connection, one snapshot,
 * no gap, events strictly increasing, and the events after the snapshot exactly
 * snapshot + 1 .. final, each once.
 */
export const exactDeliveryProblems = (w: WatcherClient, finals: Finals, label: string): string[] => {
  const problems = [...orderProblems(w).map((p) => `${label} ${p}`), ...stateProblems(w, finals, label)];
  if (w.connection !== 1) problems.push(`${label}: ${w.connection} connections`);
  if (w.connectErrors.length > 0) problems.push(`${label}: connect errors ${JSON.stringify(w.connectErrors)}`);
  if (w.subscribeErrors.length > 0) problems.push(`${label}: subscribe errors ${w.subscribeErrors.join(', ')}`);
  if (w.invalidPayloads.length > 0) problems.push(`${label}: payloads not decoding ${w.invalidPayloads.join(', ')}`);
  for (const t of w.tracks.values()) {
    const final = finals.get(t.auctionId)?.seq ?? -1;
    const snapshot = t.snapshots[0]?.seq;
    if (t.snapshots.length !== 1 || snapshot === undefined) {
      problems.push(`${label} ${t.auctionId}: ${t.snapshots.length} snapshots`);
      continue;
    }
    if (t.gapsInStream + t.gapsFilledBySnapshot + t.regressions > 0) {
      problems.push(`${label} ${t.auctionId}: gaps ${t.gapsInStream} in stream, ${t.gapsFilledBySnapshot} by snapshot, ${t.regressions} regressions`);
    }
    const after = t.received.map((r) => r.seq).filter((s) => s > snapshot);
    const expected = Array.from({ length: Math.max(0, final - snapshot) }, (_, i) => snapshot + 1 + i);
    if (JSON.stringify(after) !== JSON.stringify(expected)) {
      const missing = expected.filter((s) => !after.includes(s));
      problems.push(`${label} ${t.auctionId}: after snapshot ${snapshot} got ${after.length} events for ${expected.length} expected; missing [${missing.slice(0, 10).join(',')}]`);
    }
  }
  return problems;
};

/** Sums over watchers, for the figures the tests print. */
export const deliveryFigures = (watchers: readonly WatcherClient[]) => {
  let events = 0;
  let applied = 0;
  let gapsInStream = 0;
  let gapsFilledBySnapshot = 0;
  let seqsRecovered = 0;
  let snapshots = 0;
  for (const w of watchers) {
    for (const t of w.tracks.values()) {
      events += t.received.length;
      applied += t.applied.length;
      gapsInStream += t.gapsInStream;
      gapsFilledBySnapshot += t.gapsFilledBySnapshot;
      seqsRecovered += t.seqsRecovered;
      snapshots += t.snapshots.length;
    }
  }
  return { watchers: watchers.length, events, applied, snapshots, gapsInStream, gapsFilledBySnapshot, seqsRecovered };
};

/** Problems listed in a failure message: the first few and how many. */
export const summarize = (problems: readonly string[]): string[] =>
  problems.length <= 15 ? [...problems] : [...problems.slice(0, 15), `... and ${problems.length - 15} more`];
