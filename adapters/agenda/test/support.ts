import { AgendaScheduler, dropAgendaTable, type AgendaBackendConfig, type AgendaSchedulerOptions, type PostgresAgendaConfig } from '@gavel/agenda';
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import type { SchedulerFactory } from '../../../tests/contracts/scheduler.contract';

export { describeWith } from '../../../tests/builders/describe-with-service';

export const pgUrl = (): string | undefined => process.env.GAVEL_TEST_PG_URL;
export const redisUrl = (): string | undefined => process.env.GAVEL_TEST_REDIS_URL;
export const mongoUrl = (): string | undefined => process.env.GAVEL_TEST_MONGO_URL;

export type Tuning = Omit<AgendaSchedulerOptions, 'backend'>;

/**
 * Small lock lifetime: a finished job leaves an Agenda timer of half of it (see
 * docs/scheduling-agenda.md), which must not outlive a test file by much. Fast retries keep the
 * throwing-handler test short.
 */
export const TEST_TUNING: Tuning = { defaultLockLifetime: 2_000, retryDelayMs: 200 };

export const uniqueSuffix = (): string => randomBytes(5).toString('hex');

/** Subjects on one fresh store: `backend()` names it, `drop()` removes it. */
const factoryOn = (store: { backend: () => AgendaBackendConfig; drop: () => Promise<void> }, tuning: Tuning): SchedulerFactory =>
  async () => {
    const opened: AgendaScheduler[] = [];
    const open = async () => {
      const scheduler = new AgendaScheduler({ backend: store.backend(), ...TEST_TUNING, ...tuning });
      opened.push(scheduler);
      await scheduler.open();
      return scheduler;
    };
    const scheduler = await open();
    return {
      scheduler,
      peer: open,
      close: async () => {
        for (const s of opened) await s.close();
        await store.drop();
      },
    };
  };

export type PgExtra = Omit<PostgresAgendaConfig, 'kind' | 'connectionString' | 'pool' | 'tableName'>;

export interface PgSubject {
  readonly tableName: string;
  readonly scheduler: AgendaScheduler;
  /** Another scheduler on the same table, optionally tuned otherwise. */
  peer(tuning?: Tuning): Promise<AgendaScheduler>;
  /** Stored rows of one job (0 or 1 when the upsert holds). */
  rows(name: string, auctionId: string): Promise<number>;
  close(): Promise<void>;
}

/** A fresh jobs table (`agenda_test_<random>`), dropped on close, with the schedulers on it. */
export const openPgSubject = async (tuning: Tuning = {}, extra: PgExtra = {}): Promise<PgSubject> => {
  const tableName = `agenda_test_${uniqueSuffix()}`;
  const opened: AgendaScheduler[] = [];
  const open = async (more: Tuning = {}) => {
    const scheduler = new AgendaScheduler({ backend: { kind: 'postgres', connectionString: pgUrl()!, tableName, poolMax: 5, ...extra }, ...TEST_TUNING, ...tuning, ...more });
    opened.push(scheduler);
    await scheduler.open();
    return scheduler;
  };
  const scheduler = await open();
  return {
    tableName,
    scheduler,
    peer: open,
    rows: (name, auctionId) =>
      withPool(async (pool) => {
        const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${tableName}" WHERE name = $1 AND data->>'auctionId' = $2`, [name, auctionId]);
        return rows[0]!.n;
      }),
    close: async () => {
      for (const s of opened) await s.close();
      await dropPgTable(tableName);
    },
  };
};

export const pgFactory = (tuning: Tuning = {}): SchedulerFactory => () => openPgSubject(tuning);

export const withPool = async <T>(use: (pool: Pool) => Promise<T>): Promise<T> => {
  const pool = new Pool({ connectionString: pgUrl()!, max: 2 });
  try {
    return await use(pool);
  } finally {
    await pool.end();
  }
};

export const dropPgTable = (tableName: string): Promise<void> => withPool((pool) => dropAgendaTable(pool, tableName));

/** A fresh key prefix per subject, its keys deleted on close. */
export const redisFactory = (tuning: Tuning = {}): SchedulerFactory => () => {
  const keyPrefix = `gavel:test:${uniqueSuffix()}:`;
  return factoryOn({ backend: () => ({ kind: 'redis', url: redisUrl()!, keyPrefix }), drop: () => dropRedisKeys(keyPrefix) }, tuning)();
};

const dropRedisKeys = async (prefix: string): Promise<void> => {
  const redis = new Redis(redisUrl()!);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
};

/** A fresh collection per subject; the scheduler's client is closed, the collection is left (an untested backend here). */
export const mongoFactory = (tuning: Tuning = {}): SchedulerFactory => () => {
  const collection = `agendaTest${uniqueSuffix()}`;
  return factoryOn({ backend: () => ({ kind: 'mongo', url: mongoUrl()!, collection }), drop: async () => undefined }, tuning)();
};
