import { AgendaScheduler, dropAgendaTable } from '@gavel/agenda';
import type { AuctionId, JobHandlers, JobOutcome, ScheduledJob } from '@gavel/core';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import { waitUntil } from '../../../tests/contracts/scheduler.contract';
import { describeWith, dropPgTable, openPgSubject, pgUrl, type PgSubject, uniqueSuffix, withPool } from './support';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newAuction = (): AuctionId => randomUUID() as AuctionId;
const both = (handle: (job: ScheduledJob) => Promise<JobOutcome>): JobHandlers => ({ 'auction.open': handle, 'auction.close': handle });

describeWith({ env: 'GAVEL_TEST_PG_URL', what: 'PostgreSQL' }, 'AgendaScheduler on PostgreSQL: what the contract does not show', () => {
  jest.setTimeout(30_000);
  let subject: PgSubject | null = null;
  afterEach(async () => {
    await subject?.close();
    subject = null;
  });

  describe('one row per (name, auction)', () => {
    it('scheduling twice updates the one stored row', async () => {
      subject = await openPgSubject();
      const id = newAuction();
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() + 60_000 });
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() + 30_000 });
      await subject.scheduler.schedule({ name: 'auction.open', auctionId: id, runAt: Date.now() + 30_000 });
      expect(await subject.rows('auction.close', id)).toBe(1);
      expect(await subject.rows('auction.open', id)).toBe(1);
    });

    it('twenty first schedules at once, from two schedulers, leave one row (the unique index backs the look-up-then-insert upsert)', async () => {
      subject = await openPgSubject();
      const peer = await subject.peer();
      const id = newAuction();
      const base = Date.now() + 60_000;
      const times = Array.from({ length: 20 }, (_, i) => base + i);
      await Promise.all(times.map((runAt, i) => (i % 2 ? peer : subject!.scheduler).schedule({ name: 'auction.close', auctionId: id, runAt })));
      expect(await subject.rows('auction.close', id)).toBe(1);
      expect(times).toContain((await subject.scheduler.pending('auction.close', id))?.runAt);
    });

    it('a finished job leaves no row; one answering retryAt keeps its row', async () => {
      subject = await openPgSubject();
      const [done, again] = [newAuction(), newAuction()];
      let retried = false;
      await subject.scheduler.start(both(async (job) => (job.auctionId === again && !retried ? ((retried = true), { retryAt: Date.now() + 60_000 }) : { done: true })));
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: done, runAt: Date.now() });
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: again, runAt: Date.now() });
      await waitUntil('both runs settled', () => retried);
      await pause(300);
      expect(await subject.rows('auction.close', done)).toBe(0);
      expect(await subject.rows('auction.close', again)).toBe(1);
    });
  });

  describe('while a job runs', () => {
    it('a schedule of the same job replaces what the run answers: it runs again at the new time', async () => {
      subject = await openPgSubject();
      const id = newAuction();
      const runs: { at: number; runAt: number }[] = [];
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
      await subject.scheduler.start(
        both(async (job) => {
          runs.push({ at: Date.now(), runAt: job.runAt });
          if (runs.length === 1) await gate;
          return { done: true };
        }),
      );
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() });
      await waitUntil('the first run', () => runs.length === 1);
      const moved = Date.now() + 400;
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: moved });
      expect(await subject.scheduler.pending('auction.close', id)).toEqual({ name: 'auction.close', auctionId: id, runAt: moved });
      release();
      await waitUntil('the second run', () => runs.length === 2);
      expect(runs[1]).toMatchObject({ runAt: moved });
      expect(runs[1]!.at).toBeGreaterThanOrEqual(moved);
      await pause(300);
      expect(runs).toHaveLength(2);
      expect(await subject.scheduler.pending('auction.close', id)).toBeNull();
    });

    it('a cancel drops what the run answers (here a retryAt)', async () => {
      subject = await openPgSubject();
      const id = newAuction();
      let runs = 0;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((r) => (release = r));
      await subject.scheduler.start(
        both(async () => {
          runs += 1;
          await gate;
          return { retryAt: Date.now() + 100 };
        }),
      );
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() });
      await waitUntil('the run', () => runs === 1);
      await subject.scheduler.cancel('auction.close', id);
      release();
      await pause(800);
      expect(runs).toBe(1);
      expect(await subject.scheduler.pending('auction.close', id)).toBeNull();
      expect(await subject.rows('auction.close', id)).toBe(0);
    });
  });

  describe('at least once', () => {
    it('a handler that outlives its lock is started again while it runs (Agenda issues #589, #1575): handlers must be idempotent', async () => {
      // A 400 ms lock and a 2.5 s handler: the lock expires while it runs, and a scan (the
      // peer's, or the first scheduler's own) takes the job again.
      subject = await openPgSubject({ defaultLockLifetime: 400, processEvery: 100 });
      const peer = await subject.peer();
      const id = newAuction();
      const runs: { start: number; end?: number }[] = [];
      const slow = both(async () => {
        const run: { start: number; end?: number } = { start: Date.now() };
        runs.push(run);
        await pause(2_500);
        run.end = Date.now();
        return { done: true };
      });
      await subject.scheduler.start(slow);
      await peer.start(slow);
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: id, runAt: Date.now() });
      await waitUntil('a second run', () => runs.length >= 2);
      expect(runs[1]!.start).toBeLessThan(runs[0]!.end ?? Infinity);
      // Let every run finish before the table goes.
      await waitUntil('every run to end', () => runs.every((r) => r.end !== undefined), 15_000);
      await pause(300);
      expect(await subject.scheduler.pending('auction.close', id)).toBeNull();
    });
  });

  describe('LISTEN/NOTIFY', () => {
    const dueNow = async (notifications: boolean): Promise<number> => {
      // Polling every 5 s: a due job found sooner was found by a notification.
      subject = await openPgSubject({ processEvery: 5_000 }, { notifications });
      let ranAt = 0;
      await subject.scheduler.start(both(async () => ((ranAt = Date.now()), { done: true })));
      await pause(200); // after the scan start() makes
      const scheduledAt = Date.now();
      await subject.scheduler.schedule({ name: 'auction.close', auctionId: newAuction(), runAt: scheduledAt });
      await pause(1_500);
      return ranAt === 0 ? Infinity : ranAt - scheduledAt;
    };

    it('wakes a started scheduler for a job due now, without waiting for its next poll', async () => {
      expect(await dueNow(true)).toBeLessThan(1_000);
    });

    it('without notifications the job waits for the next poll', async () => {
      expect(await dueNow(false)).toBe(Infinity);
    });
  });

  describe('the table', () => {
    it('several workers creating the table at once all succeed (the migration holds an advisory lock)', async () => {
      const tableName = `agenda_test_${uniqueSuffix()}`;
      const schedulers = Array.from({ length: 4 }, () => new AgendaScheduler({ backend: { kind: 'postgres', connectionString: pgUrl()!, tableName, poolMax: 3 } }));
      try {
        await Promise.all(schedulers.map((s) => s.open()));
        const indexes = await withPool(async (pool) => (await pool.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE tablename = $1', [tableName])).rows.map((r) => r.indexname));
        expect(indexes).toEqual(expect.arrayContaining([`${tableName}_auction_job_idx`, `${tableName}_data_idx`, `${tableName}_find_and_lock_idx`]));
        // Agenda's job-log table is not made: Gavel does not use it.
        expect(await withPool(async (pool) => (await pool.query('SELECT to_regclass($1) AS t', ['agenda_logs'])).rows[0].t)).toBeNull();
      } finally {
        for (const s of schedulers) await s.close();
        await dropPgTable(tableName);
      }
    });

    it('close() ends the pool it opened, never one it was given', async () => {
      const tableName = `agenda_test_${uniqueSuffix()}`;
      const pool = new Pool({ connectionString: pgUrl()!, max: 3 });
      try {
        const given = new AgendaScheduler({ backend: { kind: 'postgres', pool, tableName } });
        await given.schedule({ name: 'auction.close', auctionId: newAuction(), runAt: Date.now() + 60_000 });
        await given.close();
        expect((await pool.query('SELECT 1 AS one')).rows[0].one).toBe(1);
        await expect(given.schedule({ name: 'auction.close', auctionId: newAuction(), runAt: Date.now() })).rejects.toThrow(/closed/);
      } finally {
        await dropAgendaTable(pool, tableName);
        await pool.end();
      }
    });
  });

  describe('stop() and close() leave nothing running', () => {
    const ROOT = resolve(__dirname, '../../..');
    const CHILD = join(__dirname, 'fixtures/stop-then-return.js');

    /** Runs the child; resolves with how long it took to exit after printing "stopped". */
    const exitDelay = (tableName: string, mode: 'stop' | 'close'): Promise<number> =>
      new Promise((done, fail) => {
        const child = spawn(process.execPath, [CHILD, pgUrl()!, tableName, mode], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let stoppedAt = 0;
        let stderr = '';
        const kill = setTimeout(() => child.kill('SIGKILL'), 20_000);
        child.stderr!.on('data', (d) => (stderr += String(d)));
        createInterface({ input: child.stdout! }).on('line', (line) => {
          if (line === 'stopped') stoppedAt = Date.now();
        });
        child.on('exit', (code, signal) => {
          clearTimeout(kill);
          if (code === 0 && stoppedAt > 0) done(Date.now() - stoppedAt);
          else fail(new Error(`child ended with ${code ?? signal} (stopped: ${stoppedAt > 0}): ${stderr}`));
        });
      });

    it.each(['stop', 'close'] as const)('a process that ran a job and called %s() exits by itself', async (mode) => {
      // The child runs the compiled package: `tsc -b` (part of the test command) builds it.
      expect(existsSync(join(ROOT, 'adapters/agenda/dist/index.js'))).toBe(true);
      const tableName = `agenda_test_${uniqueSuffix()}`;
      try {
        // A 1 s lock lifetime leaves Agenda's 0.5 s liveness timer; a pool or interval left open would hold it for ever.
        expect(await exitDelay(tableName, mode)).toBeLessThan(5_000);
      } finally {
        await dropPgTable(tableName);
      }
    });
  });
});

