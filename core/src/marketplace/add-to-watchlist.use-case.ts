import { type Actor, asViewer } from '../use-cases/support';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import { type MarketplaceDeps, visibleStates } from './marketplace-deps';
import { viewWatch, type WatchView } from './watch-view';

/**
 * `POST /watchlist`. Watching twice is no error: the answer is the entry already there
 * (`created: false`), so a retried request is harmless.
 */
export class AddToWatchlist {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly actor: Actor; readonly auctionId: AuctionId }): Promise<Result<{ entry: WatchView; created: boolean }>> {
    const viewer = asViewer(input.actor);
    const auction = (await visibleStates(this.deps.catalog, [input.auctionId], viewer)).get(input.auctionId);
    if (!auction) return fail('AUCTION_NOT_FOUND', 'Auction not found');
    const now = this.deps.clock.now();
    const fresh = { userId: input.actor.userId, auctionId: input.auctionId, addedAt: now };
    const created = await this.deps.watchlist.add(fresh);
    const entry = created ? fresh : (await this.deps.watchlist.get(input.actor.userId, input.auctionId)) ?? fresh;
    return ok({ entry: viewWatch(entry, auction, viewer, now), created });
  }
}
