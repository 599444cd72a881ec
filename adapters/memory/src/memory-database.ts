import type { AuctionCatalog, CategoryRepository, OutboxSignal, User, UserDirectory, UserId, UserRepository, Watchlist } from '@gavel/core';
import { MemoryAuctionCatalog } from './memory-auction-catalog';
import { MemoryCategoryRepository } from './memory-category-repository';
import { MemoryEventStream } from './memory-event-stream';
import { MemoryOutboxSignal } from './memory-outbox-signal';
import { MemoryState } from './memory-state';
import { MemoryUnitOfWork } from './memory-unit-of-work';
import { MemoryUserDirectory } from './memory-user-directory';
import { MemoryWatchlist } from './memory-watchlist';

/**
 * Every port of the core in memory, sharing one state: pass `uow` to `createGavel`, read events
 * back from `events`, seed users with `users`. The read side (`catalog`, `categories`,
 * `watchlist`, `directory`) works outside any unit of work, on committed data.
 */
export class MemoryDatabase {
  readonly state = new MemoryState();
  readonly uow = new MemoryUnitOfWork(this.state);
  readonly events = new MemoryEventStream(this.state);
  /** Fires after each commit that published events: relays pump on it. */
  readonly outboxSignal: OutboxSignal = new MemoryOutboxSignal(this.uow);
  /** Outside any unit of work: each call commits on its own. */
  readonly users: UserRepository = {
    get: async (id: UserId) => this.state.users.get(id) ?? null,
    save: (user: User) => this.uow.run((tx) => tx.users.save(user)),
  };
  readonly catalog: AuctionCatalog = new MemoryAuctionCatalog(this.state);
  readonly categories: CategoryRepository = new MemoryCategoryRepository(this.state);
  readonly watchlist: Watchlist = new MemoryWatchlist(this.state);
  readonly directory: UserDirectory = new MemoryUserDirectory(this.state);
}
