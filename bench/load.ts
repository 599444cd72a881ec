import type { UserId } from '@gavel/core';

/**
 * Closed-loop load: N async loops, each placing bids back to back. Shared by the Knex scenarios
 * and the raw-SQL ceiling so both are measured (and counted) the same way.
 */

/** What one bid came back with. `other` is an answer the bench never expects (a spurious failure). */
export type Outcome = { kind: 'accepted' } | { kind: 'refused' } | { kind: 'other'; code: string };

export const ACCEPTED: Outcome = { kind: 'accepted' };
export const REFUSED: Outcome = { kind: 'refused' };

export interface LoadResult {
  readonly concurrency: number;
  /** The measured window (after the warm-up), in ms. */
  readonly windowMs: number;
  /** Every answer (accepted, refused or another code); thrown errors are not answers. */
  readonly decisions: number;
  readonly accepted: number;
  readonly refused: number;
  /** Thrown errors plus answers with an unexpected code. */
  readonly spurious: number;
  /** Spurious failures by code or error message (capped), to say what went wrong. */
  readonly failures: Readonly<Record<string, number>>;
  readonly latencyMs: { readonly p50: number; readonly p90: number; readonly p99: number; readonly max: number };
  /**
   * CPU time of this Node process (user + system, every thread) in the window per decision: on a
   * small machine the bench's own process competes with the database for the same cores.
   */
  readonly cpuMsPerDecision: number;
}

const percentile = (sorted: Float64Array, p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!);

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Runs `concurrency` loops calling `bid(loop)` until `warmupMs + durationMs` have passed. Only
 * bids that finish inside the measured window count: the warm-up fills the pools and the JIT,
 * and the bids still in flight at the end are awaited but dropped, so the rate is exact.
 */
export const runLoops = async (
  concurrency: number,
  durationMs: number,
  warmupMs: number,
  bid: (loop: number) => Promise<Outcome>,
): Promise<LoadResult> => {
  const start = performance.now();
  const from = start + warmupMs;
  const until = from + durationMs;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let accepted = 0;
  let refused = 0;
  let other = 0;
  let thrown = 0;
  const note = (key: string) => {
    const k = key.slice(0, 120);
    if (k in failures || Object.keys(failures).length < 20) failures[k] = (failures[k] ?? 0) + 1;
  };

  const loop = async (n: number) => {
    while (performance.now() < until) {
      const t0 = performance.now();
      let outcome: Outcome | Error;
      try {
        outcome = await bid(n);
      } catch (err) {
        outcome = err instanceof Error ? err : new Error(String(err));
      }
      const t1 = performance.now();
      if (t1 < from || t1 >= until) continue;
      latencies.push(t1 - t0);
      if (outcome instanceof Error) {
        thrown++;
        note(`thrown: ${outcome.message}`);
      } else if (outcome.kind === 'accepted') accepted++;
      else if (outcome.kind === 'refused') refused++;
      else {
        other++;
        note(outcome.code);
      }
    }
  };
  let cpuFrom = process.cpuUsage();
  let cpu = { user: NaN, system: NaN };
  const cpuStart = setTimeout(() => (cpuFrom = process.cpuUsage()), warmupMs);
  const cpuEnd = setTimeout(() => (cpu = process.cpuUsage(cpuFrom)), warmupMs + durationMs);
  await Promise.all(Array.from({ length: concurrency }, (_, n) => loop(n)));
  clearTimeout(cpuStart);
  clearTimeout(cpuEnd);
  if (Number.isNaN(cpu.user)) cpu = process.cpuUsage(cpuFrom); // the loops ended before the timer ran

  const sorted = Float64Array.from(latencies).sort();
  const decisions = accepted + refused + other;
  return {
    concurrency,
    windowMs: durationMs,
    decisions,
    accepted,
    refused,
    spurious: other + thrown,
    failures,
    latencyMs: {
      p50: round2(percentile(sorted, 0.5)),
      p90: round2(percentile(sorted, 0.9)),
      p99: round2(percentile(sorted, 0.99)),
      max: round2(sorted.length ? sorted[sorted.length - 1]! : NaN),
    },
    cpuMsPerDecision: round2((cpu.user + cpu.system) / 1000 / decisions),
  };
};

/**
 * What the bench knows of one auction, shared by every loop bidding on it. Each bid asks for
 * `lastSeenPrice + step`, where lastSeenPrice is the highest price sent or seen in an answer: so
 * concurrent loops ask for strictly rising amounts and, decided in (roughly) arrival order, are
 * mostly accepted. Bidders rotate over more users than there are loops, skipping the known
 * leader, so ALREADY_HIGHEST_BIDDER stays rare.
 */
export class PriceBook {
  private lastSeenPrice: number;
  private leader: UserId | null = null;
  private turn = 0;

  constructor(
    startingPrice: number,
    private readonly step: number,
    private readonly bidders: readonly UserId[],
    private readonly proxyShare: number,
  ) {
    // The first bid then asks for exactly the starting price.
    this.lastSeenPrice = startingPrice - step;
  }

  next(): { bidderId: UserId; amount: number; maxAmount: number | null } {
    let bidderId = this.bidders[this.turn++ % this.bidders.length]!;
    if (bidderId === this.leader) bidderId = this.bidders[this.turn++ % this.bidders.length]!;
    const amount = this.lastSeenPrice + this.step;
    this.lastSeenPrice = amount;
    // A proxy a few steps higher: the next bids below its max are answered by auto-bids.
    const maxAmount = Math.random() < this.proxyShare ? amount + 5 * this.step : null;
    return { bidderId, amount, maxAmount };
  }

  seen(price: number | null, leader: UserId | null): void {
    if (price !== null && price > this.lastSeenPrice) this.lastSeenPrice = price;
    this.leader = leader;
  }
}
