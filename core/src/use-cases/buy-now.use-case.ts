import { type AuctionView, viewAuction } from '../auction/auction-view';
import type { AuctionId, BidId, UserId } from '../shared/ids';
import { ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { persistAndNotify } from '../notifications/persist-and-notify';
import { screenBid } from './screen-bid';
import { activeUser, visibleAuction } from './support';

/** SPEC: buying ends the auction at once as SOLD at the buy-now price, settled in the same step. */
export class BuyNow {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: {
    readonly auctionId: AuctionId;
    readonly buyerId: UserId;
    readonly ip?: string | null;
    readonly deviceFingerprint?: string | null;
  }): Promise<Result<AuctionView>> {
    const viewer = { userId: input.buyerId, role: 'user' as const };
    return this.deps.uow.withAuction(input.auctionId, async (tx) => {
      const found = await visibleAuction(tx, input.auctionId, viewer);
      if (!found.ok) return found;
      const active = await activeUser(tx, input.buyerId);
      if (!active.ok) return active;
      const now = this.deps.clock.now();
      const auction = found.value;
      const refusal = auction.biddingRefusal(input.buyerId, now);
      if (refusal) return refusal;
      // A purchase is a bid at the buy-now price: the same fraud policies see it (SPEC).
      const blocked = await screenBid(this.deps, tx, auction, { ...input, bidderId: input.buyerId, amount: auction.state.buyNowPrice ?? 0 }, now);
      if (blocked) return blocked;
      const bidderIds = await tx.auctions.bidderIds(input.auctionId);
      const bought = found.value.buyNow(input.buyerId, now, () => this.deps.ids.next() as BidId, bidderIds);
      if (!bought.ok) return bought;
      await persistAndNotify(this.deps, tx, found.value);
      return ok(viewAuction(found.value.state, viewer, now));
    });
  }
}
