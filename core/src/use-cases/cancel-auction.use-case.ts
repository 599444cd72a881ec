import { type AuctionView, viewAuction } from '../auction/auction-view';
import type { AuctionId } from '../shared/ids';
import { ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { type Actor, asViewer, managedAuction, persist } from './support';

/** SPEC: from DRAFT or SCHEDULED, or LIVE while nobody has bid. */
export class CancelAuction {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: { readonly auctionId: AuctionId; readonly actor: Actor }): Promise<Result<AuctionView>> {
    return this.deps.uow.withAuction(input.auctionId, async (tx) => {
      const found = await managedAuction(tx, input.auctionId, input.actor);
      if (!found.ok) return found;
      const now = this.deps.clock.now();
      const cancelled = found.value.cancel(input.actor.userId, now);
      if (!cancelled.ok) return cancelled;
      await persist(tx, found.value);
      return ok(viewAuction(found.value.state, asViewer(input.actor), now));
    });
  }
}
