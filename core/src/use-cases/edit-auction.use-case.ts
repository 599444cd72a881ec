import type { AuctionTerms } from '../auction/auction-terms';
import { type AuctionView, viewAuction } from '../auction/auction-view';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { type Actor, asViewer, managedAuction, persist } from './support';

export interface EditAuctionInput {
  readonly auctionId: AuctionId;
  readonly actor: Actor;
  readonly patch: Partial<AuctionTerms>;
}

/** Any term before the first bid; once bid on, only description-like fields (eBay's rule). */
export class EditAuction {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: EditAuctionInput): Promise<Result<AuctionView>> {
    if (input.patch.commissionBps !== undefined && input.actor.role !== 'admin') {
      return Promise.resolve(fail('FORBIDDEN', 'Only an admin may set the commission', { commissionBps: 'admin only' }));
    }
    return this.deps.uow.withAuction(input.auctionId, async (tx) => {
      const found = await managedAuction(tx, input.auctionId, input.actor);
      if (!found.ok) return found;
      const now = this.deps.clock.now();
      const edited = found.value.edit(input.patch, now);
      if (!edited.ok) return edited;
      await persist(tx, found.value);
      return ok(viewAuction(found.value.state, asViewer(input.actor), now));
    });
  }
}
