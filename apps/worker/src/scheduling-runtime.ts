import type { RelayRuntime } from '@gavel/app-api';
import { AuctionJobs, type AuctionCatalog, type Clock, type Gavel, type Scheduler, type StoredEvent, type UnitOfWork } from '@gavel/core';
import type { Logger } from 'pino';

export interface SchedulingDeps {
  readonly gavel: Pick<Gavel, 'openAuction' | 'closeAuctions'>;
  readonly uow: UnitOfWork;
  readonly catalog: Pick<AuctionCatalog, 'byEndTime'>;
  readonly scheduler: Scheduler;
  readonly clock: Clock;
  /** This process's outbox relay: the jobs follow the committed stream through it. */
  readonly relay: RelayRuntime;
  readonly logger: Logger;
}

export interface SchedulingOptions {
  /** How often every pending job is re-derived from the auctions table (0: only at start). Default 5 min. */
  readonly reconcileIntervalMs?: number;
  /** Close jobs are taken this long before the end and wait for it (`AuctionJobs` `closeLeadMs`). Default 0. */
  readonly closeLeadMs?: number;
}

export interface SchedulingStats {
  /** Auctions this process closed, and how late after their end each close committed. */
  readonly closed: number;
  readonly lateMs: { readonly p50: number; readonly p99: number; readonly max: number } | null;
  readonly reconciled: number;
  readonly failedEvents: number;
}

export interface Scheduling {
  readonly jobs: AuctionJobs;
  /** Re-derives every pending job now (also run at start and every `reconcileIntervalMs`). */
  reconcile(): Promise<void>;
  /** Lateness of every close made here since start, in ms, in the order they committed. */
  latenesses(): readonly number[];
  stats(): SchedulingStats;
  /** Takes no new job, lets running ones finish and releases their locks, then stops following the stream. */
  stop(): Promise<void>;
}

const quantile = (sorted: readonly number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/**
 * The auction jobs of one runner process (a worker, or the standalone app): the committed
 * stream keeps the jobs in step (published, started, edited, ended, cancelled), and the
 * auctions table re-derives them at start and every few minutes, so neither a crash between a
 * commit and its `schedule` call nor downtime loses one. Then the scheduler runs them.
 *
 * Order at start: the relay is started first (at the outbox's end), then the table is read,
 * so an auction published between the two is seen by one or the other (scheduling twice is an
 * upsert). Only then does the scheduler take jobs.
 */
export const startScheduling = async (deps: SchedulingDeps, options: SchedulingOptions = {}): Promise<Scheduling> => {
  const log = deps.logger;
  const late: number[] = [];
  let reconciled = 0;
  let failedEvents = 0;
  const jobs = new AuctionJobs({
    gavel: deps.gavel, uow: deps.uow, catalog: deps.catalog, scheduler: deps.scheduler, clock: deps.clock,
    closeLeadMs: options.closeLeadMs ?? 0,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    onClosed: ({ auctionId, lateMs }) => {
      late.push(lateMs);
      log.info({ auctionId, lateMs }, 'auction closed');
    },
    onRefused: (job, code) => log.warn({ job, code }, 'scheduled job refused by the domain; dropped'),
  });

  // Events reach `onEvent` one at a time, in the relay's order; a failure is logged and left to the next reconcile.
  let chain: Promise<void> = Promise.resolve();
  let following = true;
  const unsubscribe = deps.relay.relay.subscribe((event: StoredEvent) => {
    if (!following) return;
    chain = chain.then(() => jobs.onEvent(event)).catch((err: unknown) => {
      failedEvents += 1;
      log.error({ err, auctionId: event.auctionId, type: event.type }, 'scheduling: following an event failed; the next reconcile repairs it');
    });
  });
  await deps.relay.start();

  const reconcile = async () => {
    const r = await jobs.reconcile();
    reconciled += 1;
    log.info(r, 'scheduling: pending jobs re-derived from the auctions table');
  };
  try {
    await reconcile();
    await deps.scheduler.start(jobs.handlers);
  } catch (err) {
    unsubscribe();
    throw err;
  }

  const every = options.reconcileIntervalMs ?? 300_000;
  let reconciling: Promise<void> | null = null;
  const timer = every > 0
    ? setInterval(() => {
      reconciling ??= reconcile()
        .catch((err: unknown) => log.warn({ err }, 'scheduling: reconcile failed; retried at the next interval'))
        .finally(() => {
          reconciling = null;
        });
    }, every)
    : null;
  timer?.unref();

  let stopping: Promise<void> | null = null;
  return {
    jobs,
    reconcile,
    latenesses: () => late,
    stats: () => {
      const sorted = [...late].sort((a, b) => a - b);
      return {
        closed: late.length,
        lateMs: sorted.length === 0 ? null : { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99), max: sorted.at(-1)! },
        reconciled,
        failedEvents,
      };
    },
    stop: () => {
      stopping ??= (async () => {
        if (timer) clearInterval(timer);
        await reconciling;
        await deps.scheduler.stop();
        following = false;
        unsubscribe();
        await chain;
      })();
      return stopping;
    },
  };
};
