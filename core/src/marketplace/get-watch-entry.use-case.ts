import { type Actor, asViewer } from '../use-cases/support';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import { type MarketplaceDeps, visibleStates } from './marketplace-deps';
import { viewWatch, type WatchView } from './watch-view';

/** `GET /watchlist/:auctionId`: whether the caller watches it (NOT_FOUND when not). */
export class GetWatchEntry {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly actor: Actor; readonly auctionId: AuctionId }): Promise<Result<WatchView>> {
    const entry = await this.deps.watchlist.get(input.actor.userId, input.auctionId);
    const viewer = asViewer(input.actor);
    const auction = entry && (await visibleStates(this.deps.catalog, [input.auctionId], viewer)).get(input.auctionId);
    if (!entry || !auction) return fail('NOT_FOUND', 'This auction is not on your watchlist');
    return ok(viewWatch(entry, auction, viewer, this.deps.clock.now()));
  }
}
