import {
  Auction,
  type Account,
  type AuctionCatalog,
  type AuctionId,
  type AuctionState,
  type CategoryRepository,
  type UnitOfWork,
  type UserDirectory,
  type UserId,
  type Watchlist,
} from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { forwardTerms, T0 } from '../builders/terms.builder';
import { newUser, type PersistenceSubject } from './persistence-subject';

/**
 * A persistence subject with the read-side ports over the same fresh store: what an adapter
 * hands to the catalog, category, watchlist and directory suites.
 */
export interface ReadSideSubject extends PersistenceSubject {
  readonly catalog: AuctionCatalog;
  readonly categories: CategoryRepository;
  readonly watchlist: Watchlist;
  readonly directory: UserDirectory;
}

export type ReadSideFactory = () => Promise<ReadSideSubject>;

/**
 * Stores an auction row exactly as given (a valid draft's state with `overrides` on top): the
 * catalog suites place listings at the prices, times and statuses they need without driving
 * each one there through the domain. The store does not check that a state is reachable.
 */
export const storeState = async (uow: UnitOfWork, sellerId: UserId, overrides: Partial<AuctionState> = {}): Promise<AuctionState> => {
  const created = Auction.create(randomUUID() as AuctionId, sellerId, forwardTerms(), T0);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const state: AuctionState = { ...created.value.state, version: 1, ...overrides };
  await uow.run((tx) => tx.auctions.save({ state, newBids: [], events: [], expectedVersion: 0 }));
  return state;
};

/** Replaces a stored auction's state (version checked), e.g. to cancel one that has bids. */
export const rewriteState = (uow: UnitOfWork, id: AuctionId, change: Partial<AuctionState>): Promise<AuctionState> =>
  uow.run(async (tx) => {
    const current = await tx.auctions.get(id);
    if (!current) throw new Error('auction vanished');
    const state: AuctionState = { ...current.state, ...change, version: current.state.version + 1 };
    await tx.auctions.save({ state, newBids: [], events: [], expectedVersion: current.state.version });
    return state;
  });

/** A user with a login (username, optional name), stored as registration does. */
export const registerUser = async (uow: UnitOfWork, name: string | null, username = `user_${randomUUID().slice(0, 8)}`): Promise<Account> => {
  const user = newUser();
  const account: Account = {
    userId: user.id, username, email: `${randomUUID().slice(0, 8)}@example.test`, name, passwordHash: '$2b$12$x', createdAt: T0,
  };
  await uow.run(async (tx) => {
    const conflict = await tx.accounts.create(account);
    if (conflict) throw new Error(conflict);
    await tx.users.save(user);
  });
  return account;
};

/** Sorts each group of equal keys by id and concatenates them: the expected order of a sort. */
export const inOrder = (...groups: readonly (readonly { readonly id: AuctionId }[])[]): AuctionId[] =>
  groups.flatMap((g) => g.map((a) => a.id).sort());
