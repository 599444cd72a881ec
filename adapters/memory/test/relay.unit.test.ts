import { MemoryDatabase } from '@gavel/memory';
import { describeEventRelayContract } from '../../../tests/contracts/event-relay.contract';
import { describeOutboxSignalContract } from '../../../tests/contracts/outbox-signal.contract';

describeOutboxSignalContract('memory', async () => {
  const db = new MemoryDatabase();
  return { signal: db.outboxSignal, uow: db.uow, ready: async () => undefined, close: async () => undefined };
});

describeEventRelayContract('memory', async () => {
  const db = new MemoryDatabase();
  return { events: db.events, signal: db.outboxSignal, writers: [db.uow], close: async () => undefined };
});
