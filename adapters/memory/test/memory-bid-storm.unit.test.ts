import { MemoryDatabase } from '@gavel/memory';
import { bidStorm } from '../../../tests/load/bid-storm';
import { checkStorm } from '../../../tests/load/storm-checks';

describe('400 concurrent bids on one auction: memory', () => {
  it('keeps every invariant: rising prices, beaten refusals, replayable state, no lost bid, gap-free outbox', async () => {
    const db = new MemoryDatabase();
    checkStorm(await bidStorm({ uow: db.uow, events: db.events, bids: 400, bidders: 20, seed: 7 }));
  });
});
