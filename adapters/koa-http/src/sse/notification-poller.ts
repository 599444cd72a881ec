import { PositionHoles, type Marketplace, type StreamedNotification, type UserId } from '@gavel/core';
import type { Logger } from 'pino';
import type { SseOptions } from './sse-options';

export type NotificationListener = (n: StreamedNotification) => void;

/** Holes closer than this are re-read in one query. */
const JOIN_HOLES = 16;

/**
 * One reader of the notification feed per process, whatever the number of streams: each tick
 * is one query for every connected user (rather than one per connection), and each new
 * notification goes to the streams of its user. It runs only while someone listens.
 *
 * Cursors come from an auto-increment, so a notification committed late can appear below the
 * cursor (PostgreSQL, MySQL): positions passed without a row are re-read for `holeGraceMs`,
 * as the event relay does, and each cursor is handed over once.
 */
export class NotificationPoller {
  private readonly listeners = new Map<UserId, Set<NotificationListener>>();
  private readonly holes = new PositionHoles(10_000);
  private cursor: number | null = null;
  private starting: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private tail: Promise<void> = Promise.resolve();
  private queued = false;
  private errors = 0;
  /** Bumped by every stop: a read still running from before must not touch the new state. */
  private generation = 0;

  constructor(
    private readonly market: Pick<Marketplace, 'notificationFeed'>,
    private readonly opts: Pick<SseOptions, 'pollMs' | 'holeGraceMs' | 'batchSize'>,
    private readonly log: Logger,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * Listens to one user's new notifications. Resolves once the reader has a position: every
   * notification above `position` that commits from then on reaches `listener`.
   */
  async subscribe(userId: UserId, listener: NotificationListener): Promise<{ position: number; unsubscribe: () => void }> {
    let mine = this.listeners.get(userId);
    if (!mine) this.listeners.set(userId, (mine = new Set()));
    mine.add(listener);
    const unsubscribe = () => {
      const set = this.listeners.get(userId);
      set?.delete(listener);
      if (set?.size === 0) this.listeners.delete(userId);
      if (this.listeners.size === 0) this.stop();
    };
    try {
      await this.start();
    } catch (err) {
      unsubscribe();
      throw err;
    }
    return { position: this.settled(), unsubscribe };
  }

  /** Reads now rather than at the next tick (a commit was seen elsewhere); calls during a read coalesce. */
  wake(): void {
    if (this.cursor === null || this.queued) return;
    this.queued = true;
    const gen = this.generation;
    this.tail = this.tail.then(async () => {
      this.queued = false;
      await this.pass(gen);
    });
  }

  stop(): void {
    this.generation += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.cursor = null;
    this.starting = null;
    this.holes.clear();
  }

  stats(): { active: boolean; users: number; cursor: number | null; holes: number; errors: number } {
    return { active: this.timer !== null || this.starting !== null, users: this.listeners.size, cursor: this.cursor, holes: this.holes.size, errors: this.errors };
  }

  /** Below this every cursor has been handed over or given up: where a new stream starts. */
  private settled(): number {
    const first = this.holes.spans(0)[0];
    return first ? first.from - 1 : (this.cursor ?? 0);
  }

  private start(): Promise<void> {
    const gen = this.generation;
    this.starting ??= (async () => {
      const end = await this.feed(null, 1);
      // Rows below the end may still commit (a slow transaction): remember the last window's holes.
      const from = Math.max(0, end.end - this.opts.batchSize);
      const window = end.end > 0 ? await this.feed(from, this.opts.batchSize) : { items: [], end: from };
      if (gen !== this.generation) return;
      let previous = from;
      const now = this.now();
      for (const n of window.items) {
        if (n.cursor > end.end) break;
        this.holes.add(previous + 1, n.cursor - 1, now);
        previous = n.cursor;
      }
      this.cursor = end.end;
      this.schedule(gen);
    })().catch((err: unknown) => {
      if (gen === this.generation) this.starting = null;
      throw err;
    });
    return this.starting;
  }

  private schedule(gen: number): void {
    if (gen !== this.generation || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tail = this.tail.then(() => this.pass(gen)).finally(() => this.schedule(gen));
    }, this.opts.pollMs);
    // Open sockets keep the process alive, not this timer.
    this.timer.unref();
  }

  private async pass(gen: number): Promise<void> {
    const stale = () => gen !== this.generation || this.cursor === null;
    if (stale()) return;
    try {
      for (const span of this.holes.spans(JOIN_HOLES)) {
        await this.reread(span.from, span.to, stale);
        if (stale()) return;
      }
      for (;;) {
        const page = await this.feed(this.cursor!, this.opts.batchSize);
        if (stale()) return;
        const now = this.now();
        for (const n of page.items) {
          if (n.cursor <= this.cursor!) continue;
          this.holes.add(this.cursor! + 1, n.cursor - 1, now);
          this.cursor = n.cursor;
          this.hand(n);
        }
        if (page.items.length < this.opts.batchSize) break;
      }
      this.holes.expire(this.now(), this.opts.holeGraceMs);
    } catch (err) {
      // The database is away: the next tick carries on from the same cursor.
      this.errors += 1;
      this.log.warn({ err }, 'notification feed read failed');
    }
  }

  private async reread(from: number, to: number, stale: () => boolean): Promise<void> {
    let after = from - 1;
    for (;;) {
      const limit = Math.min(to - after, this.opts.batchSize);
      const page = await this.feed(after, limit);
      if (stale()) return;
      for (const n of page.items) if (n.cursor <= to && this.holes.has(n.cursor)) this.hand(n);
      const last = page.items.at(-1);
      if (page.items.length < limit || !last || last.cursor >= to) return;
      after = last.cursor;
    }
  }

  private hand(n: StreamedNotification): void {
    this.holes.remove(n.cursor);
    for (const listener of this.listeners.get(n.userId) ?? []) {
      try {
        listener(n);
      } catch (err) {
        this.log.error({ err }, 'notification listener failed');
      }
    }
  }

  private async feed(after: number | null, limit: number) {
    const r = await this.market.notificationFeed.execute({ after, limit });
    if (!r.ok) throw new Error(`notification feed: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
}
