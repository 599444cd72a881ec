import { MemoryDatabase } from '@gavel/memory';
import { describeNotificationRepositoryContract } from '../../../tests/contracts/notification-repository.contract';

describeNotificationRepositoryContract('memory', async () => {
  const db = new MemoryDatabase();
  return { uow: db.uow, events: db.events, close: async () => undefined };
});
