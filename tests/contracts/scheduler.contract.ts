import type { AuctionId, JobHandlers, JobName, JobOutcome, ScheduledJob, Scheduler } from '@gavel/core';
import { randomUUID } from 'node:crypto';

/**
 * A scheduler over a fresh, empty store. `peer()` (backends where several processes share one
 * store) opens a second scheduler on the same store, as another worker process would.
 */
export interface SchedulerSubject {
  readonly scheduler: Scheduler;
  peer?(): Promise<Scheduler>;
  /** Stops every scheduler it opened and drops the store. */
  close(): Promise<void>;
}

export type SchedulerFactory = () => Promise<SchedulerSubject>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const newAuction = (): AuctionId => randomUUID() as AuctionId;

export const waitUntil = async (what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(10);
  }
};

interface Run {
  readonly name: JobName;
  readonly auctionId: AuctionId;
  /** Wall-clock time the handler began. */
  readonly at: number;
  readonly runAt: number;
  readonly by: string;
}

/**
 * Records every run; each job's outcome comes from `decide` (default: done). Handlers are the
 * same for every name, tagged with `by` so a test can tell which scheduler ran a job.
 */
class Recorder {
  readonly runs: Run[] = [];
  decide: (job: ScheduledJob, runs: number) => Promise<JobOutcome> = async () => ({ done: true });

  handlers(by: string): JobHandlers {
    const handle = async (job: ScheduledJob): Promise<JobOutcome> => {
      this.runs.push({ name: job.name, auctionId: job.auctionId, at: Date.now(), runAt: job.runAt, by });
      return this.decide(job, this.of(job.auctionId).length);
    };
    return { 'auction.open': handle, 'auction.close': handle };
  }

  of(auctionId: AuctionId, name?: JobName): Run[] {
    return this.runs.filter((r) => r.auctionId === auctionId && (name === undefined || r.name === name));
  }
}

/**
 * `Scheduler`: jobs run at or after their time, once each while nothing fails; scheduling the
 * same `(name, auctionId)` again moves the one job; `cancel` removes it; a handler's `retryAt`
 * runs it again then; a handler that throws is retried; jobs stored before `start` run after
 * it; `stop` waits for a running job and runs nothing more. With `peer()`, two schedulers on
 * one store run each job once between them, and one that stops leaves its work to the other.
 *
 * Times are real and short (tens to hundreds of ms): the suite tests a real backend's timing.
 */
export const describeSchedulerContract = (name: string, factory: SchedulerFactory, opts: { readonly sharedStore?: boolean } = {}): void => {
  describe(`Scheduler contract: ${name}`, () => {
    let subject: SchedulerSubject;
    let rec: Recorder;
    beforeEach(async () => {
      subject = await factory();
      rec = new Recorder();
    });
    afterEach(() => subject.close());

    it('runs a job once, at or after its time and not before', async () => {
      const id = newAuction();
      await subject.scheduler.start(rec.handlers('a'));
      const runAt = Date.now() + 300;
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt });
      expect(await subject.scheduler.pending('auction.close', id)).toEqual({ name: 'auction.close', auctionId: id, runAt });
      await waitUntil('the run', () => rec.of(id).length === 1);
      expect(rec.of(id)[0]).toMatchObject({ name: 'auction.close', runAt });
      expect(rec.of(id)[0]!.at).toBeGreaterThanOrEqual(runAt);
      await pause(300);
      expect(rec.of(id)).toHaveLength(1);
      expect(await subject.scheduler.pending('auction.close', id)).toBeNull();
    });

    it('keeps one job per (name, auction): scheduling again moves it; other names and auctions are separate jobs', async () => {
      const [id, other] = [newAuction(), newAuction()];
      const now = Date.now();
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: now + 60_000 });
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: now + 200 });
      await subject.scheduler.schedule({ name: 'auction.open', auctionId: id, runAt: now + 200 });
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: other, runAt: now + 200 });
      expect((await subject.scheduler.pending('auction.close', id))?.runAt).toBe(now + 200);
      await subject.scheduler.start(rec.handlers('a'));
      await waitUntil('three runs', () => rec.runs.length === 3);
      await pause(400);
      expect(rec.of(id, 'auction.close')).toHaveLength(1);
      expect(rec.of(id, 'auction.open')).toHaveLength(1);
      expect(rec.of(other)).toHaveLength(1);
    });

    it('moves a job later too: it does not run at the earlier time', async () => {
      const id = newAuction();
      await subject.scheduler.start(rec.handlers('a'));
      const now = Date.now();
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: now + 150 });
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: now + 700 });
      await waitUntil('the run', () => rec.of(id).length === 1);
      expect(rec.of(id)[0]!.at).toBeGreaterThanOrEqual(now + 700);
    });

    it('cancel removes the pending job; cancelling what is not there is fine', async () => {
      const [id, kept] = [newAuction(), newAuction()];
      await subject.scheduler.start(rec.handlers('a'));
      const runAt = Date.now() + 300;
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt });
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: kept, runAt });
      await subject.scheduler.cancel('auction.close', id);
      await subject.scheduler.cancel('auction.open', id);
      await subject.scheduler.cancel('auction.close', newAuction());
      expect(await subject.scheduler.pending('auction.close', id)).toBeNull();
      await waitUntil('the kept job', () => rec.of(kept).length === 1);
      await pause(200);
      expect(rec.of(id)).toEqual([]);
    });

    it('a handler answering retryAt runs the same job again at that time, and the job is pending meanwhile', async () => {
      const id = newAuction();
      let retryAt = 0;
      rec.decide = async (_job, runs) => {
        if (runs > 1) return { done: true };
        retryAt = Date.now() + 400;
        return { retryAt };
      };
      await subject.scheduler.start(rec.handlers('a'));
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() + 50 });
      await waitUntil('the first run', () => rec.of(id).length === 1);
      await waitUntil('the retry to be decided', () => retryAt > 0);
      // Once the run's outcome is stored, the job is pending at the retry time.
      const deadline = Date.now() + 300;
      let pending = await subject.scheduler.pending('auction.close', id);
      while (pending?.runAt !== retryAt && Date.now() < deadline) pending = await subject.scheduler.pending('auction.close', id);
      expect(pending).toEqual({ name: 'auction.close', auctionId: id, runAt: retryAt });
      await waitUntil('the second run', () => rec.of(id).length === 2);
      expect(rec.of(id)[1]!.at).toBeGreaterThanOrEqual(retryAt);
      expect(rec.of(id)[1]!.runAt).toBe(retryAt);
      await pause(300);
      expect(rec.of(id)).toHaveLength(2);
    });

    it('a schedule made while the job runs replaces its outcome; a cancel made while it runs drops it', async () => {
      const [moved, dropped] = [newAuction(), newAuction()];
      const release: (() => void)[] = [];
      rec.decide = async (job, runs) => {
        if (runs === 1) await new Promise<void>((resolve) => release.push(resolve));
        return job.auctionId === moved && runs === 1 ? { retryAt: Date.now() + 60_000 } : { done: true };
      };
      await subject.scheduler.start(rec.handlers('a'));
      for (const id of [moved, dropped]) await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() });
      await waitUntil('both runs to start', () => release.length === 2);
      const again = Date.now() + 400;
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: moved, runAt: again });
      await subject.scheduler.cancel('auction.close', dropped);
      for (const r of release) r();
      // The schedule made during the run wins over the run's own retryAt (a minute later).
      await waitUntil('the moved job to run again', () => rec.of(moved).length === 2, 5_000);
      expect(rec.of(moved)[1]!.at).toBeGreaterThanOrEqual(again);
      await pause(300);
      expect(rec.of(dropped)).toHaveLength(1);
      expect(await subject.scheduler.pending('auction.close', dropped)).toBeNull();
    });

    it('retries a handler that throws, until it succeeds', async () => {
      const id = newAuction();
      rec.decide = async (_job, runs) => {
        if (runs < 3) throw new Error('database away');
        return { done: true };
      };
      await subject.scheduler.start(rec.handlers('a'));
      await subject.scheduler.schedule({ name: 'auction.open', auctionId: id, runAt: Date.now() });
      await waitUntil('three runs', () => rec.of(id).length === 3, 20_000);
      await pause(300);
      expect(rec.of(id)).toHaveLength(3);
      expect(await subject.scheduler.pending('auction.open', id)).toBeNull();
    });

    it('runs jobs stored before start, due ones at once', async () => {
      const ids = [newAuction(), newAuction(), newAuction()];
      const past = Date.now() - 5_000;
      for (const id of ids) await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: past });
      await pause(100);
      expect(rec.runs).toEqual([]);
      const started = Date.now();
      await subject.scheduler.start(rec.handlers('a'));
      await waitUntil('every overdue job', () => rec.runs.length === 3);
      expect(Math.max(...rec.runs.map((r) => r.at)) - started).toBeLessThan(3_000);
      expect(new Set(rec.runs.map((r) => r.auctionId))).toEqual(new Set(ids));
    });

    it('runs 100 jobs due at the same instant, each once', async () => {
      const ids = Array.from({ length: 100 }, newAuction);
      const runAt = Date.now() + 300;
      for (const id of ids) await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt });
      await subject.scheduler.start(rec.handlers('a'));
      await waitUntil('100 runs', () => rec.runs.length >= 100, 20_000);
      await pause(300);
      expect(rec.runs).toHaveLength(100);
      expect(new Set(rec.runs.map((r) => r.auctionId)).size).toBe(100);
      for (const r of rec.runs) expect(r.at).toBeGreaterThanOrEqual(runAt);
    });

    it('stop waits for the running job to finish, then runs nothing more', async () => {
      const [id, later] = [newAuction(), newAuction()];
      let finished = false;
      rec.decide = async (job) => {
        if (job.auctionId === id) {
          await pause(300);
          finished = true;
        }
        return { done: true };
      };
      await subject.scheduler.start(rec.handlers('a'));
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() });
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: later, runAt: Date.now() + 800 });
      await waitUntil('the slow job to start', () => rec.of(id).length === 1);
      await subject.scheduler.stop();
      expect(finished).toBe(true);
      await pause(1_000);
      expect(rec.of(later)).toEqual([]);
      expect((await subject.scheduler.pending('auction.close', later))?.auctionId).toBe(later);
    });

    // Only for stores several processes share (`sharedStore`): the subject must give `peer()`.
    (opts.sharedStore === true ? describe : describe.skip)('several schedulers on one store', () => {
      const shared = () => {
        if (!subject.peer) throw new Error(`${name}: a shared store's subject must give peer()`);
        return subject.peer();
      };

      it('two schedulers run each of 60 jobs once between them', async () => {
        const peer = await shared();
        const ids = Array.from({ length: 60 }, newAuction);
        const runAt = Date.now() + 500;
        for (const id of ids) await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt });
        rec.decide = async () => {
          await pause(20);
          return { done: true };
        };
        await Promise.all([subject.scheduler.start(rec.handlers('a')), peer.start(rec.handlers('b'))]);
        await waitUntil('60 runs', () => rec.runs.length >= 60, 20_000);
        await pause(500);
        expect(rec.runs).toHaveLength(60);
        expect(new Set(rec.runs.map((r) => r.auctionId)).size).toBe(60);
      });

      it('a job scheduled through one runs on the other when the first has stopped', async () => {
        const peer = await shared();
        const id = newAuction();
        await subject.scheduler.start(rec.handlers('a'));
        await subject.scheduler.stop();
        await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() + 100 });
        await peer.start(rec.handlers('b'));
        await waitUntil('the run on the peer', () => rec.of(id).length === 1);
        expect(rec.of(id)[0]!.by).toBe('b');
      });
    });
  });
};
