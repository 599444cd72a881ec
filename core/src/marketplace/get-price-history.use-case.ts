import type { Bid } from '../auction/auction-state';
import type { Viewer } from '../auction/viewer';
import { visibleAuction } from '../use-cases/support';
import type { AuctionId } from '../shared/ids';
import { ok, type Result } from '../shared/result';
import { toIso } from '../shared/time';
import type { MarketplaceDeps } from './marketplace-deps';

export interface PricePoint {
  readonly ordinal: number;
  readonly at: string;
  readonly price: number;
  readonly isAuto: boolean;
}

/** `GET /auctions/:id/price-history`: chart data, no bidder in it. */
export interface PriceHistory {
  readonly auctionId: AuctionId;
  readonly currency: string;
  readonly startingPrice: number;
  readonly currentPrice: number | null;
  readonly points: readonly PricePoint[];
}

/**
 * One point per row that set the price, in ordinal order. A `max_raise` row only records a
 * leader's new maximum at the unchanged price, except when that maximum lifted the price to the
 * reserve (SPEC "Reserve"): then it moved the price and is a point like any other.
 */
export const pricePoints = (bids: readonly Bid[]): PricePoint[] => {
  const points: PricePoint[] = [];
  for (const b of bids) {
    const last = points[points.length - 1];
    if (b.kind === 'max_raise' && (last === undefined || b.amount === last.price)) continue;
    points.push({ ordinal: b.ordinal, at: toIso(b.placedAt), price: b.amount, isAuto: b.kind === 'auto' });
  }
  return points;
};

export class GetPriceHistory {
  constructor(private readonly deps: MarketplaceDeps) {}

  execute(input: { readonly viewer: Viewer; readonly auctionId: AuctionId }): Promise<Result<PriceHistory>> {
    return this.deps.uow.run(async (tx) => {
      const found = await visibleAuction(tx, input.auctionId, input.viewer);
      if (!found.ok) return found;
      const s = found.value.state;
      const bids = await tx.auctions.bids(s.id);
      return ok({ auctionId: s.id, currency: s.currency, startingPrice: s.startingPrice, currentPrice: s.currentPrice, points: pricePoints(bids) });
    });
  }
}
