import type { AuctionEvent } from '../auction/auction-events';
import type { AuctionState } from '../auction/auction-state';
import type { AuctionCatalog, EndTimeKey } from '../ports/auction-catalog.port';
import type { Clock } from '../ports/clock.port';
import type { JobHandlers, JobOutcome, ScheduledJob, Scheduler } from '../ports/scheduler.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { AuctionId } from '../shared/ids';
import type { Instant } from '../shared/time';
import type { CloseAuctionOutput } from '../use-cases/close-auction.use-case';
import { type CloseAuctions, MAX_CLOSE_BATCH } from '../use-cases/close-auctions.use-case';
import type { Result } from '../shared/result';
import type { OpenAuction } from '../use-cases/open-auction.use-case';

export interface AuctionJobsDeps {
  readonly gavel: { readonly openAuction: Pick<OpenAuction, 'execute'>; readonly closeAuctions: Pick<CloseAuctions, 'execute'> };
  /** Reads an auction's times when a job must know where they moved. */
  readonly uow: UnitOfWork;
  readonly catalog: Pick<AuctionCatalog, 'byEndTime'>;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  /** An auction this process closed: how late after its end the close committed (a metric). */
  readonly onClosed?: (closed: { readonly auctionId: AuctionId; readonly endTime: Instant; readonly lateMs: number }) => void;
  /** A job that ended in a domain refusal it cannot act on (logged; the job is dropped). */
  readonly onRefused?: (job: ScheduledJob, code: string) => void;
  /** Auctions per page when re-deriving jobs (default 500). */
  readonly pageSize?: number;
  /** Most auctions closed in one transaction (default 50; at most `MAX_CLOSE_BATCH`). */
  readonly closeBatch?: number;
  /**
   * Close transactions in flight at once (default 4): a batch waits on database round trips
   * more than on this process, so a few run side by side on different connections.
   */
  readonly closeParallel?: number;
  /**
   * Close jobs are due this long before the end (default 0): the scheduler takes them (locks,
   * reads) ahead of time, and each handler waits, lock held, until the end itself. For
   * schedulers whose per-job overhead would otherwise land after the end (Agenda locks one job
   * per query): a thousand auctions ending in one second are all in hand when it comes. Needs
   * `sleep`, and a scheduler lock that outlives the lead.
   */
  readonly closeLeadMs?: number;
  /** Waits `ms` (a timer: core has none of its own). Required when `closeLeadMs` > 0. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ReconcileResult {
  readonly opens: number;
  readonly closes: number;
}

const DONE: JobOutcome = { done: true };

/**
 * The scheduled work of an auction's life, as jobs behind the `Scheduler` port:
 * - `auction.open` at the start: a scheduled auction goes live (`OpenAuction`), and its close
 *   is scheduled.
 * - `auction.close` at the end: the auction ends and settles (`CloseAuction`). A close job that
 *   fires before an end a soft close moved later answers `retryAt` the new end: it reschedules
 *   itself and never closes early (the end is re-checked inside the auction's transaction).
 *
 * Both use cases guard their state change in the auction's own unit of work, so a job run
 * twice (an at-least-once scheduler, a lock that expired) changes nothing the second time:
 * every auction settles exactly once, and its notifications are written once, with the change.
 *
 * Jobs come from the data, not from the requests: `onEvent` schedules from the committed
 * event stream (publish, start, edit, cancel, end), and `reconcile` re-derives every pending job
 * from the auctions table, for a runner that starts after downtime or a crash between a commit
 * and its `schedule` call. Scheduling is an upsert per `(name, auctionId)`, so both can run
 * in every worker at once.
 */
export class AuctionJobs {
  readonly handlers: JobHandlers;
  private readonly closer: CloseBatcher;

  private readonly lead: number;

  constructor(private readonly deps: AuctionJobsDeps) {
    this.lead = Math.max(0, deps.closeLeadMs ?? 0);
    if (this.lead > 0 && !deps.sleep) throw new Error('AuctionJobs: closeLeadMs needs sleep');
    this.handlers = { 'auction.open': (job) => this.open(job), 'auction.close': (job) => this.close(job) };
    this.closer = new CloseBatcher(
      (auctionIds) => deps.gavel.closeAuctions.execute({ auctionIds }),
      Math.min(deps.closeBatch ?? 50, MAX_CLOSE_BATCH),
      Math.max(1, deps.closeParallel ?? 4),
    );
  }

  /** Schedules the pending job of every SCHEDULED and LIVE auction (overdue ones run at once). */
  async reconcile(): Promise<ReconcileResult> {
    let opens = 0;
    let closes = 0;
    for (const status of ['SCHEDULED', 'LIVE'] as const) {
      let after: EndTimeKey | null = null;
      for (;;) {
        const page = await this.deps.catalog.byEndTime(status, after, this.deps.pageSize ?? 500);
        for (const state of page) {
          if ((await this.scheduleFor(state)) === 'open') opens += 1;
          else closes += 1;
        }
        const last = page.at(-1);
        if (!last || page.length < (this.deps.pageSize ?? 500)) break;
        after = { endTime: last.endTime, id: last.id };
      }
    }
    return { opens, closes };
  }

  /** Keeps the jobs in step with one committed event (the worker's outbox relay calls it). */
  async onEvent(event: AuctionEvent): Promise<void> {
    const { scheduler } = this.deps;
    switch (event.type) {
      case 'AuctionPublished':
        if (event.payload.status === 'SCHEDULED') await scheduler.schedule({ name: 'auction.open', auctionId: event.auctionId, runAt: event.payload.startTime });
        else await scheduler.schedule({ name: 'auction.close', auctionId: event.auctionId, runAt: this.closeAt(event.payload.endTime) });
        return;
      case 'AuctionStarted':
        await scheduler.cancel('auction.open', event.auctionId);
        await scheduler.schedule({ name: 'auction.close', auctionId: event.auctionId, runAt: this.closeAt(event.payload.endTime) });
        return;
      case 'AuctionUpdated': {
        if (!event.payload.fields.some((f) => f === 'startTime' || f === 'endTime')) return;
        const state = await this.read(event.auctionId);
        if (state && (state.status === 'SCHEDULED' || state.status === 'LIVE')) await this.scheduleFor(state);
        return;
      }
      case 'AuctionEnded':
        // Ended on time: by its own close job, which is done. Bought now: its close job is still ahead.
        if (event.payload.via === 'buy_now') await scheduler.cancel('auction.close', event.auctionId);
        return;
      case 'AuctionCancelled':
        await scheduler.cancel('auction.open', event.auctionId);
        await scheduler.cancel('auction.close', event.auctionId);
        return;
      default:
        // Bids and extensions: the close job re-checks the end when it fires.
        return;
    }
  }

  private async scheduleFor(state: AuctionState): Promise<'open' | 'close'> {
    const { scheduler } = this.deps;
    const opensLater = state.status === 'SCHEDULED' && state.startTime !== null && state.startTime < state.endTime;
    if (opensLater) {
      await scheduler.schedule({ name: 'auction.open', auctionId: state.id, runAt: state.startTime! });
      return 'open';
    }
    await scheduler.schedule({ name: 'auction.close', auctionId: state.id, runAt: this.closeAt(state.endTime) });
    return 'close';
  }

  private async open(job: ScheduledJob): Promise<JobOutcome> {
    const opened = await this.deps.gavel.openAuction.execute({ auctionId: job.auctionId });
    if (!opened.ok) return this.refused(job, opened.error.code);
    const state = await this.read(job.auctionId);
    if (!state) return DONE;
    if (state.status === 'SCHEDULED') {
      // Not open: its start is still ahead (moved by an edit), or its end already passed.
      const now = this.deps.clock.now();
      if (state.startTime !== null && state.startTime > now && state.startTime < state.endTime) return { retryAt: state.startTime };
      await this.deps.scheduler.schedule({ name: 'auction.close', auctionId: job.auctionId, runAt: this.closeAt(state.endTime) });
      return DONE;
    }
    // Opened here, or earlier by a bid (which opens a due auction) or another run: it needs its close.
    if (state.status === 'LIVE') await this.deps.scheduler.schedule({ name: 'auction.close', auctionId: job.auctionId, runAt: this.closeAt(state.endTime) });
    return DONE;
  }

  /** When an auction ending at `endTime` has its close job due. */
  private closeAt(endTime: Instant): Instant {
    return endTime - this.lead;
  }

  private async close(job: ScheduledJob): Promise<JobOutcome> {
    // Taken ahead of the end (closeLeadMs): wait for it, holding the job.
    const end = job.runAt + this.lead;
    const wait = end - this.deps.clock.now();
    if (wait > 0 && this.deps.sleep) await this.deps.sleep(wait);
    const closed = await this.closer.close(job.auctionId);
    if (closed.ok) {
      if (closed.value.changed) {
        const { endTime } = closed.value.state;
        this.deps.onClosed?.({ auctionId: job.auctionId, endTime, lateMs: this.deps.clock.now() - endTime });
      }
      return DONE;
    }
    if (closed.error.code === 'AUCTION_NOT_ENDED') {
      // A soft close moved the end later (or this runner's clock is behind): run again at the end.
      const state = await this.read(job.auctionId);
      if (state && state.status !== 'ENDED' && state.status !== 'CANCELLED') return { retryAt: this.closeAt(state.endTime) };
      return DONE;
    }
    return this.refused(job, closed.error.code);
  }

  private refused(job: ScheduledJob, code: string): JobOutcome {
    if (code !== 'AUCTION_NOT_FOUND') this.deps.onRefused?.(job, code);
    return DONE;
  }

  private async read(auctionId: AuctionId): Promise<AuctionState | null> {
    const auction = await this.deps.uow.run((tx) => tx.auctions.get(auctionId));
    return auction ? auction.state : null;
  }
}

interface WaitingClose {
  readonly auctionId: AuctionId;
  readonly resolve: (r: Result<CloseAuctionOutput>) => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Group commit for close jobs: the close jobs that start in the same turn, or while a batch is
 * being written, are closed together in the next transaction (`CloseAuctions`). Many auctions
 * ending in the same second then cost a few commits instead of one each, and each job still
 * gets its own auction's result. A failed transaction rejects each job of its batch (retried by
 * the scheduler); the same auction twice (a duplicate delivery) waits for the next batch.
 */
class CloseBatcher {
  private queue: WaitingClose[] = [];
  private running = 0;
  private scheduled = false;
  /** Auctions in a batch being written: the same one again waits for a later batch. */
  private readonly inFlight = new Set<AuctionId>();

  constructor(
    private readonly closeMany: (ids: readonly AuctionId[]) => Promise<Result<readonly Result<CloseAuctionOutput>[]>>,
    private readonly max: number,
    private readonly parallel: number,
  ) {}

  close(auctionId: AuctionId): Promise<Result<CloseAuctionOutput>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ auctionId, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // After the current turn: jobs started together join one batch.
      void Promise.resolve().then(() => {
        this.scheduled = false;
        this.pump();
      });
    });
  }

  /** Starts batches while there is work and room for one. */
  private pump(): void {
    while (this.running < this.parallel && this.queue.length > 0) {
      const batch: WaitingClose[] = [];
      const rest: WaitingClose[] = [];
      for (const w of this.queue) {
        if (batch.length < this.max && !this.inFlight.has(w.auctionId)) {
          this.inFlight.add(w.auctionId);
          batch.push(w);
        } else {
          rest.push(w);
        }
      }
      this.queue = rest;
      if (batch.length === 0) return;
      this.running += 1;
      void this.write(batch).finally(() => {
        this.running -= 1;
        for (const w of batch) this.inFlight.delete(w.auctionId);
        this.pump();
      });
    }
  }

  private async write(batch: readonly WaitingClose[]): Promise<void> {
    try {
      const r = await this.closeMany(batch.map((w) => w.auctionId));
      if (!r.ok) throw new Error(`closing a batch failed: ${r.error.code} ${r.error.message}`);
      batch.forEach((w, i) => w.resolve(r.value[i]!));
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  }
}
