import type { AuctionState } from '../auction/auction-state';
import type { AuctionId } from '../shared/ids';
import type { Result } from '../shared/result';
import { CloseAuctions } from './close-auctions.use-case';
import type { UseCaseDeps } from './dependencies';

export interface CloseAuctionOutput {
  /** False when the auction had already ended or been cancelled: closing twice settles once. */
  readonly changed: boolean;
  readonly state: AuctionState;
}

/**
 * Ends the auction at (or after) its possibly extended end and settles it, exactly once: the
 * state change is guarded inside the auction's unit of work, so an at-least-once scheduler
 * calling it twice changes nothing the second time. A batch of one (`CloseAuctions`), so the
 * two never disagree on a rule.
 */
export class CloseAuction {
  private readonly batch: CloseAuctions;

  constructor(deps: UseCaseDeps) {
    this.batch = new CloseAuctions(deps);
  }

  async execute(input: { readonly auctionId: AuctionId }): Promise<Result<CloseAuctionOutput>> {
    const closed = await this.batch.execute({ auctionIds: [input.auctionId] });
    return closed.ok ? closed.value[0]! : closed;
  }
}
