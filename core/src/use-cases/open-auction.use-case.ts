import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { persist } from './support';

/** Opens a scheduled auction whose start has come; idempotent, for schedulers. */
export class OpenAuction {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: { readonly auctionId: AuctionId }): Promise<Result<{ readonly changed: boolean }>> {
    return this.deps.uow.withAuction(input.auctionId, async (tx) => {
      const auction = await tx.auctions.get(input.auctionId);
      if (!auction) return fail('AUCTION_NOT_FOUND', 'Auction not found');
      const opened = auction.open(this.deps.clock.now());
      if (opened.ok && opened.value.changed) await persist(tx, auction);
      return opened.ok ? ok(opened.value) : opened;
    });
  }
}
