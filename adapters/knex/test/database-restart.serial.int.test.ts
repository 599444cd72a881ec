import { execFileSync } from 'node:child_process';
import type { UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { dialectsUnderTest, freshDatabase } from './dialects';

/**
 * Restarts the test PostgreSQL server under a live pool. It runs in the serial stage of the test
 * command (`*.serial.int.test.ts`), after everything else, because a restart cuts every other
 * test file's connections too.
 */
const pgCtl = process.env.GAVEL_TEST_PG_CTL;

if (dialectsUnderTest().includes('pg')) {
  describe('database restart: knex/pg', () => {
    it('keeps the process alive through a restart, and the next request after it succeeds', async () => {
      if (!pgCtl) throw new Error('GAVEL_TEST_PG_CTL is not set: run through scripts/with-services.sh');
      const { db, drop } = await freshDatabase('pg', { poolMax: 4 });
      try {
        const user = () => ({ id: randomUUID() as UserId, status: 'ACTIVE' as const, role: 'user' as const, knownIps: [], knownDevices: [] });
        await Promise.all(Array.from({ length: 4 }, () => db.users.save(user())));
        execFileSync(pgCtl, ['restart', '-m', 'fast', '-w'], { stdio: 'ignore' });
        const u = user();
        await db.users.save(u);
        expect(await db.users.get(u.id)).toEqual(u);
      } finally {
        await drop();
      }
    }, 60_000);
  });
} else {
  it.todo('needs DB to name pg (the test command starts PostgreSQL)');
}
