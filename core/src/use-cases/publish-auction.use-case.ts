import { type AuctionView, viewAuction } from '../auction/auction-view';
import type { AuctionId } from '../shared/ids';
import { ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { type Actor, asViewer, managedAuction, persist } from './support';

/** SPEC: without a start time (or one in the past) the auction goes LIVE at once. */
export class PublishAuction {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: { readonly auctionId: AuctionId; readonly actor: Actor }): Promise<Result<AuctionView>> {
    return this.deps.uow.withAuction(input.auctionId, async (tx) => {
      const found = await managedAuction(tx, input.auctionId, input.actor);
      if (!found.ok) return found;
      const now = this.deps.clock.now();
      const published = found.value.publish(now);
      if (!published.ok) return published;
      await persist(tx, found.value);
      return ok(viewAuction(found.value.state, asViewer(input.actor), now));
    });
  }
}
