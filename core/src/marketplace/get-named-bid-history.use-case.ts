import type { AuctionState, Bid } from '../auction/auction-state';
import { type BidView, maskName, viewBid } from '../auction/bid-view';
import { isAdmin, type Viewer } from '../auction/viewer';
import { visibleAuction } from '../use-cases/support';
import type { AuctionId, UserId } from '../shared/ids';
import { ok, type Result } from '../shared/result';
import { type MarketplaceDeps, type Page, type PageRequest, pageOf, sliceOf } from './marketplace-deps';

export type NamedBidView = BidView & { readonly bidderName: string | null };

/**
 * Seed 000's masked names: the full display name on the viewer's own rows and to admins, masked
 * for everyone else; none where a reverse auction hides the provider (seed 002).
 */
export const bidderNameFor = (
  auction: Pick<AuctionState, 'type'>,
  view: BidView,
  viewer: Viewer,
  displayName: string | undefined,
): string | null => {
  if (displayName === undefined) return null;
  if (auction.type === 'reverse' && view.bidderId === null) return null;
  return view.isMine || isAdmin(viewer) ? displayName : maskName(displayName);
};

/** `GET /auctions/:id/bids`: the bid history, newest first, one page. */
export class GetNamedBidHistory {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly viewer: Viewer; readonly auctionId: AuctionId; readonly page: PageRequest }): Promise<Result<Page<NamedBidView>>> {
    const slice = sliceOf(input.page);
    if (!slice.ok) return slice;
    const { offset, limit } = slice.value;
    const loaded = await this.deps.uow.run(async (tx): Promise<Result<{ state: AuctionState; rows: Bid[] }>> => {
      const found = await visibleAuction(tx, input.auctionId, input.viewer);
      if (!found.ok) return found;
      // The port pages by count only: read up to the page's end, keep its slice.
      const rows = await tx.auctions.bids(input.auctionId, { newestFirst: true, limit: offset + limit });
      return ok({ state: found.value.state, rows: rows.slice(offset) });
    });
    if (!loaded.ok) return loaded;
    const { state, rows } = loaded.value;
    const bidders = [...new Set(rows.map((b) => b.bidderId))];
    const names = bidders.length === 0 ? new Map<UserId, string>() : await this.deps.directory.displayNames(bidders);
    const items = rows.map((b): NamedBidView => {
      const view = viewBid(state, b, input.viewer);
      return { ...view, bidderName: bidderNameFor(state, view, input.viewer, names.get(b.bidderId)) };
    });
    // Every row has an ordinal and the count is the last one: the total needs no second query.
    return ok(pageOf(items, input.page, state.bidCount));
  }
}
