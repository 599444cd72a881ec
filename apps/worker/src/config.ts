import { type ApiConfig, apiConfigFrom, apiEnvSpecs, type Decoded, decodeEnv, intIn, jwtSecret, listenPort } from '@gavel/app-api';
import { str } from 'envalid';
import os from 'node:os';

export const SCHEDULER_BACKENDS = ['postgres', 'redis', 'mongo', 'in-process'] as const;
export type SchedulerBackend = (typeof SCHEDULER_BACKENDS)[number];

/** How often the auction jobs are re-derived from the table: the worker's and the standalone app's. */
export const reconcileEnvSpecs = () => ({
  RECONCILE_INTERVAL_MS: intIn(0, 86_400_000)({ default: 300_000, desc: 'how often pending jobs are re-derived from the auctions table (0: only at start)' }),
});

/**
 * The api app's database and logging variables, with the worker's own: where the jobs are
 * stored and how they are taken. The worker verifies no token, so JWT_SECRET is never required.
 */
export const workerEnvSpecs = () => ({
  ...apiEnvSpecs(),
  PORT: listenPort({ default: 3002, desc: 'port of the worker\'s /health and /ready (0: any free port)' }),
  JWT_SECRET: jwtSecret({ default: undefined, desc: 'not used by the worker' }),
  SCHEDULER_BACKEND: str({
    choices: ['', ...SCHEDULER_BACKENDS],
    default: '',
    desc: 'where jobs live: postgres (Agenda; default when DATABASE_URL is PostgreSQL), redis or mongo (Agenda), in-process (default otherwise: run ONE worker)',
  }),
  SCHEDULER_URL: str({ default: '', desc: 'the job store (default: DATABASE_URL for postgres; required for redis and mongo)' }),
  SCHEDULER_POLL_MS: intIn(10, 60_000)({ default: 200, desc: 'how often a worker looks for due jobs (Agenda processEvery)' }),
  SCHEDULER_CONCURRENCY: intIn(1, 10_000)({ default: 1_000, desc: 'jobs one worker runs (or holds, waiting for an end) at once; close jobs that run together share transactions' }),
  SCHEDULER_LOCK_LIFETIME_MS: intIn(1_000, 3_600_000)({ default: 60_000, desc: 'how long a taken job stays locked to its worker before another may take it (a dead worker\'s jobs wait this long)' }),
  SCHEDULER_CLOSE_LEAD_MS: intIn(-1, 600_000)({
    default: -1,
    desc: 'close jobs are taken this long before the end and wait for it (default: 5000 with Agenda, 0 in-process); under SCHEDULER_LOCK_LIFETIME_MS / 2',
  }),
  ...reconcileEnvSpecs(),
  WORKER_NAME: str({ default: '', desc: 'this worker\'s name in the job store\'s locks (default: host-pid)' }),
});

export interface WorkerConfig {
  readonly api: ApiConfig;
  readonly scheduler: {
    readonly backend: SchedulerBackend;
    readonly url: string;
    readonly pollMs: number;
    readonly concurrency: number;
    readonly lockLifetimeMs: number;
    /** Close jobs are due this long before the end; their handlers wait for it. */
    readonly closeLeadMs: number;
  };
  readonly reconcileIntervalMs: number;
  readonly name: string;
}

const isPostgres = (url: string): boolean => /^postgres(ql)?:\/\//i.test(url);

export const readWorkerConfig = (env: NodeJS.ProcessEnv): Decoded<WorkerConfig> => {
  const decoded = decodeEnv(env, workerEnvSpecs());
  if (!decoded.ok) return decoded;
  const api = apiConfigFrom(decoded.value);
  if (!api.ok) return api;
  const v = decoded.value;
  const dbUrl = api.value.database.url;
  const backend: SchedulerBackend = v.SCHEDULER_BACKEND === '' ? (isPostgres(dbUrl) ? 'postgres' : 'in-process') : v.SCHEDULER_BACKEND;
  const url = v.SCHEDULER_URL !== '' ? v.SCHEDULER_URL : backend === 'postgres' ? dbUrl : '';
  const problems: Record<string, string> = {};
  if (backend === 'postgres' && !isPostgres(url)) problems.SCHEDULER_URL = 'the postgres backend needs a postgres:// URL (DATABASE_URL is not one)';
  if ((backend === 'redis' || backend === 'mongo') && url === '') problems.SCHEDULER_URL = `required for the ${backend} backend`;
  const closeLeadMs = v.SCHEDULER_CLOSE_LEAD_MS >= 0 ? v.SCHEDULER_CLOSE_LEAD_MS : backend === 'in-process' ? 0 : 5_000;
  if (closeLeadMs * 2 > v.SCHEDULER_LOCK_LIFETIME_MS) problems.SCHEDULER_CLOSE_LEAD_MS = `must be under half of SCHEDULER_LOCK_LIFETIME_MS (${v.SCHEDULER_LOCK_LIFETIME_MS}): a waiting job must keep its lock`;
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      api: api.value,
      scheduler: { backend, url, pollMs: v.SCHEDULER_POLL_MS, concurrency: v.SCHEDULER_CONCURRENCY, lockLifetimeMs: v.SCHEDULER_LOCK_LIFETIME_MS, closeLeadMs },
      reconcileIntervalMs: v.RECONCILE_INTERVAL_MS,
      name: v.WORKER_NAME !== '' ? v.WORKER_NAME : `${os.hostname()}-${process.pid}`,
    },
  };
};
