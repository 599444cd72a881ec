import type { User, UserId, UserRepository } from '@gavel/core';
import { MemoryEventStream } from './memory-event-stream';
import { MemoryState } from './memory-state';
import { MemoryUnitOfWork } from './memory-unit-of-work';

/**
 * Every port of the core in memory, sharing one state: pass `uow` to `createGavel`, read events
 * back from `events`, seed users with `users`.
 */
export class MemoryDatabase {
  readonly state = new MemoryState();
  readonly uow = new MemoryUnitOfWork(this.state);
  readonly events = new MemoryEventStream(this.state);
  /** Outside any unit of work: each call commits on its own. */
  readonly users: UserRepository = {
    get: async (id: UserId) => this.state.users.get(id) ?? null,
    save: (user: User) => this.uow.run((tx) => tx.users.save(user)),
  };
}
