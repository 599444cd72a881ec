import { type Marketplace, type NotificationListener, NotificationRelay, type UserId } from '@gavel/core';
import type { Logger } from 'pino';
import type { SseOptions } from './sse-options';

export type { NotificationListener } from '@gavel/core';

/**
 * The SSE streams' notification reader: core's `NotificationRelay` (one query per pass for every
 * connected user, each cursor handed over once, late commits below the cursor re-read) driven by
 * a poll timer that runs only while someone listens, and woken at once by `wake()` when an event
 * that notifies someone was seen.
 */
export class NotificationPoller {
  private readonly relay: NotificationRelay;
  private timer: NodeJS.Timeout | null = null;
  private errors = 0;

  constructor(
    market: Pick<Marketplace, 'notificationFeed'>,
    private readonly opts: Pick<SseOptions, 'pollMs' | 'holeGraceMs' | 'batchSize'>,
    private readonly log: Logger,
    now: () => number = () => Date.now(),
  ) {
    this.relay = new NotificationRelay({
      feed: market.notificationFeed,
      batchSize: opts.batchSize,
      holeGraceMs: opts.holeGraceMs,
      clock: { now },
      onListenerError: (err) => this.log.error({ err }, 'notification listener failed'),
    });
  }

  /**
   * Listens to one user's new notifications. Resolves once the reader has a position: every
   * notification above `position` that commits from then on reaches `listener`.
   */
  async subscribe(userId: UserId, listener: NotificationListener): Promise<{ position: number; unsubscribe: () => void }> {
    const sub = await this.relay.subscribe(userId, listener);
    this.schedule();
    return {
      position: sub.position,
      unsubscribe: () => {
        sub.unsubscribe();
        if (!this.relay.listening) this.stopTimer();
      },
    };
  }

  /** Reads now rather than at the next tick (a commit was seen elsewhere); calls during a read coalesce. */
  wake(): void {
    void this.pump();
  }

  stop(): void {
    this.stopTimer();
    this.relay.stop();
  }

  stats(): { active: boolean; users: number; cursor: number | null; holes: number; errors: number } {
    return { active: this.timer !== null, ...this.relay.stats(), errors: this.errors };
  }

  private schedule(): void {
    if (this.timer !== null || !this.relay.listening) return;
    const timer = setTimeout(() => {
      void this.pump().finally(() => {
        // A stop (and maybe a new subscriber's timer) came in meanwhile: that chain is not ours.
        if (this.timer !== timer) return;
        this.timer = null;
        this.schedule();
      });
    }, this.opts.pollMs);
    // Open sockets keep the process alive, not this timer.
    timer.unref();
    this.timer = timer;
  }

  private stopTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pump(): Promise<void> {
    return this.relay.pump().then(
      () => undefined,
      (err: unknown) => {
        // The database is away: the next tick carries on from the same cursor.
        this.errors += 1;
        this.log.warn({ err }, 'notification feed read failed');
      },
    );
  }
}
