import type { AuctionId, Slice, SlicePage, UserId, WatchEntry, Watchlist } from '@gavel/core';
import type { MemoryState } from './memory-state';

/** Watch entries in a `MemoryState`; each call applies at once (no unit of work involved). */
export class MemoryWatchlist implements Watchlist {
  constructor(private readonly db: MemoryState) {}

  async add(entry: WatchEntry): Promise<boolean> {
    let mine = this.db.watchlist.get(entry.userId);
    if (!mine) this.db.watchlist.set(entry.userId, (mine = new Map()));
    if (mine.has(entry.auctionId)) return false;
    mine.set(entry.auctionId, { ...entry });
    return true;
  }

  async remove(userId: UserId, auctionId: AuctionId): Promise<boolean> {
    return this.db.watchlist.get(userId)?.delete(auctionId) ?? false;
  }

  async get(userId: UserId, auctionId: AuctionId): Promise<WatchEntry | null> {
    return this.db.watchlist.get(userId)?.get(auctionId) ?? null;
  }

  async list(userId: UserId, slice: Slice): Promise<SlicePage<WatchEntry>> {
    const all = [...(this.db.watchlist.get(userId)?.values() ?? [])].sort(
      (a, b) => b.addedAt - a.addedAt || (a.auctionId < b.auctionId ? -1 : a.auctionId > b.auctionId ? 1 : 0),
    );
    return { items: all.slice(slice.offset, slice.offset + slice.limit), total: all.length };
  }

  async watchers(auctionId: AuctionId): Promise<UserId[]> {
    const found: UserId[] = [];
    for (const [userId, mine] of this.db.watchlist) if (mine.has(auctionId)) found.push(userId);
    return found;
  }
}
