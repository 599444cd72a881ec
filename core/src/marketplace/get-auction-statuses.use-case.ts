import { type AuctionStatusView, viewAuctionStatus } from '../auction/auction-view';
import type { Viewer } from '../auction/viewer';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import { type MarketplaceDeps, visibleStates } from './marketplace-deps';

/** A poll covers a page of auctions, not the catalog: beyond this the client pages itself. */
export const MAX_STATUS_IDS = 50;

/**
 * `GET /auction-status?ids=a,b`: several statuses in one request, in the order asked. Ids that
 * are unknown or private are simply absent, so a poll never tells a draft from nothing.
 */
export class GetAuctionStatuses {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly viewer: Viewer; readonly ids: readonly AuctionId[] }): Promise<Result<AuctionStatusView[]>> {
    const ids = [...new Set(input.ids)];
    if (ids.length < 1 || ids.length > MAX_STATUS_IDS) {
      return fail('VALIDATION_ERROR', 'Too few or too many auction ids', { ids: `must hold 1 to ${MAX_STATUS_IDS} distinct ids` });
    }
    const found = await visibleStates(this.deps.catalog, ids, input.viewer);
    const now = this.deps.clock.now();
    return ok(ids.flatMap((id) => {
      const s = found.get(id);
      return s ? [viewAuctionStatus(s, input.viewer, now)] : [];
    }));
  }
}
