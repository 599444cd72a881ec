import { bidStorm } from '../../../tests/load/bid-storm';
import { checkStorm } from '../../../tests/load/storm-checks';
import { dialectsUnderTest, freshDatabase } from './dialects';

for (const dialect of dialectsUnderTest()) {
  describe(`400 concurrent bids on one auction: knex/${dialect}`, () => {
    it('keeps every invariant: rising prices, beaten refusals, replayable state, no lost bid, gap-free outbox', async () => {
      const { db, drop } = await freshDatabase(dialect, { poolMax: 20 });
      try {
        const result = await bidStorm({ uow: db.uow, events: db.events, bids: 400, bidders: 20, seed: 7 });
        checkStorm(result);
      } finally {
        await drop();
      }
    }, 120_000);
  });
}
