import type { AuctionId, Clock, JobHandlers, JobName, ScheduledJob, Scheduler } from '@gavel/core';

export interface InProcessSchedulerOptions {
  /** Whose time jobs are due by (default: the system clock). */
  readonly clock?: Clock;
  /** Jobs run at once at most (default 100: close jobs that run together share transactions). */
  readonly concurrency?: number;
  /** First retry delay after a handler threw; doubles per failure up to `maxRetryDelayMs` (default 1 s). */
  readonly retryDelayMs?: number;
  /** Default 30 s. */
  readonly maxRetryDelayMs?: number;
  /**
   * Longest sleep between looks at the earliest job (default 1 s), so that a clock which jumps
   * (a fake one in tests, a corrected system clock) is noticed within that time.
   */
  readonly maxSleepMs?: number;
  /** A handler threw (the job is retried). */
  readonly onError?: (error: unknown, job: ScheduledJob) => void;
}

interface Entry {
  job: ScheduledJob;
  running: boolean;
  /** Scheduled (again) while it ran: replaces the run's own outcome. */
  next: ScheduledJob | null;
  /** Set by `cancel` while it ran: the run's outcome is dropped. */
  cancelled: boolean;
  failures: number;
}

const keyOf = (name: JobName, auctionId: AuctionId): string => `${name}\u0000${auctionId}`;

/**
 * The `Scheduler` for one process: jobs in a map, one timer for the earliest. Nothing is stored,
 * so a restart forgets every job; the runner re-derives them from the auctions table when it
 * starts (`AuctionJobs.reconcile`, which also closes at once what ended while it was down). For
 * the standalone app and for embedding; several processes need a shared store (`@gavel/agenda`).
 */
export class InProcessScheduler implements Scheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly running = new Set<Promise<void>>();
  private readonly clock: Clock;
  private handlers: JobHandlers | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wakeAt = Infinity;

  constructor(private readonly options: InProcessSchedulerOptions = {}) {
    this.clock = options.clock ?? { now: () => Date.now() };
  }

  async schedule(job: ScheduledJob): Promise<void> {
    const key = keyOf(job.name, job.auctionId);
    const entry = this.entries.get(key);
    if (entry?.running) {
      entry.next = job;
      entry.cancelled = false;
      return;
    }
    this.entries.set(key, { job, running: false, next: null, cancelled: false, failures: 0 });
    this.arm();
  }

  async cancel(name: JobName, auctionId: AuctionId): Promise<void> {
    const key = keyOf(name, auctionId);
    const entry = this.entries.get(key);
    if (!entry) return;
    if (entry.running) {
      entry.cancelled = true;
      entry.next = null;
    } else {
      this.entries.delete(key);
    }
  }

  async pending(name: JobName, auctionId: AuctionId): Promise<ScheduledJob | null> {
    const entry = this.entries.get(keyOf(name, auctionId));
    if (!entry) return null;
    if (entry.running) return entry.next;
    return entry.job;
  }

  async start(handlers: JobHandlers): Promise<void> {
    this.handlers = handlers;
    this.wakeAt = Infinity;
    this.arm();
  }

  async stop(): Promise<void> {
    this.handlers = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wakeAt = Infinity;
    await Promise.all([...this.running]);
  }

  /** Runs every job due now (up to the concurrency) and resolves when they have finished: for tests on a fake clock. */
  async runDue(): Promise<number> {
    const started = this.dispatch();
    await Promise.all([...this.running]);
    return started;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Sets the timer for the earliest pending job, if it is earlier than the one set. */
  private arm(): void {
    if (!this.handlers) return;
    let earliest = Infinity;
    for (const entry of this.entries.values()) if (!entry.running && entry.job.runAt < earliest) earliest = entry.job.runAt;
    if (earliest === Infinity) return;
    const now = this.clock.now();
    const wakeAt = Math.min(earliest, now + (this.options.maxSleepMs ?? 1_000));
    if (this.timer && wakeAt >= this.wakeAt) return;
    if (this.timer) clearTimeout(this.timer);
    this.wakeAt = wakeAt;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeAt = Infinity;
      this.dispatch();
      this.arm();
    }, Math.max(0, wakeAt - now));
    // The owner's server keeps the process alive, not this timer.
    this.timer.unref();
  }

  private dispatch(): number {
    const handlers = this.handlers;
    if (!handlers) return 0;
    const limit = this.options.concurrency ?? 100;
    const now = this.clock.now();
    const due = [...this.entries.values()].filter((e) => !e.running && e.job.runAt <= now).sort((a, b) => a.job.runAt - b.job.runAt);
    let started = 0;
    for (const entry of due) {
      if (this.running.size >= limit) break;
      entry.running = true;
      const run: Promise<void> = this.execute(handlers, entry).finally(() => {
        this.running.delete(run);
        this.arm();
      });
      this.running.add(run);
      started += 1;
    }
    return started;
  }

  private async execute(handlers: JobHandlers, entry: Entry): Promise<void> {
    const job = entry.job;
    const key = keyOf(job.name, job.auctionId);
    let retryAt: number | null = null;
    try {
      const outcome = await handlers[job.name](job);
      entry.failures = 0;
      if ('retryAt' in outcome) retryAt = outcome.retryAt;
    } catch (err) {
      entry.failures += 1;
      this.options.onError?.(err, job);
      const delay = Math.min((this.options.retryDelayMs ?? 1_000) * 2 ** (entry.failures - 1), this.options.maxRetryDelayMs ?? 30_000);
      retryAt = this.clock.now() + delay;
    }
    entry.running = false;
    if (entry.next) {
      entry.job = entry.next;
      entry.next = null;
      entry.failures = 0;
    } else if (entry.cancelled || retryAt === null) {
      this.entries.delete(key);
    } else {
      entry.job = { ...job, runAt: retryAt };
    }
  }
}
