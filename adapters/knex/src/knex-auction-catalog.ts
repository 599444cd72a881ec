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
import type { Knex } from 'knex';
import { safeNumber } from './connection';
import type { Dialect } from './dialect';
import { containsPattern, countOf, isUuidShaped, uuidsOnly } from './knex-query-helpers';
import type { RowMapper } from './rows';

/**
 * Each sort key's column; every one falls back to `id` ascending on a tie, so pages never
 * overlap. None of these columns holds NULL, so no dialect's NULL ordering matters.
 */
const ORDER: Readonly<Record<AuctionSortKey, { column: string; order: 'asc' | 'desc' }>> = {
  ending_soon: { column: 'end_time', order: 'asc' },
  newest: { column: 'created_at', order: 'desc' },
  price_asc: { column: 'listing_price', order: 'asc' },
  price_desc: { column: 'listing_price', order: 'desc' },
  most_bids: { column: 'bid_count', order: 'desc' },
};

/** The filter as one WHERE clause on `auctions`; `listing_price` is migration 002's generated column. */
const applyFilter = (q: Knex.QueryBuilder, f: AuctionFilter): Knex.QueryBuilder => {
  const owner = f.unpublishedOf;
  if (owner === null) q.whereNotNull('published_at');
  else if (owner !== 'all') q.where((w) => void w.whereNotNull('published_at').orWhere('seller_id', owner));
  if (f.status !== undefined) q.where('status', f.status);
  if (f.type !== undefined) q.where('type', f.type);
  if (f.categoryIds !== undefined) q.whereIn('category_id', [...f.categoryIds]); // [] compiles to a false condition
  if (f.sellerId !== undefined) {
    if (isUuidShaped(f.sellerId)) q.where('seller_id', f.sellerId);
    else q.whereRaw('1 = 0');
  }
  if (f.text !== undefined) {
    const pattern = containsPattern(f.text);
    q.where((w) => void w.whereRaw("LOWER(title) LIKE ? ESCAPE '!'", [pattern]).orWhereRaw("LOWER(description) LIKE ? ESCAPE '!'", [pattern]));
  }
  if (f.minPrice !== undefined) q.where('listing_price', '>=', f.minPrice);
  if (f.maxPrice !== undefined) q.where('listing_price', '<=', f.maxPrice);
  return q;
};

/** The standing of `GET /bids/mine` over the auction aliased `a`. */
const applyStanding = (q: Knex.QueryBuilder, standing: BidderStanding | null, bidderId: UserId): Knex.QueryBuilder => {
  switch (standing) {
    case null:
      return q;
    case 'winning':
      return q.where('a.status', 'LIVE').where('a.leader_id', bidderId);
    case 'outbid':
      return q.where('a.status', 'LIVE').where((w) => void w.whereNull('a.leader_id').orWhereNot('a.leader_id', bidderId));
    case 'won':
      return q.where('a.status', 'ENDED').where('a.winner_id', bidderId);
    case 'lost':
      return q.where((w) => void w
        .where('a.status', 'CANCELLED')
        .orWhere((ended) => void ended.where('a.status', 'ENDED').where((other) => void other.whereNull('a.winner_id').orWhereNot('a.winner_id', bidderId))));
  }
};

/**
 * Listings as SQL: WHERE, ORDER BY, LIMIT/OFFSET, and a COUNT with the same WHERE, on the pool
 * (outside any unit of work). The two statements may straddle a commit; a total that is one
 * auction off for that instant is acceptable for a listing.
 */
export class KnexAuctionCatalog implements AuctionCatalog {
  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
    private readonly rows: RowMapper,
  ) {}

  async search(filter: AuctionFilter, sort: AuctionSortKey, slice: Slice): Promise<SlicePage<AuctionState>> {
    const query = () => applyFilter(this.knex('auctions'), filter);
    const { column, order } = ORDER[sort];
    const [rows, total] = await Promise.all([
      query().select('*').orderBy([{ column, order }, { column: 'id', order: 'asc' }]).limit(slice.limit).offset(slice.offset),
      countOf(query()),
    ]);
    return { items: rows.map((r: Record<string, unknown>) => this.rows.auction(r)), total };
  }

  async getMany(ids: readonly AuctionId[]): Promise<AuctionState[]> {
    const wanted = uuidsOnly(ids);
    if (wanted.length === 0) return [];
    return (await this.knex('auctions').whereIn('id', wanted)).map((r: Record<string, unknown>) => this.rows.auction(r));
  }

  async biddenBy(bidderId: UserId, standing: BidderStanding | null, slice: Slice): Promise<SlicePage<BiddenAuction>> {
    // One row per auction the bidder bid on (served by idx_bids_user_time), joined to the auction.
    const mine = () =>
      this.knex('bids')
        .select('auction_id')
        .max({ highest_bid: 'amount' })
        .min({ lowest_bid: 'amount' })
        .count({ bid_count_mine: '*' })
        .max({ last_bid_at: 'placed_at' })
        .where('bidder_id', bidderId)
        .groupBy('auction_id')
        .as('m');
    const query = () => applyStanding(this.knex({ a: 'auctions' }).join(mine(), 'm.auction_id', 'a.id'), standing, bidderId);
    const [rows, total] = await Promise.all([
      query()
        .select('a.*', 'm.highest_bid', 'm.lowest_bid', 'm.bid_count_mine', 'm.last_bid_at')
        .orderBy([{ column: 'm.last_bid_at', order: 'desc' }, { column: 'a.id', order: 'asc' }])
        .limit(slice.limit)
        .offset(slice.offset),
      countOf(query()),
    ]);
    return {
      items: rows.map((r: Record<string, unknown>) => ({
        auction: this.rows.auction(r),
        highestBid: safeNumber(r.highest_bid),
        lowestBid: safeNumber(r.lowest_bid),
        bidCount: safeNumber(r.bid_count_mine),
        lastBidAt: this.dialect.readInstant(r.last_bid_at),
      })),
      total,
    };
  }

  /** Served by `idx_auctions_status_end` (status, end_time). */
  async byEndTime(status: 'SCHEDULED' | 'LIVE', after: EndTimeKey | null, limit: number): Promise<AuctionState[]> {
    const q = this.knex('auctions').select('*').where('status', status);
    if (after !== null) {
      const end = this.dialect.instant(after.endTime) as Knex.Value;
      q.where((w) => void w.where('end_time', '>', end).orWhere((same) => void same.where('end_time', end).where('id', '>', after.id)));
    }
    const rows = await q.orderBy([{ column: 'end_time', order: 'asc' }, { column: 'id', order: 'asc' }]).limit(limit);
    return rows.map((r: Record<string, unknown>) => this.rows.auction(r));
  }
}
