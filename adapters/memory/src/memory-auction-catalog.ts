import type {
  AuctionCatalog,
  AuctionFilter,
  AuctionId,
  AuctionSortKey,
  AuctionState,
  BiddenAuction,
  EndTimeKey,
  BidderStanding,
  Slice,
  SlicePage,
  UserId,
} from '@gavel/core';
import type { MemoryState } from './memory-state';

/** The price a listing shows and filters on: the current price, or the opening one before any bid. */
export const listingPrice = (s: AuctionState): number => s.currentPrice ?? s.startingPrice;

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Primary order of each sort key; every one falls back to the id, ascending, on a tie. */
const ORDER: Readonly<Record<AuctionSortKey, (a: AuctionState, b: AuctionState) => number>> = {
  ending_soon: (a, b) => a.endTime - b.endTime,
  newest: (a, b) => b.createdAt - a.createdAt,
  price_asc: (a, b) => listingPrice(a) - listingPrice(b),
  price_desc: (a, b) => listingPrice(b) - listingPrice(a),
  most_bids: (a, b) => b.bidCount - a.bidCount,
};

/** How `bidderId` stands on an auction it bid on; null where no bid can have been placed. */
export const standingOf = (s: AuctionState, bidderId: UserId): BidderStanding | null => {
  if (s.status === 'LIVE') return s.leaderId === bidderId ? 'winning' : 'outbid';
  if (s.status === 'ENDED') return s.winnerId === bidderId ? 'won' : 'lost';
  if (s.status === 'CANCELLED') return 'lost';
  return null;
};

const matches = (f: AuctionFilter, s: AuctionState, needle: string | null): boolean =>
  (s.publishedAt !== null || f.unpublishedOf === 'all' || s.sellerId === f.unpublishedOf) &&
  (f.status === undefined || s.status === f.status) &&
  (f.type === undefined || s.type === f.type) &&
  (f.categoryIds === undefined || (s.categoryId !== null && f.categoryIds.includes(s.categoryId))) &&
  (f.sellerId === undefined || s.sellerId === f.sellerId) &&
  (needle === null || s.title.toLowerCase().includes(needle) || s.description.toLowerCase().includes(needle)) &&
  (f.minPrice === undefined || listingPrice(s) >= f.minPrice) &&
  (f.maxPrice === undefined || listingPrice(s) <= f.maxPrice);

const slice = <T>(all: T[], s: Slice): SlicePage<T> => ({ items: all.slice(s.offset, s.offset + s.limit), total: all.length });

/** Listings over the committed auctions of a `MemoryState`: a scan, which suits a memory store. */
export class MemoryAuctionCatalog implements AuctionCatalog {
  constructor(private readonly db: MemoryState) {}

  async search(filter: AuctionFilter, sort: AuctionSortKey, s: Slice): Promise<SlicePage<AuctionState>> {
    const needle = filter.text === undefined ? null : filter.text.toLowerCase();
    const order = ORDER[sort];
    const found = [...this.db.auctions.values()].filter((a) => matches(filter, a, needle));
    found.sort((a, b) => order(a, b) || byId(a, b));
    return slice(found, s);
  }

  async getMany(ids: readonly AuctionId[]): Promise<AuctionState[]> {
    const found: AuctionState[] = [];
    for (const id of new Set(ids)) {
      const state = this.db.auctions.get(id);
      if (state) found.push(state);
    }
    return found;
  }

  async biddenBy(bidderId: UserId, standing: BidderStanding | null, s: Slice): Promise<SlicePage<BiddenAuction>> {
    const perAuction = new Map<AuctionId, { highestBid: number; lowestBid: number; bidCount: number; lastBidAt: number }>();
    for (const bid of this.db.bidsByBidder.get(bidderId) ?? []) {
      const agg = perAuction.get(bid.auctionId);
      if (!agg) {
        perAuction.set(bid.auctionId, { highestBid: bid.amount, lowestBid: bid.amount, bidCount: 1, lastBidAt: bid.placedAt });
        continue;
      }
      agg.highestBid = Math.max(agg.highestBid, bid.amount);
      agg.lowestBid = Math.min(agg.lowestBid, bid.amount);
      agg.bidCount += 1;
      agg.lastBidAt = Math.max(agg.lastBidAt, bid.placedAt);
    }
    const found: BiddenAuction[] = [];
    for (const [id, agg] of perAuction) {
      const auction = this.db.auctions.get(id);
      if (auction && (standing === null || standingOf(auction, bidderId) === standing)) found.push({ auction, ...agg });
    }
    found.sort((a, b) => b.lastBidAt - a.lastBidAt || byId(a.auction, b.auction));
    return slice(found, s);
  }

  async byEndTime(status: 'SCHEDULED' | 'LIVE', after: EndTimeKey | null, limit: number): Promise<AuctionState[]> {
    const later = (s: AuctionState) => after === null || s.endTime > after.endTime || (s.endTime === after.endTime && s.id > after.id);
    const found = [...this.db.auctions.values()].filter((s) => s.status === status && later(s));
    found.sort((a, b) => a.endTime - b.endTime || byId(a, b));
    return found.slice(0, limit);
  }
}
