import { safeNumber } from '@gavel/knex';
import { randomUUID } from 'node:crypto';
import type { UserId } from '@gavel/core';
import { storeLiveAuction } from '../../../tests/contracts/persistence-subject';
import { dialectsUnderTest, freshDatabase } from './dialects';

describe('safeNumber', () => {
  it('reads safe integers from numbers, strings and bigints, and refuses anything beyond 2^53', () => {
    expect(safeNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(safeNumber(42n)).toBe(42);
    expect(() => safeNumber('9007199254740993')).toThrow(RangeError);
    expect(() => safeNumber(2 ** 53)).toThrow(RangeError);
    expect(() => safeNumber('12.5')).toThrow(RangeError);
  });
});

for (const dialect of dialectsUnderTest()) {
  describe(`BIGINT beyond 2^53: knex/${dialect}`, () => {
    it('refuses to read an amount a JS number cannot hold, rather than returning a wrong one', async () => {
      const { db, drop } = await freshDatabase(dialect);
      try {
        const seller = randomUUID() as UserId;
        await db.users.save({ id: seller, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
        const id = await storeLiveAuction(db.uow, seller);
        // Written behind the adapter's back, as another tool might: 2^53 + 1.
        await db.knex('auctions').where({ id }).update({ current_price: db.knex.raw('9007199254740993') });
        await expect(db.uow.run((tx) => tx.auctions.get(id))).rejects.toThrow(RangeError);
      } finally {
        await drop();
      }
    });
  });
}
