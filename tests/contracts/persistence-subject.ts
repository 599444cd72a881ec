import {
  Auction,
  type AuctionId,
  type AuctionTerms,
  type BidId,
  type EventStream,
  type TransactionContext,
  type UnitOfWork,
  type User,
  type UserId,
} from '@gavel/core';
import { SequentialIdGenerator } from '@gavel/memory';
import { randomUUID } from 'node:crypto';
import { forwardTerms, T0 } from '../builders/terms.builder';

/**
 * What a persistence adapter hands to the port contract suites: a unit of work and the event
 * stream over one fresh, empty store, and a way to release it. The Knex adapter provides one
 * per dialect and runs the same suites unchanged.
 */
export interface PersistenceSubject {
  readonly uow: UnitOfWork;
  readonly events: EventStream;
  close(): Promise<void>;
}

export type PersistenceFactory = () => Promise<PersistenceSubject>;

export const newUser = (overrides: Partial<User> = {}): User => ({
  id: randomUUID() as UserId,
  status: 'ACTIVE',
  role: 'user',
  knownIps: [],
  knownDevices: [],
  ...overrides,
});

export const seedUsers = (uow: UnitOfWork, users: readonly User[]): Promise<void> =>
  uow.run(async (tx) => {
    for (const user of users) await tx.users.save(user);
  });

/** Ids that are real UUIDs but unique per call, so suites can share one database. */
export const bidIds = () => {
  const gen = new SequentialIdGenerator(randomUUID().slice(0, 8));
  return () => gen.next() as BidId;
};

/** Creates and stores a live auction (published at T0) for `seller`; returns its id. */
export const storeLiveAuction = async (
  uow: UnitOfWork,
  sellerId: UserId,
  terms: Partial<AuctionTerms> = {},
): Promise<AuctionId> => {
  const created = Auction.create(randomUUID() as AuctionId, sellerId, forwardTerms(terms), T0);
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  const published = created.value.publish(T0);
  if (!published.ok) throw new Error(JSON.stringify(published.error));
  await uow.run(async (tx) => {
    const changes = created.value.flush();
    await tx.auctions.save(changes);
    await tx.events.publish(changes.events);
  });
  return created.value.state.id;
};

/** One bid as a use case would place it: load, decide, save, publish, in the auction's unit of work. */
export const bidThrough = (
  uow: UnitOfWork,
  auctionId: AuctionId,
  bidderId: UserId,
  amount: number,
  at: number,
  maxAmount: number | null = null,
  during?: (tx: TransactionContext) => Promise<void>,
) =>
  uow.withAuction(auctionId, async (tx) => {
    const auction = await tx.auctions.get(auctionId);
    if (!auction) throw new Error('auction vanished');
    const decided = auction.placeBid({ bidderId, amount, maxAmount }, at, bidIds());
    if (!decided.ok) return decided;
    if (during) await during(tx);
    const changes = auction.flush();
    await tx.auctions.save(changes);
    await tx.events.publish(changes.events);
    return decided;
  });
