import knexFactory, { type Knex } from 'knex';
import { types as pgTypes } from 'pg';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { DialectName } from './dialect';

/** Beyond 2^53 a JS number silently loses units; refuse rather than store a wrong amount. */
export const safeNumber = (value: unknown): number => {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : Number(value as string);
  if (!Number.isSafeInteger(n)) throw new RangeError(`integer column out of the safe range: ${String(value)}`);
  return n;
};

export interface ConnectionOptions {
  /** `sqlite:./data/gavel.db`, `sqlite::memory:`, `postgres://...`, `mysql://...` */
  readonly url: string;
  readonly pool?: { readonly min?: number; readonly max?: number };
  /** Called when an idle connection breaks (database restart, killed backend); never throws. */
  readonly onConnectionError?: (err: Error) => void;
}

export const dialectOf = (url: string): DialectName => {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'pg';
  if (/^(mysql|mariadb):\/\//.test(url)) return 'mysql';
  throw new Error(`DATABASE_URL must start with sqlite:, postgres:// or mysql:// (got ${url.split(':')[0]}:)`);
};

const sqliteConfig = (url: string): Knex.Config => {
  const path = url.slice('sqlite:'.length);
  const filename = path === ':memory:' ? ':memory:' : resolve(path);
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  return {
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite has one writer, so transactions queue here instead of failing
    // with SQLITE_BUSY.
    pool: {
      min: 1,
      max: 1,
      afterCreate: (conn: { pragma(sql: string): unknown }, done: (err: Error | null, conn: unknown) => void) => {
        conn.pragma('journal_mode = WAL');
        // FULL: a bid is acknowledged only once its commit survives a power cut, not just a crash.
        conn.pragma('synchronous = FULL');
        conn.pragma('foreign_keys = ON');
        conn.pragma('busy_timeout = 10000');
        done(null, conn);
      },
    },
  };
};

const pgConfig = (url: string, opts: ConnectionOptions): Knex.Config => ({
  client: 'pg',
  connection: {
    connectionString: url,
    // int8 (BIGINT, COUNT) arrives as a string by default: numbers where safe, an error beyond.
    types: {
      // Called for every column of every result: resolved once, here, not per call (bench).
      getTypeParser: (oid: number, format?: 'text' | 'binary') =>
        oid === 20 ? (v: string) => safeNumber(v) : pgTypes.getTypeParser(oid, format),
    },
  } as Knex.PgConnectionConfig,
  pool: {
    min: opts.pool?.min ?? 0,
    max: opts.pool?.max ?? 10,
    // A backend killed while idle emits 'error' on its client; without a listener node-postgres
    // would crash the process. The broken client is then discarded by the pool's validation.
    afterCreate: (conn: { on(ev: 'error', fn: (err: Error) => void): void }, done: (err: Error | null, conn: unknown) => void) => {
      conn.on('error', (err) => opts.onConnectionError?.(err));
      done(null, conn);
    },
  },
  acquireConnectionTimeout: 60_000,
});

const mysqlConfig = (url: string, opts: ConnectionOptions): Knex.Config => {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return {
    client: 'mysql2',
    connection: {
      host: u.hostname,
      port: Number(u.port || 3306),
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.slice(1),
      timezone: 'Z',
      supportBigNumbers: true,
      bigNumberStrings: false,
      dateStrings: false,
      charset: 'utf8mb4',
    },
    pool: {
      min: opts.pool?.min ?? 0,
      max: opts.pool?.max ?? 10,
      afterCreate: (
        conn: { on(ev: 'error', fn: (err: Error) => void): void; query(sql: string, cb: (err: Error | null) => void): void },
        done: (err: Error | null, conn: unknown) => void,
      ) => {
        conn.on('error', (err) => opts.onConnectionError?.(err));
        // UTC sessions; a bid waits for the auction's row lock rather than failing after the
        // default 50 s (a decision, never a lock timeout: issue 3).
        conn.query("SET time_zone = '+00:00', SESSION innodb_lock_wait_timeout = 600", (err) => done(err, conn));
      },
    },
    acquireConnectionTimeout: 60_000,
  };
};

/** A Knex instance for a DATABASE_URL, with the settings Gavel relies on for each dialect. */
export const connect = (opts: ConnectionOptions): { knex: Knex; dialect: DialectName } => {
  const dialect = dialectOf(opts.url);
  const config = dialect === 'sqlite' ? sqliteConfig(opts.url) : dialect === 'pg' ? pgConfig(opts.url, opts) : mysqlConfig(opts.url, opts);
  return { knex: knexFactory(config), dialect };
};
