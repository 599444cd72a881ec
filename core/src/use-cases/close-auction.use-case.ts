import type { AuctionState } from '../auction/auction-state';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { persistAndNotify } from '../notifications/persist-and-notify';

export interface CloseAuctionOutput {
  /** False when the auction had already ended or been cancelled: closing twice settles once. */
  readonly changed: boolean;
  readonly state: AuctionState;
}

/**
 * Ends the auction at (or after) its possibly extended end and settles it, exactly once: the
 * state change is guarded inside the auction's unit of work, so an at-least-once scheduler
 * calling it twice changes nothing the second time.
 */
export class CloseAuction {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: { readonly auctionId: AuctionId }): Promise<Result<CloseAuctionOutput>> {
    return this.deps.uow.withAuction(input.auctionId, async (tx) => {
      const auction = await tx.auctions.get(input.auctionId);
      if (!auction) return fail('AUCTION_NOT_FOUND', 'Auction not found');
      const { status } = auction.state;
      if (status === 'ENDED' || status === 'CANCELLED') return ok({ changed: false, state: auction.state });
      const bidderIds = await tx.auctions.bidderIds(input.auctionId);
      const closed = auction.close(this.deps.clock.now(), bidderIds);
      if (!closed.ok) return closed;
      await persistAndNotify(this.deps, tx, auction);
      return ok({ changed: true, state: auction.state });
    });
  }
}
