import type { AuctionId, BidId, UserId } from '../shared/ids';
import { toIso } from '../shared/time';
import type { AuctionState, Bid, BidDetails, BidKind } from './auction-state';
import { isSellerOrAdmin } from './auction-view';
import type { Viewer } from './viewer';

/** A bid row as one viewer may see it. */
export interface BidView {
  readonly id: BidId;
  readonly auctionId: AuctionId;
  /**
   * Shown to the bidder itself, the seller and admins; null for everyone else, on forward
   * auctions too (histories carry a masked name instead, seed 000).
   */
  readonly bidderId: UserId | null;
  readonly amount: number;
  readonly kind: BidKind;
  readonly isAuto: boolean;
  readonly ordinal: number;
  readonly placedAt: string;
  /** The bidder's own proxy maximum; null for everyone else. */
  readonly maxAmount: number | null;
  readonly details: BidDetails | null;
  readonly isMine: boolean;
}

export const viewBid = (auction: Pick<AuctionState, 'type' | 'sellerId'>, bid: Bid, viewer: Viewer): BidView => {
  const mine = viewer.userId !== null && viewer.userId === bid.bidderId;
  // Seed 002: only the creator of a request sees who offered what and the offers' texts; the
  // same privacy holds for who bid on a forward auction (a lead's decision, docs/domain-rules.md).
  const identified = mine || isSellerOrAdmin(auction, viewer);
  return {
    id: bid.id,
    auctionId: bid.auctionId,
    bidderId: identified ? bid.bidderId : null,
    amount: bid.amount,
    kind: bid.kind,
    isAuto: bid.kind === 'auto',
    ordinal: bid.ordinal,
    placedAt: toIso(bid.placedAt),
    maxAmount: mine ? bid.maxAmount : null,
    details: auction.type === 'reverse' && (mine || isSellerOrAdmin(auction, viewer)) ? bid.details : null,
    isMine: mine,
  };
};

/** Seed 000's bid history masks names for others: `Jane` → `J***e`, `Al` → `A***`. */
export const maskName = (name: string): string => {
  const chars = [...name.trim()];
  if (chars.length === 0) return '***';
  if (chars.length <= 2) return `${chars[0]}***`;
  return `${chars[0]}***${chars[chars.length - 1]}`;
};
