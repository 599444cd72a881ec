import { type Actor, asViewer } from '../use-cases/support';
import { ok, type Result } from '../shared/result';
import { type MarketplaceDeps, type Page, type PageRequest, pageOf, sliceOf, visibleStates } from './marketplace-deps';
import { viewWatch, type WatchView } from './watch-view';

/** `GET /watchlist`: newest entries first. */
export class ListWatchlist {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly actor: Actor; readonly page: PageRequest }): Promise<Result<Page<WatchView>>> {
    const slice = sliceOf(input.page);
    if (!slice.ok) return slice;
    const viewer = asViewer(input.actor);
    const found = await this.deps.watchlist.list(input.actor.userId, slice.value);
    const auctions = await visibleStates(this.deps.catalog, found.items.map((e) => e.auctionId), viewer);
    const now = this.deps.clock.now();
    // An entry whose auction is gone is skipped here; `total` still counts it (the port's count).
    const items = found.items.flatMap((e) => {
      const auction = auctions.get(e.auctionId);
      return auction ? [viewWatch(e, auction, viewer, now)] : [];
    });
    return ok(pageOf(items, input.page, found.total));
  }
}
