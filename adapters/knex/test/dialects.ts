import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KnexDatabase } from '@gavel/knex';
import type { PersistenceFactory } from '../../../tests/contracts/persistence-subject';

export type Dialect = 'sqlite' | 'pg' | 'mysql';

/**
 * The dialects to test, from `DB` as in knex's own suite (`DB="sqlite pg mysql"`); the test
 * command sets it to every server it started. Without `DB`, SQLite alone (needs no server).
 */
export const dialectsUnderTest = (): Dialect[] =>
  (process.env.DB ?? 'sqlite').split(/[\s,]+/).filter((d): d is Dialect => d === 'sqlite' || d === 'pg' || d === 'mysql');

const serverUrl = (dialect: 'pg' | 'mysql'): string => {
  const url = dialect === 'pg' ? process.env.GAVEL_TEST_PG_URL : process.env.GAVEL_TEST_MYSQL_URL;
  if (!url) throw new Error(`DB names ${dialect} but GAVEL_TEST_${dialect === 'pg' ? 'PG' : 'MYSQL'}_URL is not set: run the tests through scripts/with-services.sh`);
  return url;
};

/**
 * A fresh, migrated database of its own for each call: a new SQLite file, or a new database
 * created on the test server (dropped again on close), so suites never see each other's rows.
 */
export const freshDatabase = async (dialect: Dialect, opts: { poolMax?: number } = {}): Promise<{ db: KnexDatabase; url: string; drop: () => Promise<void> }> => {
  const name = `gavel_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  if (dialect === 'sqlite') {
    const file = join(tmpdir(), `${name}.db`);
    const url = `sqlite:${file}`;
    const db = new KnexDatabase({ url });
    await db.migrate();
    const drop = async () => {
      await db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    };
    return { db, url, drop };
  }
  const admin = new KnexDatabase({ url: serverUrl(dialect), pool: { max: 1 } });
  await admin.knex.raw(`CREATE DATABASE ${name}`);
  const url = serverUrl(dialect).replace(/\/[^/]*$/, `/${name}`);
  const db = new KnexDatabase({ url, pool: { max: opts.poolMax ?? 10 } });
  await db.migrate();
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await admin.knex.raw(`DROP DATABASE ${name}`);
      await admin.close();
    },
  };
};

export const knexFactory = (dialect: Dialect): PersistenceFactory => async () => {
  const { db, drop } = await freshDatabase(dialect);
  return { uow: db.uow, events: db.events, close: drop };
};
