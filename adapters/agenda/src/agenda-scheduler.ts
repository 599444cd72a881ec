import { JOB_NAMES, type AuctionId, type JobHandler, type JobHandlers, type JobName, type JobOutcome, type ScheduledJob, type Scheduler } from '@gavel/core';
import { Agenda, exponential, type Job } from 'agenda';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { storeFor, type AgendaBackendConfig } from './agenda-backends';
import type { AgendaStore } from './agenda-store';

export interface AgendaSchedulerOptions {
  readonly backend: AgendaBackendConfig;
  /** This worker's name in the store (`last_modified_by`); default `<host>#<pid>#<n>`, unique per instance. */
  readonly name?: string;
  /** How often due jobs are looked for and locked, in ms (default 250); see docs/scheduling-agenda.md. */
  readonly processEvery?: number;
  /** Jobs running at once in this process (default 50). */
  readonly maxConcurrency?: number;
  /** Jobs of one name running at once in this process (default 50: closes all share one name). */
  readonly defaultConcurrency?: number;
  /** Jobs this process may hold locked at once (default 0: no limit). */
  readonly lockLimit?: number;
  /**
   * How long a lock holds, in ms (default 30 s): a job running longer is run again by another
   * worker (at least once), and the jobs of a worker that died wait this long.
   */
  readonly defaultLockLifetime?: number;
  /** First retry after a handler threw, in ms (default 1 s); doubles up to `maxRetryDelayMs` (default 30 s). */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** A handler threw (the job is retried), or the store failed (`job` null). Default: ignored, as Agenda does. */
  readonly onError?: (error: unknown, job: ScheduledJob | null) => void;
}

/**
 * What a stored job carries. `runAt` is the instant it was scheduled for (Agenda clears its own
 * `nextRunAt` while a job runs); `token` is new with every schedule, so that a run can tell the
 * job was moved or replaced after it was locked.
 */
interface JobData {
  readonly auctionId: string;
  readonly runAt: number;
  readonly token: string;
}

const isJobData = (data: unknown): data is JobData =>
  typeof data === 'object' && data !== null && typeof (data as JobData).auctionId === 'string' && typeof (data as JobData).runAt === 'number';

let instances = 0;

/**
 * The `Scheduler` port on Agenda 6: jobs are rows (documents, hashes) of one Agenda backend,
 * named `auction.open` / `auction.close`, one per auction and name (`data.auctionId` is
 * Agenda's unique key), run by every process that `start`s, each job by one of them at a time
 * while its lock holds. See docs/scheduling-agenda.md.
 */
export class AgendaScheduler implements Scheduler {
  readonly name: string;
  private readonly store: AgendaStore;
  private opening: Promise<Agenda> | null = null;
  private started = false;
  private closed = false;

  constructor(private readonly options: AgendaSchedulerOptions) {
    this.name = options.name ?? `${hostname()}#${process.pid}#${++instances}`;
    this.store = storeFor(options.backend, (err) => this.report(err, null));
  }

  /** Connects (on PostgreSQL, creates the table first). Every method does it on first use. */
  async open(): Promise<void> {
    await this.agenda();
  }

  async schedule(job: ScheduledJob): Promise<void> {
    const agenda = await this.agenda();
    const data: JobData = { auctionId: job.auctionId, runAt: job.runAt, token: randomUUID() };
    const save = () => agenda.create(job.name, data).unique({ 'data.auctionId': job.auctionId }).schedule(new Date(job.runAt)).save();
    try {
      await save();
    } catch (err) {
      if (!this.store.isDuplicate(err)) throw err;
      // Two first schedules raced past the backend's look-up; the second finds the row now.
      await save();
    }
  }

  async cancel(name: JobName, auctionId: AuctionId): Promise<void> {
    await (await this.agenda()).cancel({ name, data: { auctionId } });
  }

  async pending(name: JobName, auctionId: AuctionId): Promise<ScheduledJob | null> {
    const { jobs } = await (await this.agenda()).queryJobs({ name, data: { auctionId }, limit: 1 });
    const nextRunAt = jobs[0]?.nextRunAt;
    return nextRunAt ? { name, auctionId, runAt: nextRunAt.getTime() } : null;
  }

  async start(handlers: JobHandlers): Promise<void> {
    const agenda = await this.agenda();
    const o = this.options;
    for (const name of JOB_NAMES) {
      agenda.define(name, (job: Job<JobData>) => this.run(agenda, name, handlers[name], job), {
        concurrency: o.defaultConcurrency ?? 50,
        backoff: exponential({ delay: o.retryDelayMs ?? 1_000, factor: 2, maxDelay: o.maxRetryDelayMs ?? 30_000, maxRetries: Infinity }),
      });
    }
    await agenda.start();
    this.started = true;
  }

  async stop(): Promise<void> {
    if (!this.started || !this.opening) return;
    this.started = false;
    const agenda = await this.opening;
    // drain() waits for the jobs running here; stop() takes no new one and unlocks the ones
    // locked here and not started (drain alone leaves them locked for a lock lifetime). Neither
    // closes the connection: a stopped scheduler still schedules.
    const drained = agenda.drain({ closeConnection: false });
    await agenda.stop(false);
    await drained;
  }

  /** Stops, then closes the pool or client the scheduler opened itself (never one it was given). */
  async close(): Promise<void> {
    await this.stop();
    if (this.closed) return;
    this.closed = true;
    await this.opening?.catch(() => undefined);
    await this.store.close();
  }

  private agenda(): Promise<Agenda> {
    if (this.closed) return Promise.reject(new Error('AgendaScheduler is closed'));
    this.opening ??= this.connect().catch((err: unknown) => {
      this.opening = null;
      throw err;
    });
    return this.opening;
  }

  private async connect(): Promise<Agenda> {
    // Agenda connects its backend in its constructor, leaving a failure unhandled: the store is
    // reached first, so that a server that is away fails here.
    await this.store.prepare();
    const o = this.options;
    const agenda = new Agenda({
      backend: this.store.backend,
      name: this.name,
      processEvery: o.processEvery ?? 250,
      maxConcurrency: o.maxConcurrency ?? 50,
      defaultConcurrency: o.defaultConcurrency ?? 50,
      lockLimit: o.lockLimit ?? 0,
      defaultLockLifetime: o.defaultLockLifetime ?? 30_000,
      // A finished job's row goes (see run): the table holds pending and running jobs only.
      removeOnComplete: false,
    });
    agenda.on('error', (err) => this.report(err, null));
    await agenda.ready;
    return agenda;
  }

  /**
   * Runs one job. After the handler, a schedule that came while it ran (or since the job was
   * locked) replaces its outcome and a cancel drops it, as the port says: the row's `token`
   * tells. What Agenda saves when this returns is `job.attrs.nextRunAt`: the next run's time
   * (or, after a throw, its backoff's); a finished job's row is deleted here.
   */
  private async run(agenda: Agenda, name: JobName, handler: JobHandler, job: Job<JobData>): Promise<void> {
    const id = String(job.attrs._id);
    const held = job.attrs.data;
    const lockedEarly = !isJobData(held) || (job.attrs.lockedAt?.getTime() ?? 0) < held.runAt;
    // A job locked ahead of its time may have been moved later since: read it again. One locked
    // when due needs no read: a move since then is one that came while it ran (below).
    const current = lockedEarly ? await this.stored(agenda, id) : held;
    if (!current) return;
    if (current.runAt > Date.now()) return this.moveTo(job, current);
    const scheduled: ScheduledJob = { name, auctionId: current.auctionId as AuctionId, runAt: current.runAt };
    let outcome: JobOutcome | null = null;
    let failure: { error: unknown } | null = null;
    try {
      outcome = await handler(scheduled);
    } catch (error) {
      failure = { error };
      this.report(error, scheduled);
    }
    if (outcome && !('retryAt' in outcome)) {
      // Done: the row goes if it still holds this schedule (the token is the delete's condition).
      // Agenda's own removeOnComplete is not used: it deletes after its 'complete' event, and
      // drain(), which waits for that event, would then wait for ever on a job finishing there.
      if ((await agenda.cancel({ id, data: { token: current.token } })) > 0) return;
    }
    const after = await this.stored(agenda, id);
    if (!after) return;
    if (after.token !== current.token) return this.moveTo(job, after);
    // Agenda's backoff (define) schedules the retry and counts the failures.
    if (failure) throw failure.error;
    if (outcome && 'retryAt' in outcome) {
      job.attrs.data = { ...current, runAt: outcome.retryAt, token: randomUUID() };
      await job.schedule(new Date(outcome.retryAt)).save();
    }
  }

  private async stored(agenda: Agenda, id: string): Promise<JobData | null> {
    const row = await agenda.db.getJobById(id);
    return row && isJobData(row.data) ? row.data : null;
  }

  private moveTo(job: Job<JobData>, data: JobData): void {
    job.attrs.data = data;
    job.attrs.nextRunAt = new Date(data.runAt);
  }

  private report(error: unknown, job: ScheduledJob | null): void {
    try {
      this.options.onError?.(error, job);
    } catch {
      // A failing error sink must not break the scheduler.
    }
  }
}

/** An `AgendaScheduler`, connected (and its table created): a store that is away fails here. */
export const createAgendaScheduler = async (options: AgendaSchedulerOptions): Promise<AgendaScheduler> => {
  const scheduler = new AgendaScheduler(options);
  await scheduler.open();
  return scheduler;
};
