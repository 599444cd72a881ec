import { MemoryDatabase, MemoryIdempotencyStore } from '@gavel/memory';
import { describeIdempotencyStoreContract } from '../../../tests/contracts/idempotency-store.contract';
import { describeAccountContract } from '../../../tests/contracts/account-repository.contract';
import { describeAuctionRepositoryContract } from '../../../tests/contracts/auction-repository.contract';
import type { PersistenceFactory } from '../../../tests/contracts/persistence-subject';
import { describeUnitOfWorkContract } from '../../../tests/contracts/unit-of-work.contract';
import { describeUserRepositoryContract } from '../../../tests/contracts/user-repository.contract';

const memory: PersistenceFactory = async () => {
  const db = new MemoryDatabase();
  return { uow: db.uow, events: db.events, close: async () => undefined };
};

describeAuctionRepositoryContract('memory', memory);
describeUnitOfWorkContract('memory', memory);
describeUserRepositoryContract('memory', memory);
describeAccountContract('memory', memory);
describeIdempotencyStoreContract('memory', async () => ({ store: new MemoryIdempotencyStore(), close: async () => undefined }));
