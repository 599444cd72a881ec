import { type AuctionStatusView, viewAuctionStatus } from '../auction/auction-view';
import type { Viewer } from '../auction/viewer';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import { type MarketplaceDeps, visibleStates } from './marketplace-deps';

/** `GET /auctions/:id/status`: the live figures of one auction, for polling clients. */
export class GetAuctionStatus {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly viewer: Viewer; readonly auctionId: AuctionId }): Promise<Result<AuctionStatusView>> {
    const found = (await visibleStates(this.deps.catalog, [input.auctionId], input.viewer)).get(input.auctionId);
    return found ? ok(viewAuctionStatus(found, input.viewer, this.deps.clock.now())) : fail('AUCTION_NOT_FOUND', 'Auction not found');
  }
}
