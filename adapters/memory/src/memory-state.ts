import type { Account, AuctionId, AuctionState, Bid, Category, FraudFinding, Notification, RefreshTokenRecord, StoredEvent, User, UserId, WatchEntry } from '@gavel/core';

/** The committed contents of a memory database. Only a committing unit of work writes here. */
export class MemoryState {
  readonly auctions = new Map<AuctionId, AuctionState>();
  readonly bids = new Map<AuctionId, Bid[]>();
  /** Manual bids per `auction|bidder`, for the velocity look-up. */
  readonly manualBids = new Map<string, Bid[]>();
  readonly bidders = new Map<AuctionId, UserId[]>();
  /** Every bid row per bidder, in commit order: the catalog's `biddenBy` reads it. */
  readonly bidsByBidder = new Map<UserId, Bid[]>();
  readonly users = new Map<UserId, User>();
  readonly findings: FraudFinding[] = [];
  readonly accounts = new Map<UserId, Account>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  readonly outbox: StoredEvent[] = [];
  readonly outboxByAuction = new Map<AuctionId, StoredEvent[]>();
  // The read side's own tables: written outside any unit of work, each call on its own.
  readonly categories = new Map<string, Category>();
  /** user -> auction -> entry. */
  readonly watchlist = new Map<UserId, Map<AuctionId, WatchEntry>>();
  /** Every notification; one's cursor is its index + 1. */
  readonly notifications: Notification[] = [];
  /** Cursors of each user's notifications, ascending. */
  readonly notificationsByUser = new Map<UserId, number[]>();
}

export const bidderKey = (auctionId: AuctionId, bidderId: UserId): string => `${auctionId}|${bidderId}`;

export const isManual = (bid: Bid): boolean => bid.kind === 'bid' || bid.kind === 'max_raise';
