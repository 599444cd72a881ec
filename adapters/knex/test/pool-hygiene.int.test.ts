import type { UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { KnexDatabase } from '@gavel/knex';
import { dialectsUnderTest, freshDatabase } from './dialects';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const user = () => ({ id: randomUUID() as UserId, status: 'ACTIVE' as const, role: 'user' as const, knownIps: [], knownDevices: [] });

/** Kills every server-side connection of the pool's database from another connection. */
const killConnections = async (db: KnexDatabase, adminUrl: string): Promise<number> => {
  const admin = new KnexDatabase({ url: adminUrl, pool: { max: 1 } });
  try {
    if (db.dialect.name === 'pg') {
      const name = (await db.knex.raw('select current_database() as name')).rows[0].name as string;
      const r = await admin.knex.raw('select pg_terminate_backend(pid) as killed from pg_stat_activity where datname = ? and pid <> pg_backend_pid()', [name]);
      return r.rows.length;
    }
    const [[{ name }]] = await db.knex.raw('select database() as name');
    const [rows] = await admin.knex.raw('select id from information_schema.processlist where db = ?', [name]);
    for (const row of rows as { id: number }[]) await admin.knex.raw(`kill ${Number(row.id)}`);
    return (rows as unknown[]).length;
  } finally {
    await admin.close();
  }
};

const dialects = dialectsUnderTest().filter((d) => d === 'pg' || d === 'mysql');

for (const dialect of dialects) {
  describe(`pool hygiene: knex/${dialect}`, () => {
    it('survives its connections being killed: no crash, and the next request succeeds', async () => {
      const { db, drop } = await freshDatabase(dialect, { poolMax: 4 });
      // An unhandled 'error' from a killed idle connection would crash this jest worker and
      // fail the run: surviving the pause below is half of the assertion.
      try {
        // Open several pooled connections, then kill them all while they sit idle.
        await Promise.all(Array.from({ length: 4 }, () => db.users.save(user())));
        const adminUrl = dialect === 'pg' ? process.env.GAVEL_TEST_PG_URL! : process.env.GAVEL_TEST_MYSQL_URL!;
        expect(await killConnections(db, adminUrl)).toBeGreaterThan(0);
        await pause(200);
        const u = user();
        await db.users.save(u);
        expect(await db.users.get(u.id)).toEqual(u);
      } finally {
        await drop();
      }
    });
  });
}

if (dialects.length === 0) {
  // Without a server dialect in DB (a machine without PostgreSQL or MariaDB) there is nothing to run.
  it.todo('needs DB to name pg or mysql (the test command starts both)');
}
