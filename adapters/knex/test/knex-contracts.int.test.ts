import { describeAccountContract } from '../../../tests/contracts/account-repository.contract';
import { describeAuctionRepositoryContract } from '../../../tests/contracts/auction-repository.contract';
import { describeUnitOfWorkContract } from '../../../tests/contracts/unit-of-work.contract';
import { describeUserRepositoryContract } from '../../../tests/contracts/user-repository.contract';
import { KnexIdempotencyStore } from '@gavel/knex';
import { describeIdempotencyStoreContract } from '../../../tests/contracts/idempotency-store.contract';
import { dialectsUnderTest, freshDatabase, knexFactory } from './dialects';

// The same suites the memory adapter passes, once per dialect named in DB.
for (const dialect of dialectsUnderTest()) {
  describeAuctionRepositoryContract(`knex/${dialect}`, knexFactory(dialect));
  describeUnitOfWorkContract(`knex/${dialect}`, knexFactory(dialect));
  describeUserRepositoryContract(`knex/${dialect}`, knexFactory(dialect));
  describeAccountContract(`knex/${dialect}`, knexFactory(dialect));
  describeIdempotencyStoreContract(`knex/${dialect}`, async () => {
    const { db, drop } = await freshDatabase(dialect);
    return { store: new KnexIdempotencyStore(db.knex, db.dialect), close: drop };
  });
}
