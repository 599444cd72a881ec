import { PostgresBackend, PostgresJobRepository } from '@agendajs/postgres-backend';
import { Pool } from 'pg';
import { checkedName, type AgendaStore, type StoreErrorSink } from './agenda-store';

export const DEFAULT_PG_TABLE = 'gavel_agenda_jobs';

export interface PostgresAgendaConfig {
  readonly kind: 'postgres';
  /** The store opens its own pool from this, and closes it on `close()`. */
  readonly connectionString?: string;
  /**
   * Or a pool the caller owns and closes (the scheduler never does). It needs two connections
   * at least: one more is held for LISTEN while the scheduler runs.
   */
  readonly pool?: Pool;
  /** Size of the pool opened from `connectionString` (default 10). */
  readonly poolMax?: number;
  /**
   * The jobs table (default `gavel_agenda_jobs`, beside Gavel's own tables without touching
   * them). It also names the LISTEN/NOTIFY channel, the indexes and the trigger function.
   */
  readonly tableName?: string;
  /**
   * Agenda's LISTEN/NOTIFY channel (default false). On, a started scheduler that saves a job
   * due before its next poll makes every started scheduler look at once, instead of up to
   * `processEvery` later; but Agenda then also NOTIFYs every run's start, success and end (three
   * more statements per job), which costs more than it saves when many jobs fall due together.
   */
  readonly notifications?: boolean;
  /** Create the table and indexes before first use (default true; see `migrateAgendaTable`). */
  readonly migrate?: boolean;
}

/**
 * Creates the jobs table with the backend's own schema (its table, indexes, trigger and column
 * migrations), plus two indexes of ours: one job per `(name, data.auctionId)`, which makes the
 * backend's look-up-then-insert upsert safe under concurrent schedules and serves its look-up,
 * and a GIN index for the `data @> ...` filter that `pending` and `cancel` go through.
 *
 * Several workers may start at once on an empty database, and PostgreSQL's
 * `CREATE ... IF NOT EXISTS` / `CREATE OR REPLACE FUNCTION` fail when they race, so the
 * migration holds an advisory lock. It uses two connections of the pool.
 */
export const migrateAgendaTable = async (pool: Pool, tableName: string = DEFAULT_PG_TABLE): Promise<void> => {
  const table = checkedName('tableName', tableName);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`gavel-agenda:${table}`]);
    try {
      await new PostgresJobRepository({ pool, tableName: table, ensureSchema: true }).connect();
      await client.query(`CREATE UNIQUE INDEX IF NOT EXISTS "${table}_auction_job_idx" ON "${table}" (name, (data->>'auctionId'))`);
      await client.query(`CREATE INDEX IF NOT EXISTS "${table}_data_idx" ON "${table}" USING gin (data jsonb_path_ops)`);
    } finally {
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [`gavel-agenda:${table}`]);
    }
  } finally {
    client.release();
  }
};

/** Drops the jobs table and its trigger function (tests; an uninstall). */
export const dropAgendaTable = async (pool: Pool, tableName: string = DEFAULT_PG_TABLE): Promise<void> => {
  const table = checkedName('tableName', tableName);
  await pool.query(`DROP TABLE IF EXISTS "${table}" CASCADE`);
  await pool.query(`DROP FUNCTION IF EXISTS "update_${table}_updated_at"()`);
};

export class PostgresAgendaStore implements AgendaStore {
  readonly backend: PostgresBackend;
  readonly tableName: string;
  private readonly pool: Pool;
  private readonly ownsPool: boolean;

  constructor(
    private readonly config: PostgresAgendaConfig,
    onError: StoreErrorSink,
  ) {
    this.tableName = checkedName('tableName', config.tableName ?? DEFAULT_PG_TABLE);
    if (config.pool) {
      this.pool = config.pool;
      this.ownsPool = false;
    } else if (config.connectionString) {
      // allowExitOnIdle: idle connections do not keep a process alive once the scheduler has
      // stopped (the owner's server does, while it runs).
      this.pool = new Pool({ connectionString: config.connectionString, max: config.poolMax ?? 10, allowExitOnIdle: true });
      // An idle connection that breaks (a server restart) must not crash the process.
      this.pool.on('error', onError);
      this.ownsPool = true;
    } else {
      throw new Error('postgres backend: give a connectionString or a pool');
    }
    // ensureSchema false: the schema is made by migrateAgendaTable, under its lock (and the
    // backend's job-log table, which Gavel does not use, is not created).
    this.backend = new PostgresBackend({
      pool: this.pool,
      tableName: this.tableName,
      channelName: this.tableName,
      ensureSchema: false,
      disableNotifications: config.notifications !== true,
    });
  }

  async prepare(): Promise<void> {
    if (this.config.migrate !== false) await migrateAgendaTable(this.pool, this.tableName);
    else await this.pool.query('SELECT 1');
  }

  isDuplicate(error: unknown): boolean {
    return (error as { code?: unknown } | null)?.code === '23505';
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}
