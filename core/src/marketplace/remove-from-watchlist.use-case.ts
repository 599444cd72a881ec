import type { Actor } from '../use-cases/support';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { MarketplaceDeps } from './marketplace-deps';

/** `DELETE /watchlist/:auctionId`; works even when the auction itself is gone. */
export class RemoveFromWatchlist {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly actor: Actor; readonly auctionId: AuctionId }): Promise<Result<{ auctionId: AuctionId; removed: true }>> {
    const removed = await this.deps.watchlist.remove(input.actor.userId, input.auctionId);
    return removed ? ok({ auctionId: input.auctionId, removed: true as const }) : fail('NOT_FOUND', 'This auction is not on your watchlist');
  }
}
