import type { AuctionId, Slice, SlicePage, UserId, WatchEntry, Watchlist } from '@gavel/core';
import type { Knex } from 'knex';
import type { Dialect } from './dialect';
import { countOf, isDuplicateKey } from './knex-query-helpers';

/** The `watchlist` table, primary key (user_id, auction_id); each call commits on its own. */
export class KnexWatchlist implements Watchlist {
  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
  ) {}

  async add(entry: WatchEntry): Promise<boolean> {
    try {
      // A plain insert: the primary key, not a prior read, decides between concurrent adds.
      await this.knex('watchlist').insert({ user_id: entry.userId, auction_id: entry.auctionId, created_at: this.dialect.instant(entry.addedAt) });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async remove(userId: UserId, auctionId: AuctionId): Promise<boolean> {
    return (await this.knex('watchlist').where({ user_id: userId, auction_id: auctionId }).delete()) > 0;
  }

  async get(userId: UserId, auctionId: AuctionId): Promise<WatchEntry | null> {
    const row = await this.knex('watchlist').where({ user_id: userId, auction_id: auctionId }).first();
    return row ? this.entry(row) : null;
  }

  async list(userId: UserId, slice: Slice): Promise<SlicePage<WatchEntry>> {
    const mine = () => this.knex('watchlist').where({ user_id: userId });
    const [rows, total] = await Promise.all([
      mine().select('*').orderBy([{ column: 'created_at', order: 'desc' }, { column: 'auction_id', order: 'asc' }]).limit(slice.limit).offset(slice.offset),
      countOf(mine()),
    ]);
    return { items: rows.map((r: Record<string, unknown>) => this.entry(r)), total };
  }

  async watchers(auctionId: AuctionId): Promise<UserId[]> {
    const rows = await this.knex('watchlist').select('user_id').where({ auction_id: auctionId });
    return rows.map((r: Record<string, unknown>) => String(r.user_id) as UserId);
  }

  private entry(r: Record<string, unknown>): WatchEntry {
    return { userId: String(r.user_id) as UserId, auctionId: String(r.auction_id) as AuctionId, addedAt: this.dialect.readInstant(r.created_at) };
  }
}
