import type { AuctionId } from '../shared/ids';
import type { Instant } from '../shared/time';

/**
 * The jobs Gavel runs on time. Each names one auction, and an auction has at most one pending
 * job of each name: scheduling it again moves it (an upsert by `(name, auctionId)`).
 * - `auction.open`: a scheduled auction goes live at its start.
 * - `auction.close`: a live auction ends at its (possibly extended) end and settles.
 */
export type JobName = 'auction.open' | 'auction.close';

export const JOB_NAMES: readonly JobName[] = ['auction.open', 'auction.close'];

export interface ScheduledJob {
  readonly name: JobName;
  readonly auctionId: AuctionId;
  /** Not before this instant (server clock, ms since the epoch). */
  readonly runAt: Instant;
}

/**
 * What a handler says about the job it ran: `done` (the job is removed), or `retryAt` (the same
 * job runs again at that instant: an end a soft close moved later, a start not reached yet).
 * A handler that throws (the database is away) is retried by the scheduler after a short delay.
 */
export type JobOutcome = { readonly done: true } | { readonly retryAt: Instant };

export type JobHandler = (job: ScheduledJob) => Promise<JobOutcome>;
export type JobHandlers = Readonly<Record<JobName, JobHandler>>;

/**
 * Runs jobs at or after their time, at least once, with as many processes as run it: a job is
 * handed to one of them at a time while its lock holds, and again after a crash (or a lock that
 * expired while the job ran). Handlers are therefore idempotent: the state change they make is
 * guarded in its own transaction (closing an ended auction changes nothing), so an at-least-once
 * scheduler still settles exactly once.
 *
 * A scheduler may lose nothing it accepted, but a process may crash between a commit and the
 * `schedule` call that follows it, so the work is also re-derived from the auctions table
 * (`AuctionJobs.reconcile`) whenever a runner starts.
 */
export interface Scheduler {
  /** Schedules the `(name, auctionId)` job at `runAt`, replacing a pending one (not one running now). */
  schedule(job: ScheduledJob): Promise<void>;
  /** Removes the pending `(name, auctionId)` job, if any. */
  cancel(name: JobName, auctionId: AuctionId): Promise<void>;
  /** The pending job of that name for that auction, or null (for tests and operations). */
  pending(name: JobName, auctionId: AuctionId): Promise<ScheduledJob | null>;
  /**
   * Starts running due jobs in this process with these handlers. Before `start` (or without it:
   * a process that only schedules) jobs are only stored.
   */
  start(handlers: JobHandlers): Promise<void>;
  /**
   * Takes no new job, waits for the ones running here to finish, and releases what this process
   * holds, so that another runner takes the rest at once.
   */
  stop(): Promise<void>;
}
