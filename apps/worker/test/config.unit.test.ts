import { readWorkerConfig } from '@gavel/app-worker';

describe('worker config', () => {
  it('defaults to Agenda on the database when it is PostgreSQL, and to in-process otherwise; never asks for JWT_SECRET', () => {
    const pg = readWorkerConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/gavel' });
    expect(pg).toMatchObject({ ok: true, value: { scheduler: { backend: 'postgres', url: 'postgres://u:p@db:5432/gavel', pollMs: 200, concurrency: 1_000, lockLifetimeMs: 60_000, closeLeadMs: 5_000 }, reconcileIntervalMs: 300_000, api: { port: 3002 } } });
    const mysql = readWorkerConfig({ DATABASE_URL: 'mysql://u:p@db:3306/gavel', WORKER_NAME: 'w-1' });
    expect(mysql).toMatchObject({ ok: true, value: { scheduler: { backend: 'in-process', url: '', closeLeadMs: 0 }, name: 'w-1' } });
  });

  it('reports every bad variable at once: a backend without its URL, a postgres store that is not PostgreSQL, out-of-range knobs', () => {
    expect(readWorkerConfig({ DATABASE_URL: 'sqlite:./x.db', SCHEDULER_BACKEND: 'redis' })).toEqual({ ok: false, problems: { SCHEDULER_URL: 'required for the redis backend' } });
    expect(readWorkerConfig({ DATABASE_URL: 'sqlite:./x.db', SCHEDULER_BACKEND: 'postgres' })).toMatchObject({ ok: false, problems: { SCHEDULER_URL: expect.stringContaining('postgres://') } });
    expect(readWorkerConfig({ DATABASE_URL: 'postgres://u:p@db/g', SCHEDULER_CLOSE_LEAD_MS: '40000' })).toMatchObject({ ok: false, problems: { SCHEDULER_CLOSE_LEAD_MS: expect.stringContaining('half') } });
    const bad = readWorkerConfig({ SCHEDULER_BACKEND: 'cron', SCHEDULER_POLL_MS: '5', SCHEDULER_CONCURRENCY: '0' });
    expect(bad.ok).toBe(false);
    expect(Object.keys(bad.ok ? {} : bad.problems).sort()).toEqual(['SCHEDULER_BACKEND', 'SCHEDULER_CONCURRENCY', 'SCHEDULER_POLL_MS']);
  });
});
