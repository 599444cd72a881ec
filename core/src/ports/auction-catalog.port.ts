import type { AuctionState, AuctionStatus, AuctionType } from '../auction/auction-state';
import type { AuctionId, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';

export type AuctionSortKey = 'ending_soon' | 'newest' | 'price_asc' | 'price_desc' | 'most_bids';

/**
 * What a listing may be narrowed by. Every field is optional and they combine with AND.
 * "Price" is the current price, or the starting price before the first bid.
 */
export interface AuctionFilter {
  readonly status?: AuctionStatus;
  readonly type?: AuctionType;
  /** Any of these categories (the use case expands a category to its descendants). */
  readonly categoryIds?: readonly string[];
  readonly sellerId?: UserId;
  /** Case-insensitive substring of the title or the description; `%` and `_` match themselves. */
  readonly text?: string;
  readonly minPrice?: number;
  readonly maxPrice?: number;
  /**
   * Auctions never published are private: `null` lists published ones only, a user id adds that
   * user's own unpublished ones, `'all'` (admins) lists everything.
   */
  readonly unpublishedOf: UserId | 'all' | null;
}

export interface Slice {
  readonly offset: number;
  readonly limit: number;
}

export interface SlicePage<T> {
  readonly items: readonly T[];
  /** Rows matching the filter, beyond this slice too. */
  readonly total: number;
}

/** How one bidder stands on an auction it bid on (`GET /bids/mine`). */
export type BidderStanding = 'winning' | 'outbid' | 'won' | 'lost';

export interface BiddenAuction {
  readonly auction: AuctionState;
  /** The bidder's highest and lowest bid amounts on it (forward auctions care about the first). */
  readonly highestBid: number;
  readonly lowestBid: number;
  readonly bidCount: number;
  readonly lastBidAt: Instant;
}

/**
 * Read-only queries over committed auctions, outside any unit of work: listings, several
 * statuses at once, a bidder's auctions. Results may lag a commit by nothing more than the
 * database's own visibility rules.
 */
export interface AuctionCatalog {
  /**
   * Sorted by `sort`, ties broken by id so pages never overlap; `ending_soon` puts the
   * nearest end first.
   */
  search(filter: AuctionFilter, sort: AuctionSortKey, slice: Slice): Promise<SlicePage<AuctionState>>;
  /** The auctions among `ids` that exist, in no particular order. */
  getMany(ids: readonly AuctionId[]): Promise<AuctionState[]>;
  /**
   * Auctions the bidder has a bid row on, most recent bid first. `standing`: `winning` = LIVE and
   * leading, `outbid` = LIVE and not leading, `won` = ENDED with it as winner, `lost` = ENDED or
   * CANCELLED with another or no winner.
   */
  biddenBy(bidderId: UserId, standing: BidderStanding | null, slice: Slice): Promise<SlicePage<BiddenAuction>>;
  /**
   * Auctions of `status` ordered by `(endTime, id)`, strictly after `after` (keyset paging, so
   * auctions that change status meanwhile never make a page skip another): what a scheduler
   * re-derives its work from.
   */
  byEndTime(status: 'SCHEDULED' | 'LIVE', after: EndTimeKey | null, limit: number): Promise<AuctionState[]>;
}

/** A position in `(endTime, id)` order. */
export interface EndTimeKey {
  readonly endTime: Instant;
  readonly id: AuctionId;
}
