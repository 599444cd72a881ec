import type { Clock } from '../ports/clock.port';
import type { EventStream, StoredEvent } from '../ports/event-stream.port';
import type { AuctionId } from '../shared/ids';
import { AuctionSequencer } from './auction-sequencer';
import type { EventRelayDeps } from './event-relay-deps';
import { findLastPosition } from './last-position';
import { PositionHoles } from './position-holes';

export type { EventRelayDeps } from './event-relay-deps';

export type RelayListener = (event: StoredEvent) => void;

/** Holes closer than this are re-read in one query. */
const JOIN_HOLES = 16;

/**
 * Tails the outbox and delivers each committed event once, per auction strictly in `seq`
 * order, never skipping. Every process that serves watchers runs its own. Pure logic: the
 * caller drives `pump()` (on an `OutboxSignal` and on a poll timer); a failed read rejects
 * the pump and the next one carries on from what was delivered.
 *
 * Positions become visible out of order under concurrency, so the cursor alone would miss a
 * row committed late below it. Two nets catch it: positions the cursor passed without a row
 * are re-read for a while (`PositionHoles`), and an auction whose next event is not
 * `last + 1` holds the later ones and reads its own stream (`readAuction`) to fill the gap.
 */
export class EventRelay {
  private readonly stream: EventStream;
  private readonly batchSize: number;
  private readonly clock: Clock;
  private readonly holeGraceMs: number;
  private readonly gapTimeoutMs: number;
  private readonly maxHeld: number;
  private readonly listeners = new Set<RelayListener>();
  private readonly holes: PositionHoles;
  private readonly sequencer: AuctionSequencer;
  /**
   * Auctions first seen while holes were open, whose baseline is not settled yet: their
   * earlier seqs may sit in those holes (committed late, after the start).
   */
  private readonly probing = new Map<AuctionId, StoredEvent[]>();
  private cursor = 0;
  private delivered = 0;
  /** The last queued operation: pumps and starts never overlap. */
  private tail: Promise<unknown> = Promise.resolve();
  /** A pump queued behind a running one, which later callers share. */
  private queued: Promise<number> | null = null;

  constructor(private readonly deps: EventRelayDeps) {
    this.stream = deps.stream;
    this.batchSize = deps.batchSize ?? 500;
    this.clock = deps.clock ?? { now: () => Date.now() };
    this.holeGraceMs = deps.holeGraceMs ?? 15_000;
    this.gapTimeoutMs = deps.gapTimeoutMs ?? 60_000;
    this.maxHeld = deps.maxHeldPerAuction ?? 10_000;
    this.holes = new PositionHoles(deps.maxHoles ?? 10_000);
    this.sequencer = new AuctionSequencer((e) => this.deliver(e));
  }

  /** The position up to which the outbox has been read (resume a restarted relay from it). */
  get position(): number {
    return this.cursor;
  }

  subscribe(listener: RelayListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Sets the cursor, forgetting every auction's ordering state: `'end'` to deliver only what
   * commits from now on, or a position (0 for everything). After a start from a position
   * above 0, the first event seen of an auction is its baseline. Without a start the relay
   * reads from position 0.
   */
  start(from: 'end' | number): Promise<void> {
    this.queued = null;
    const run = this.tail.catch(() => undefined).then(() => this.reset(from));
    this.tail = run;
    return run;
  }

  /**
   * Reads everything committed after the cursor and delivers it; resolves with how many
   * events were delivered. A call while a pump runs is served by one more pass after it.
   */
  pump(): Promise<number> {
    if (this.queued) return this.queued;
    const run = this.tail.catch(() => undefined).then(() => {
      this.queued = null;
      return this.pass();
    });
    this.queued = run;
    this.tail = run;
    return run;
  }

  /** What the relay holds in memory, for health checks and tests. */
  stats(): { position: number; auctions: number; held: number; holes: number } {
    const { auctions, held } = this.sequencer.stats();
    let probing = 0;
    for (const list of this.probing.values()) probing += list.length;
    return { position: this.cursor, auctions, held: held + probing, holes: this.holes.size };
  }

  private async reset(from: 'end' | number): Promise<void> {
    const now = this.clock.now();
    this.holes.clear();
    this.probing.clear();
    if (from !== 'end') {
      this.cursor = from;
      this.sequencer.reset(from <= 0);
      return;
    }
    const end = await findLastPosition(this.stream);
    // Rows that commit late below the end belong after the start: remember the last window's
    // holes so they are read when they appear.
    const windowStart = Math.max(0, end - this.batchSize);
    const rows = end > 0 ? await this.stream.readAfter(windowStart, this.batchSize) : [];
    let previous = windowStart;
    for (const e of rows) {
      if (e.position > end) break;
      this.holes.add(previous + 1, e.position - 1, now);
      previous = e.position;
    }
    this.cursor = end;
    this.sequencer.reset(end === 0);
  }

  private async pass(): Promise<number> {
    const before = this.delivered;
    for (const span of this.holes.spans(JOIN_HOLES)) await this.reread(span.from, span.to);
    for (;;) {
      const batch = await this.stream.readAfter(this.cursor, this.batchSize);
      const now = this.clock.now();
      for (const e of batch) {
        if (e.position <= this.cursor) continue;
        this.holes.add(this.cursor + 1, e.position - 1, now);
        this.cursor = e.position;
        this.offer(e, now);
      }
      if (batch.length < this.batchSize) break;
    }
    for (const [auctionId, events] of [...this.probing]) await this.settleBaseline(auctionId, events);
    for (const { auctionId, after } of this.sequencer.gaps()) {
      const rows = await this.stream.readAuction(auctionId, after);
      const now = this.clock.now();
      for (const e of rows) this.offer(e, now);
    }
    const now = this.clock.now();
    this.sequencer.skipStale(now, this.gapTimeoutMs, this.maxHeld, (skip) => this.deps.onSkip?.(skip));
    this.holes.expire(now, this.holeGraceMs);
    this.sequencer.retire(this.cursor);
    return this.delivered - before;
  }

  /** Reads the rows that appeared in holes within [from, to]. */
  private async reread(from: number, to: number): Promise<void> {
    let after = from - 1;
    for (;;) {
      const limit = Math.min(to - after, this.batchSize);
      const rows = await this.stream.readAfter(after, limit);
      const now = this.clock.now();
      for (const e of rows) if (e.position <= to && this.holes.has(e.position)) this.offer(e, now);
      const last = rows[rows.length - 1];
      if (rows.length < limit || !last || last.position >= to) return;
      after = last.position;
    }
  }

  private offer(e: StoredEvent, now: number): void {
    // Seen, whichever read found it: a hole re-read must not hand it over a second time.
    this.holes.remove(e.position);
    const probing = this.probing.get(e.auctionId);
    if (probing) probing.push(e);
    else if (this.holes.size > 0 && this.sequencer.needsBaseline(e)) this.probing.set(e.auctionId, [e]);
    else this.sequencer.offer(e, now);
  }

  /**
   * The first event seen of an auction need not be the first after the start: an earlier seq
   * may have committed late into a hole (its next seq then commits between the hole re-read
   * and the tail read). Walks back while the previous seq lies in a hole: those belong after
   * the start too. Usually one read.
   */
  private async settleBaseline(auctionId: AuctionId, events: StoredEvent[]): Promise<void> {
    let baseline = Math.min(...events.map((e) => e.seq)) - 1;
    let found: StoredEvent[] = [];
    while (baseline > 0) {
      const rows = await this.stream.readAuction(auctionId, baseline - 1);
      const previous = rows[0];
      if (!previous || previous.seq !== baseline || !this.holes.has(previous.position)) break;
      found = rows;
      baseline--;
    }
    this.probing.delete(auctionId);
    this.sequencer.setBaseline(auctionId, baseline);
    const now = this.clock.now();
    for (const e of [...found, ...events]) this.offer(e, now);
  }

  private deliver(e: StoredEvent): void {
    this.delivered++;
    for (const listener of this.listeners) {
      try {
        listener(e);
      } catch (err) {
        this.deps.onListenerError?.(err, e);
      }
    }
  }
}
