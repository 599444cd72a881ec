import { readWorkerConfig, type RunningWorker, startWorker } from '@gavel/app-worker';
import { createGavel, type UserId } from '@gavel/core';
import { KnexDatabase } from '@gavel/knex';
import { RandomUuidGenerator, SystemClock } from '@gavel/memory';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { forwardTerms } from '../../../tests/builders/terms.builder';

jest.setTimeout(30_000);

/**
 * The worker app in this process on a SQLite file with the in-process scheduler: it closes an
 * auction published while it runs, at its end, and says so on /stats. (Agenda on PostgreSQL
 * with several worker processes: tests/scheduling.)
 */
describe('the worker app (in-process scheduler, SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-worker-'));
  const url = `sqlite:${join(dir, 'gavel.db')}`;
  let worker: RunningWorker;
  let db: KnexDatabase;

  beforeAll(async () => {
    const config = readWorkerConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: url, RELAY_POLL_MS: '50', LOG_LEVEL: 'silent' });
    if (!config.ok) throw new Error(JSON.stringify(config.problems));
    worker = await startWorker(config.value, { logger: pino({ level: 'silent' }) });
    db = new KnexDatabase({ url });
  });
  afterAll(async () => {
    await db?.close();
    await worker?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health and /ready, closes an auction at its end and reports it on /stats', async () => {
    expect((await fetch(`${worker.url}/health`)).status).toBe(200);
    expect((await fetch(`${worker.url}/ready`)).status).toBe(200);
    const gavel = createGavel({ uow: db.uow, clock: new SystemClock(), ids: new RandomUuidGenerator(), fraudPolicies: [] });
    const seller = randomUUID() as UserId;
    await db.uow.run((tx) => tx.users.save({ id: seller, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] }));
    const end = Date.now() + 1_200;
    const { commissionBps: _c, ...terms } = forwardTerms({ endTime: end });
    const created = await gavel.createAuction.execute({ actor: { userId: seller, role: 'user' }, terms, publish: true });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    const deadline = Date.now() + 10_000;
    let state = (await db.uow.run((tx) => tx.auctions.get(created.value.id)))!.state;
    while (state.status !== 'ENDED' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      state = (await db.uow.run((tx) => tx.auctions.get(created.value.id)))!.state;
    }
    expect(state).toMatchObject({ status: 'ENDED', outcome: 'NO_BIDS' });
    expect(state.endedAt).toBeGreaterThanOrEqual(end);
    const stats = (await (await fetch(`${worker.url}/stats?samples=1`)).json()) as { data: Record<string, unknown> };
    expect(stats.data).toMatchObject({ backend: 'in-process', closed: 1, reconciled: 1, failedEvents: 0 });
    expect((stats.data.latenessMs as number[])[0]).toBeGreaterThanOrEqual(0);
    expect((await fetch(`${worker.url}/nope`)).status).toBe(404);
  });
});
