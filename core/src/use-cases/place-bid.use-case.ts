import type { BidDetails } from '../auction/auction-state';
import { type AuctionView, viewAuction } from '../auction/auction-view';
import { type BidView, viewBid } from '../auction/bid-view';
import { bidAmountProblems } from '../auction/bidding';
import type { AuctionId, BidId, UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { persistAndNotify } from '../notifications/persist-and-notify';
import { screenBid } from './screen-bid';
import { activeUser, visibleAuction } from './support';

export interface PlaceBidInput {
  readonly auctionId: AuctionId;
  readonly bidderId: UserId;
  /** The bid, in minor units. */
  readonly amount: number;
  /** Optional proxy maximum (≥ amount). */
  readonly maxAmount?: number | null;
  readonly ip?: string | null;
  readonly deviceFingerprint?: string | null;
  /** Reverse auctions: the offer's text (seed 002). */
  readonly details?: BidDetails | null;
}

export interface PlaceBidOutput {
  readonly bid: BidView;
  readonly autoBids: readonly BidView[];
  readonly leading: boolean;
  readonly extended: boolean;
  readonly auction: AuctionView;
}

export class PlaceBid {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: PlaceBidInput): Promise<Result<PlaceBidOutput>> {
    const max = input.maxAmount ?? null;
    // Checked before taking the auction's lock too: bad input should cost no lock wait.
    const problems = bidAmountProblems(input.amount, max);
    if (problems) return Promise.resolve(fail('VALIDATION_ERROR', 'The bid amounts are not valid', problems));
    const viewer = { userId: input.bidderId, role: 'user' as const };
    return this.deps.uow.withAuction(input.auctionId, async (tx) => {
      const found = await visibleAuction(tx, input.auctionId, viewer);
      if (!found.ok) return found;
      const auction = found.value;
      const active = await activeUser(tx, input.bidderId);
      if (!active.ok) return active;
      const now = this.deps.clock.now();
      // Refusals that hold whatever the amount come first: no fraud screening (nor finding) for
      // a bid that could never be accepted.
      const refusal = auction.biddingRefusal(input.bidderId, now);
      if (refusal) return refusal;
      const blocked = await screenBid(this.deps, tx, auction, input, now);
      if (blocked) return blocked;
      const decided = auction.placeBid(
        { bidderId: input.bidderId, amount: input.amount, maxAmount: max, details: input.details ?? null },
        now,
        () => this.deps.ids.next() as BidId,
      );
      if (!decided.ok) return decided;
      await persistAndNotify(this.deps, tx, auction);
      const d = decided.value;
      const s = auction.state;
      return ok({
        bid: viewBid(s, d.bid, viewer),
        autoBids: d.autoBids.map((b) => viewBid(s, b, viewer)),
        leading: d.leading,
        extended: d.extended,
        auction: viewAuction(s, viewer, now),
      });
    });
  }
}
