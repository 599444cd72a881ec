import { type BidView, viewBid } from '../auction/bid-view';
import type { Viewer } from '../auction/viewer';
import type { AuctionId } from '../shared/ids';
import { ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { visibleAuction } from './support';

/** Bid history, newest first, with each row shown as the viewer may see it. */
export class GetBidHistory {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: { readonly auctionId: AuctionId; readonly viewer: Viewer; readonly limit?: number }): Promise<Result<BidView[]>> {
    return this.deps.uow.run(async (tx) => {
      const found = await visibleAuction(tx, input.auctionId, input.viewer);
      if (!found.ok) return found;
      const bids = await tx.auctions.bids(input.auctionId, { newestFirst: true, ...(input.limit ? { limit: input.limit } : {}) });
      return ok(bids.map((b) => viewBid(found.value.state, b, input.viewer)));
    });
  }
}
