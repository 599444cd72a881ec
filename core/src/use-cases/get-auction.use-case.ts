import { type AuctionView, viewAuction } from '../auction/auction-view';
import type { Viewer } from '../auction/viewer';
import type { AuctionId } from '../shared/ids';
import { ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { visibleAuction } from './support';

/** An auction as seller, admin, another user or an anonymous visitor may see it. */
export class GetAuction {
  constructor(private readonly deps: UseCaseDeps) {}

  execute(input: { readonly auctionId: AuctionId; readonly viewer: Viewer }): Promise<Result<AuctionView>> {
    return this.deps.uow.run(async (tx) => {
      const found = await visibleAuction(tx, input.auctionId, input.viewer);
      return found.ok ? ok(viewAuction(found.value.state, input.viewer, this.deps.clock.now())) : found;
    });
  }
}
