import { randomUUID } from 'node:crypto';
import { type AuctionId, type Clock, createGavel, type UserId } from '@gavel/core';
import type { KnexDatabase } from '@gavel/knex';
import { RandomUuidGenerator } from '@gavel/memory';
import { forwardTerms } from '../../../tests/builders/terms.builder';
import { dialectsUnderTest, freshDatabase } from './dialects';

/** The UPDATE statements sent while `run` runs. */
const updatesOf = async (db: KnexDatabase, run: () => Promise<unknown>): Promise<string[]> => {
  const sent: string[] = [];
  const listen = (q: { sql: string }) => {
    if (/^update\s/i.test(q.sql)) sent.push(q.sql);
  };
  db.knex.on('query', listen);
  try {
    await run();
  } finally {
    db.knex.off('query', listen);
  }
  return sent;
};

const SECOND = 1_000;

for (const dialect of dialectsUnderTest()) {
  describe(`auction updates: knex/${dialect}`, () => {
    let db: KnexDatabase;
    let drop: () => Promise<void>;
    beforeAll(async () => ({ db, drop } = await freshDatabase(dialect)));
    afterAll(() => drop());

    it('a bid writes only the columns it changed, and the row reads back as the decided state', async () => {
      let now = Date.now();
      const clock: Clock = { now: () => now };
      const gavel = createGavel({ uow: db.uow, clock, ids: new RandomUuidGenerator(), fraudPolicies: [] });
      const [seller, alice, bob] = [randomUUID(), randomUUID(), randomUUID()] as UserId[];
      for (const id of [seller!, alice!, bob!]) await db.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
      const created = await gavel.createAuction.execute({
        actor: { userId: seller!, role: 'user' }, publish: true,
        // Ends in 10 minutes; a bid in the last 5 moves the end to 6 minutes after it.
        terms: { ...forwardTerms({ endTime: now + 600 * SECOND, extension: { windowSeconds: 300, extendBySeconds: 360 } }), commissionBps: undefined },
      });
      if (!created.ok) throw new Error(created.error.code);
      const id = created.value.id as AuctionId;
      const before = await db.uow.run(async (tx) => (await tx.auctions.get(id))!.state);

      const first = await updatesOf(db, () => gavel.placeBid.execute({ auctionId: id, bidderId: alice!, amount: 1_000 }));
      expect(first).toHaveLength(1);
      expect(first[0]).toMatch(/current_price/);
      expect(first[0]).not.toMatch(/title|description|seller_id|end_time/);

      now += 400 * SECOND; // inside the window: this bid extends the auction
      const second = await updatesOf(db, () => gavel.placeBid.execute({ auctionId: id, bidderId: bob!, amount: 5_000 }));
      expect(second[0]).toMatch(/end_time/);
      expect(second[0]).not.toMatch(/title|original_end_time/);

      const after = await db.uow.run(async (tx) => (await tx.auctions.get(id))!.state);
      expect(after).toEqual({
        ...before,
        currentPrice: 5_000, bidCount: 2, leaderId: bob, leaderMax: after.leaderMax, endTime: now + 360 * SECOND,
        seq: after.seq, version: after.version, updatedAt: now,
      });
      expect(after.seq).toBeGreaterThan(before.seq);
      expect(after.version).toBeGreaterThan(before.version);
    });
  });
}
