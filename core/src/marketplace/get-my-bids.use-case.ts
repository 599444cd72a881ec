import type { AuctionState } from '../auction/auction-state';
import { type AuctionView, viewAuction } from '../auction/auction-view';
import type { BidderStanding } from '../ports/auction-catalog.port';
import { type Actor, asViewer } from '../use-cases/support';
import type { UserId } from '../shared/ids';
import { ok, type Result } from '../shared/result';
import { toIso } from '../shared/time';
import { type MarketplaceDeps, type Page, type PageRequest, pageOf, sliceOf } from './marketplace-deps';

/** One auction of `GET /bids/mine`, with how the caller stands on it. */
export interface MyBidView {
  readonly auction: AuctionView;
  readonly standing: BidderStanding;
  /** Forward: the caller's highest bid. Reverse: its lowest offer. */
  readonly myBestBid: number;
  readonly myBidCount: number;
  readonly lastBidAt: string;
}

/** The catalog port's definition of a standing, applied to one auction. */
export const standingOf = (s: Pick<AuctionState, 'status' | 'leaderId' | 'winnerId'>, bidderId: UserId): BidderStanding => {
  if (s.status === 'ENDED') return s.winnerId === bidderId ? 'won' : 'lost';
  if (s.status === 'CANCELLED') return 'lost';
  return s.leaderId === bidderId ? 'winning' : 'outbid';
};

/** `GET /bids/mine`: the auctions the caller bid on, most recent bid first, optionally by standing. */
export class GetMyBids {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly actor: Actor; readonly standing: BidderStanding | null; readonly page: PageRequest }): Promise<Result<Page<MyBidView>>> {
    const slice = sliceOf(input.page);
    if (!slice.ok) return slice;
    const me = input.actor.userId;
    const found = await this.deps.catalog.biddenBy(me, input.standing, slice.value);
    const now = this.deps.clock.now();
    const viewer = asViewer(input.actor);
    const items = found.items.map((b): MyBidView => ({
      auction: viewAuction(b.auction, viewer, now),
      standing: standingOf(b.auction, me),
      myBestBid: b.auction.type === 'reverse' ? b.lowestBid : b.highestBid,
      myBidCount: b.bidCount,
      lastBidAt: toIso(b.lastBidAt),
    }));
    return ok(pageOf(items, input.page, found.total));
  }
}
