import { randomUUID } from 'node:crypto';
import type { User, UserId } from '@gavel/core';
import { type KnexDatabase, knexUserReader, RowMapper } from '@gavel/knex';
import { dialectsUnderTest, freshDatabase } from './dialects';

const user = (over: Partial<User> = {}): User => ({
  id: randomUUID() as UserId, status: 'ACTIVE', role: 'user', knownIps: ['10.0.0.1'], knownDevices: [], ...over,
});

/** The SQL the database is sent while `run` runs (knex's `query` event, transactions included). */
const statementsOf = async (db: KnexDatabase, run: () => Promise<unknown>): Promise<string[]> => {
  const sent: string[] = [];
  const listen = (q: { sql: string }) => sent.push(q.sql);
  db.knex.on('query', listen);
  try {
    await run();
  } finally {
    db.knex.off('query', listen);
  }
  return sent;
};

for (const dialect of dialectsUnderTest()) {
  describe(`user reads: knex/${dialect}`, () => {
    let db: KnexDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => ({ db, drop } = await freshDatabase(dialect)));
    afterAll(() => drop());

    it('knexUserReader: one SELECT, no transaction, and it sees the latest commit', async () => {
      const reader = knexUserReader(db.knex, new RowMapper(db.dialect));
      const u = user({ role: 'admin' });
      expect(await reader.get(u.id)).toBeNull();
      await db.users.save(u);
      let read: User | null = null;
      const sent = await statementsOf(db, async () => (read = await reader.get(u.id)));
      expect(read).toEqual(u);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatch(/^select /i);
      await db.users.save({ ...u, status: 'SUSPENDED', role: 'user' });
      expect(await reader.get(u.id)).toEqual({ ...u, status: 'SUSPENDED', role: 'user' });
    });

    it('a transaction reads a user once, and again after writing users', async () => {
      const u = user();
      await db.users.save(u);
      const sent = await statementsOf(db, () => db.uow.run(async (tx) => {
        const [a, b] = await Promise.all([tx.users.get(u.id), tx.users.get(u.id)]);
        expect(a).toEqual(u);
        expect(b).toEqual(u);
        expect(await tx.users.get(u.id)).toEqual(u);
        await tx.users.save({ ...u, status: 'INACTIVE' });
        expect(await tx.users.get(u.id)).toEqual({ ...u, status: 'INACTIVE' });
      }));
      expect(sent.filter((s) => /^select .* from .users./i.test(s))).toHaveLength(2);
      expect((await db.users.get(u.id))?.status).toBe('INACTIVE');
    });

    it('the next transaction reads storage again: nothing outlives its transaction', async () => {
      const u = user();
      await db.users.save(u);
      await db.uow.run(async (tx) => expect((await tx.users.get(u.id))?.status).toBe('ACTIVE'));
      await db.users.save({ ...u, status: 'SUSPENDED' });
      await db.uow.run(async (tx) => expect((await tx.users.get(u.id))?.status).toBe('SUSPENDED'));
    });
  });
}
