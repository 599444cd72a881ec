import type { AuctionId } from '../shared/ids';
import type { AccountRepository } from './account.repository.port';
import type { AuctionRepository } from './auction.repository.port';
import type { EventPublisher } from './event-publisher.port';
import type { FraudLog } from './fraud-log.port';
import type { NotificationRepository } from './notification.repository.port';
import type { RefreshTokenRepository } from './refresh-token.repository.port';
import type { UserRepository } from './user.repository.port';

/** The ports bound to one transaction. */
export interface TransactionContext {
  readonly auctions: AuctionRepository;
  readonly users: UserRepository;
  readonly events: EventPublisher;
  readonly fraudLog: FraudLog;
  readonly accounts: AccountRepository;
  readonly refreshTokens: RefreshTokenRepository;
  /** Written by the command that causes them, in its own transaction. */
  readonly notifications: NotificationRepository;
}

/**
 * Atomic work. Whatever `work` writes is committed when it resolves and discarded when it
 * throws; expected refusals are values, so findings recorded before a refusal are kept.
 */
export interface UnitOfWork {
  /**
   * Work on one existing auction, serialized with every other `withAuction` on the same id
   * (a row lock, SQLite's single writer, or an in-process queue). Work on different auctions
   * may run in parallel.
   */
  withAuction<T>(auctionId: AuctionId, work: (tx: TransactionContext) => Promise<T>): Promise<T>;
  /**
   * Work on several existing auctions in one transaction, each locked as `withAuction` locks
   * one (serialized with every other unit of work on any of them). Locks are taken in id
   * order, so two such units never wait on each other in a cycle. For batch jobs: closing many
   * auctions that ended together costs one commit instead of one each.
   */
  withAuctions<T>(auctionIds: readonly AuctionId[], work: (tx: TransactionContext) => Promise<T>): Promise<T>;
  /** Work that needs no auction lock, such as creating an auction. */
  run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T>;
}
