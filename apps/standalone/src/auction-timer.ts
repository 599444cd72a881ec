import type { AuctionCatalog, AuctionState, AuctionStatus, Clock, Gavel } from '@gavel/core';
import type { Logger } from 'pino';

export interface AuctionTimerDeps {
  readonly catalog: AuctionCatalog;
  readonly gavel: Pick<Gavel, 'openAuction' | 'closeAuction'>;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface AuctionTimerOptions {
  /** Pause between ticks. Default 1 s: an auction closes at most about a second late. */
  readonly intervalMs?: number;
  /** Auctions examined per catalog query. Default 100. */
  readonly pageSize?: number;
}

export interface TickResult {
  readonly opened: number;
  readonly closed: number;
}

/** A tick never runs away: past this many pages it leaves the rest to the next tick. */
const MAX_PAGES_PER_TICK = 50;

/**
 * Opens scheduled auctions at their start and closes auctions at their end, by polling the
 * catalog: the standalone app's stand-in for issue 6's scheduler. Both use cases are idempotent
 * and re-check the time inside the auction's unit of work, so a tick racing a late bid (which
 * extends the end) changes nothing it should not.
 */
export class AuctionTimer {
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<TickResult> | null = null;
  private running = false;

  constructor(
    private readonly deps: AuctionTimerDeps,
    private readonly options: AuctionTimerOptions = {},
  ) {}

  /** Runs a first tick at once (auctions overdue while the app was down close now), then one per interval. */
  async start(): Promise<TickResult> {
    this.running = true;
    const first = await this.tick();
    this.schedule();
    return first;
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
  }

  /** One pass; concurrent calls share it. */
  tick(): Promise<TickResult> {
    this.ticking ??= this.pass().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  private async pass(): Promise<TickResult> {
    const now = this.deps.clock.now();
    const done = { opened: 0, closed: 0 };
    const close = async (s: AuctionState) => {
      const changed = await this.run('close', s, () => this.deps.gavel.closeAuction.execute({ auctionId: s.id }));
      if (changed) done.closed += 1;
      return changed ? 'moved' : 'stayed';
    };
    const open = async (s: AuctionState) => {
      const changed = await this.run('open', s, () => this.deps.gavel.openAuction.execute({ auctionId: s.id }));
      if (changed) done.opened += 1;
      return changed ? 'moved' : 'stayed';
    };
    // Live auctions, nearest end first: stop at the first one still running.
    await this.scan('LIVE', async (s) => (s.endTime > now ? 'stop' : close(s)));
    // Scheduled ones have no order by start: look at them all (few in a standalone deployment).
    await this.scan('SCHEDULED', async (s) => {
      if (s.endTime <= now) return close(s);
      if (s.startTime !== null && s.startTime <= now) return open(s);
      return 'stayed';
    });
    return done;
  }

  /**
   * Pages through one status, nearest end first. Auctions the visit moved to another status
   * leave the filter, so the offset advances only past those that stayed.
   */
  private async scan(status: AuctionStatus, visit: (s: AuctionState) => Promise<'moved' | 'stayed' | 'stop'>): Promise<void> {
    const limit = this.options.pageSize ?? 100;
    let offset = 0;
    for (let page = 0; page < MAX_PAGES_PER_TICK; page += 1) {
      const found = await this.deps.catalog.search({ status, unpublishedOf: 'all' }, 'ending_soon', { offset, limit });
      for (const s of found.items) {
        const outcome = await visit(s);
        if (outcome === 'stop') return;
        if (outcome === 'stayed') offset += 1;
      }
      if (found.items.length < limit) return;
    }
  }

  private async run(
    what: 'open' | 'close',
    s: AuctionState,
    call: () => Promise<{ ok: true; value: { changed: boolean } } | { ok: false; error: { code: string; message: string } }>,
  ): Promise<boolean> {
    try {
      const result = await call();
      if (!result.ok) {
        // AUCTION_NOT_ENDED: a bid extended it since the query; the next tick sees the new end.
        this.deps.logger.debug({ auctionId: s.id, code: result.error.code }, `auction ${what} skipped`);
        return false;
      }
      if (result.value.changed) {
        this.deps.logger.info({ auctionId: s.id }, what === 'open' ? 'auction opened' : 'auction closed');
      }
      return result.value.changed;
    } catch (err) {
      this.deps.logger.error({ err, auctionId: s.id }, `auction ${what} failed`);
      return false;
    }
  }

  private schedule(): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.tick()
        .catch((err: unknown) => this.deps.logger.error({ err }, 'auction timer tick failed'))
        .finally(() => this.schedule());
    }, this.options.intervalMs ?? 1000);
    this.timer.unref();
  }
}
