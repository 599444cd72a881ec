import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';

/** The dialects the e2e tests run on: SPEC asks for SQLite and PostgreSQL over the network. */
export type E2eDialect = 'sqlite' | 'pg';

/**
 * From `DB` as the test command sets it (`DB="memory sqlite pg mysql"`), the dialects this suite
 * covers; without `DB`, SQLite alone (needs no server).
 */
export const e2eDialects = (): E2eDialect[] =>
  (process.env.DB ?? 'sqlite').split(/[\s,]+/).filter((d): d is E2eDialect => d === 'sqlite' || d === 'pg');

export interface FreshDatabase {
  readonly url: string;
  /** Removes the file or drops the database; call after the app closed its pool. */
  readonly drop: () => Promise<void>;
}

/**
 * An empty database of its own for one test file: a new SQLite file, or a new PostgreSQL
 * database on the throwaway server, so files run in parallel without seeing each other's rows.
 * The app under test migrates it at start.
 */
export const freshDatabase = async (dialect: E2eDialect): Promise<FreshDatabase> => {
  const name = `gavel_e2e_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  if (dialect === 'sqlite') {
    const file = join(tmpdir(), `${name}.db`);
    return {
      url: `sqlite:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const server = process.env.GAVEL_TEST_PG_URL;
  if (!server) throw new Error('DB names pg but GAVEL_TEST_PG_URL is not set: run the tests through scripts/with-services.sh');
  const admin = knexFactory({ client: 'pg', connection: server, pool: { min: 0, max: 1 } });
  try {
    await admin.raw(`CREATE DATABASE ${name}`);
  } finally {
    await admin.destroy();
  }
  return {
    url: server.replace(/\/[^/]*$/, `/${name}`),
    drop: async () => {
      const again = knexFactory({ client: 'pg', connection: server, pool: { min: 0, max: 1 } });
      try {
        await again.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await again.destroy();
      }
    },
  };
};
