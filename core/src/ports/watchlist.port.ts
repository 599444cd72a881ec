import type { AuctionId, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';
import type { Slice, SlicePage } from './auction-catalog.port';

export interface WatchEntry {
  readonly userId: UserId;
  readonly auctionId: AuctionId;
  readonly addedAt: Instant;
}

/** Who watches which auction (seed 000's watchlist table). */
export interface Watchlist {
  /** Adds; answers false (and changes nothing) when the entry already exists. */
  add(entry: WatchEntry): Promise<boolean>;
  /** Removes; answers false when there was no such entry. */
  remove(userId: UserId, auctionId: AuctionId): Promise<boolean>;
  get(userId: UserId, auctionId: AuctionId): Promise<WatchEntry | null>;
  /** The user's entries, newest first (ties by auction id). */
  list(userId: UserId, slice: Slice): Promise<SlicePage<WatchEntry>>;
  /** Everyone watching the auction (notifications of later issues). */
  watchers(auctionId: AuctionId): Promise<UserId[]>;
}
