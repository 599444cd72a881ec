import type { Clock } from '../ports/clock.port';
import type { NotificationFeedPage } from '../notifications/get-notification-feed.use-case';
import type { StreamedNotification } from '../notifications/notification-view';
import type { Result } from '../shared/result';
import type { UserId } from '../shared/ids';
import { PositionHoles } from './position-holes';

export type NotificationListener = (n: StreamedNotification) => void;

/** What a `NotificationRelay` reads (the marketplace's `notificationFeed` fits), and its limits. */
export interface NotificationRelayDeps {
  readonly feed: { execute(input: { readonly after: number | null; readonly limit: number }): Promise<Result<NotificationFeedPage>> };
  /** Rows per read (default 200). */
  readonly batchSize?: number;
  /** How long a cursor passed without a row is re-read before it counts as a rollback (default 15 s). */
  readonly holeGraceMs?: number;
  /** Times holes (default: the system clock). */
  readonly clock?: Clock;
  /** A listener threw: the others still got the notification. */
  readonly onListenerError?: (error: unknown, n: StreamedNotification) => void;
}

/** Holes closer than this are re-read in one query. */
const JOIN_HOLES = 16;

/**
 * One reader of everyone's new notifications per process, whatever the number of streams or
 * sockets listening: each pass is one query, and each new notification goes to the listeners of
 * its user. It reads only while someone listens: the first `subscribe` starts it at the store's
 * end, the last unsubscribe forgets its cursor. Pure logic, like `EventRelay`: the caller drives
 * `pump()` (a poll timer, an outbox signal); a failed read rejects that pump and the next one
 * carries on from the same cursor.
 *
 * Cursors come from an auto-increment, so a notification committed late can appear below the
 * cursor (PostgreSQL, MySQL): positions passed without a row are re-read for `holeGraceMs`,
 * as the event relay does, and each cursor is handed over once.
 */
export class NotificationRelay {
  private readonly listeners = new Map<UserId, Set<NotificationListener>>();
  private readonly holes = new PositionHoles(10_000);
  private readonly batchSize: number;
  private readonly holeGraceMs: number;
  private readonly clock: Clock;
  private cursor: number | null = null;
  private starting: Promise<void> | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private queued: Promise<number> | null = null;
  /** Bumped by every stop: a read still running from before must not touch the new state. */
  private generation = 0;

  constructor(private readonly deps: NotificationRelayDeps) {
    this.batchSize = deps.batchSize ?? 200;
    this.holeGraceMs = deps.holeGraceMs ?? 15_000;
    this.clock = deps.clock ?? { now: () => Date.now() };
  }

  /** True while someone listens (and `pump()` reads). */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /**
   * Listens to one user's new notifications. Resolves once the reader has a position: every
   * notification above `position` that commits from then on reaches `listener`.
   */
  async subscribe(userId: UserId, listener: NotificationListener): Promise<{ position: number; unsubscribe: () => void }> {
    let mine = this.listeners.get(userId);
    if (!mine) this.listeners.set(userId, (mine = new Set()));
    mine.add(listener);
    let subscribed = true;
    const unsubscribe = () => {
      if (!subscribed) return;
      subscribed = false;
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

  /**
   * Reads what committed since the last pass and hands it over; resolves to the number handed
   * over. Does nothing while nobody listens. Calls during a pass share the next one.
   */
  pump(): Promise<number> {
    if (this.cursor === null) return Promise.resolve(0);
    this.queued ??= this.tail.catch(() => undefined).then(() => {
      this.queued = null;
      return this.pass(this.generation);
    });
    this.tail = this.queued;
    return this.queued;
  }

  /** Forgets the cursor and every hole (nobody listens any more, or the app stops). */
  stop(): void {
    this.generation += 1;
    this.cursor = null;
    this.starting = null;
    this.queued = null;
    this.holes.clear();
  }

  stats(): { users: number; cursor: number | null; holes: number } {
    return { users: this.listeners.size, cursor: this.cursor, holes: this.holes.size };
  }

  /** Below this every cursor has been handed over or given up: where a new stream starts. */
  private settled(): number {
    const first = this.holes.spans(0)[0];
    return first ? first.from - 1 : (this.cursor ?? 0);
  }

  private start(): Promise<void> {
    const gen = this.generation;
    this.starting ??= (async () => {
      const end = await this.read(null, 1);
      // Rows below the end may still commit (a slow transaction): remember the last window's holes.
      const from = Math.max(0, end.end - this.batchSize);
      const window = end.end > 0 ? await this.read(from, this.batchSize) : { items: [], end: from };
      if (gen !== this.generation) return;
      let previous = from;
      const now = this.clock.now();
      for (const n of window.items) {
        if (n.cursor > end.end) break;
        this.holes.add(previous + 1, n.cursor - 1, now);
        previous = n.cursor;
      }
      this.cursor = end.end;
    })().catch((err: unknown) => {
      if (gen === this.generation) this.starting = null;
      throw err;
    });
    return this.starting;
  }

  private async pass(gen: number): Promise<number> {
    const stale = () => gen !== this.generation || this.cursor === null;
    if (stale()) return 0;
    let handed = 0;
    for (const span of this.holes.spans(JOIN_HOLES)) {
      handed += await this.reread(span.from, span.to, stale);
      if (stale()) return handed;
    }
    for (;;) {
      const page = await this.read(this.cursor!, this.batchSize);
      if (stale()) return handed;
      const now = this.clock.now();
      for (const n of page.items) {
        if (n.cursor <= this.cursor!) continue;
        this.holes.add(this.cursor! + 1, n.cursor - 1, now);
        this.cursor = n.cursor;
        this.hand(n);
        handed += 1;
      }
      if (page.items.length < this.batchSize) break;
    }
    this.holes.expire(this.clock.now(), this.holeGraceMs);
    return handed;
  }

  private async reread(from: number, to: number, stale: () => boolean): Promise<number> {
    let after = from - 1;
    let handed = 0;
    for (;;) {
      const limit = Math.min(to - after, this.batchSize);
      const page = await this.read(after, limit);
      if (stale()) return handed;
      for (const n of page.items) {
        if (n.cursor > to || !this.holes.has(n.cursor)) continue;
        this.hand(n);
        handed += 1;
      }
      const last = page.items.at(-1);
      if (page.items.length < limit || !last || last.cursor >= to) return handed;
      after = last.cursor;
    }
  }

  private hand(n: StreamedNotification): void {
    this.holes.remove(n.cursor);
    for (const listener of this.listeners.get(n.userId) ?? []) {
      try {
        listener(n);
      } catch (err) {
        this.deps.onListenerError?.(err, n);
      }
    }
  }

  private async read(after: number | null, limit: number): Promise<NotificationFeedPage> {
    const r = await this.deps.feed.execute({ after, limit });
    if (!r.ok) throw new Error(`notification feed: ${r.error.code} ${r.error.message}`);
    return r.value;
  }
}
