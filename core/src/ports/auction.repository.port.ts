import type { Auction, AuctionChanges } from '../auction/auction';
import type { Bid } from '../auction/auction-state';
import type { AuctionId, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';

export interface BidPage {
  /** At most this many rows (default: all). */
  readonly limit?: number;
  /** Newest first instead of ordinal order. */
  readonly newestFirst?: boolean;
}

/**
 * Auctions and their bids, used inside a unit of work. `save` writes the state and appends the
 * new bid rows of one command; it refuses (throws) when the stored version is not the expected
 * one, which a correct unit of work never lets happen.
 */
export interface AuctionRepository {
  get(id: AuctionId): Promise<Auction | null>;
  save(changes: AuctionChanges): Promise<void>;
  bids(auctionId: AuctionId, page?: BidPage): Promise<Bid[]>;
  /** Manual bids (kinds `bid` and `max_raise`) of one bidder on one auction since `since`. */
  recentBidsBy(auctionId: AuctionId, bidderId: UserId, since: Instant): Promise<Bid[]>;
  /** Everyone who has a bid row on the auction, in order of first bid. */
  bidderIds(auctionId: AuctionId): Promise<UserId[]>;
  /** `bidderIds` of several auctions in one read (batch closes); auctions without bids map to []. */
  bidderIdsOf(auctionIds: readonly AuctionId[]): Promise<Map<AuctionId, UserId[]>>;
}
