import type { AuctionId, UserId } from '../shared/ids';
import { toIso, type Instant } from '../shared/time';
import type { AuctionOutcome, AuctionState, AuctionStatus, AuctionType, ExtensionRule } from './auction-state';
import { isBuyNowAvailable, isReserveMet, nextBidLimit } from './bidding';
import type { IncrementRule } from './increments';
import type { Settlement } from './settlement';
import { isAdmin, type Viewer } from './viewer';

/** An auction as one viewer may see it; wire-shaped (ISO times), matching `contracts`. */
export interface AuctionView {
  readonly id: AuctionId;
  readonly sellerId: UserId;
  readonly type: AuctionType;
  readonly title: string;
  readonly description: string;
  readonly categoryId: string | null;
  readonly currency: string;
  readonly status: AuctionStatus;
  readonly outcome: AuctionOutcome | null;
  readonly startingPrice: number;
  /** The seller's and admins' eyes only; null for everyone else (SPEC, "Reserve"). */
  readonly reservePrice: number | null;
  readonly hasReserve: boolean;
  readonly reserveMet: boolean;
  readonly buyNowPrice: number | null;
  readonly buyNowAvailable: boolean;
  readonly budgetMax: number | null;
  readonly currentPrice: number | null;
  readonly minNextBid: number;
  readonly bidCount: number;
  /**
   * Bidder identities are private (reverse auctions: seed 002; forward ones too, where histories
   * show masked names instead): the leader itself, the seller and admins see it, others null.
   */
  readonly leaderId: UserId | null;
  readonly isLeading: boolean;
  /** The viewer's own proxy maximum, when the viewer leads. */
  readonly myMaxAmount: number | null;
  readonly increment: IncrementRule;
  readonly extension: ExtensionRule;
  readonly commissionBps: number | null;
  readonly buyerPremiumBps: number;
  readonly shippingCost: number;
  readonly startTime: string | null;
  readonly endTime: string;
  readonly originalEndTime: string;
  readonly endedAt: string | null;
  readonly serverTime: string;
  /** Whole seconds until `endTime`, 0 once it has passed or the auction is over. */
  readonly timeRemaining: number;
  /** Private like `leaderId`: the winner itself, the seller and admins. */
  readonly winnerId: UserId | null;
  /** Seen by the seller, the buyer, the payee and admins. */
  readonly settlement: SettlementView | null;
  readonly seq: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A settlement on the wire: the same figures, its time as ISO 8601 like every other time. */
export type SettlementView = Omit<Settlement, 'settledAt'> & { readonly settledAt: string };

const viewSettlement = (s: Settlement): SettlementView => ({ ...s, settledAt: toIso(s.settledAt) });

export const isSellerOrAdmin = (s: Pick<AuctionState, 'sellerId'>, v: Viewer): boolean =>
  isAdmin(v) || (v.userId !== null && v.userId === s.sellerId);

/**
 * An auction never published (a draft, or a draft cancelled) is private to its seller and
 * admins: others get "not found", not "forbidden".
 */
export const canSee = (s: Pick<AuctionState, 'sellerId' | 'publishedAt'>, v: Viewer): boolean =>
  s.publishedAt !== null || isSellerOrAdmin(s, v);

export const timeRemaining = (s: Pick<AuctionState, 'status' | 'endTime'>, now: Instant): number =>
  s.status === 'ENDED' || s.status === 'CANCELLED' ? 0 : Math.max(0, Math.floor((s.endTime - now) / 1000));

/** A bidder's identity shows to that bidder, the seller and admins only. */
const identify = (s: Pick<AuctionState, 'sellerId'>, bidder: UserId | null, viewer: Viewer): UserId | null =>
  bidder !== null && (isSellerOrAdmin(s, viewer) || viewer.userId === bidder) ? bidder : null;

export const viewAuction = (s: AuctionState, viewer: Viewer, now: Instant): AuctionView => {
  const privileged = isSellerOrAdmin(s, viewer);
  const leading = viewer.userId !== null && viewer.userId === s.leaderId;
  const party = viewer.userId !== null && s.settlement !== null &&
    (viewer.userId === s.settlement.buyerId || viewer.userId === s.settlement.payeeId);
  return {
    id: s.id,
    sellerId: s.sellerId,
    type: s.type,
    title: s.title,
    description: s.description,
    categoryId: s.categoryId,
    currency: s.currency,
    status: s.status,
    outcome: s.outcome,
    startingPrice: s.startingPrice,
    reservePrice: privileged ? s.reservePrice : null,
    hasReserve: s.reservePrice !== null,
    reserveMet: isReserveMet(s),
    buyNowPrice: s.buyNowPrice,
    buyNowAvailable: isBuyNowAvailable(s, now),
    budgetMax: s.budgetMax,
    currentPrice: s.currentPrice,
    minNextBid: nextBidLimit(s),
    bidCount: s.bidCount,
    leaderId: identify(s, s.leaderId, viewer),
    isLeading: leading,
    myMaxAmount: leading ? s.leaderMax : null,
    increment: s.increment,
    extension: s.extension,
    commissionBps: privileged ? s.commissionBps : null,
    buyerPremiumBps: s.buyerPremiumBps,
    shippingCost: s.shippingCost,
    startTime: s.startTime === null ? null : toIso(s.startTime),
    endTime: toIso(s.endTime),
    originalEndTime: toIso(s.originalEndTime),
    endedAt: s.endedAt === null ? null : toIso(s.endedAt),
    serverTime: toIso(now),
    timeRemaining: timeRemaining(s, now),
    winnerId: identify(s, s.winnerId, viewer),
    settlement: s.settlement !== null && (privileged || party) ? viewSettlement(s.settlement) : null,
    seq: s.seq,
    createdAt: toIso(s.createdAt),
    updatedAt: toIso(s.updatedAt),
  };
};

/** `GET /auctions/:id/status`: the live part of a view, for polling clients (contracts' codec). */
export type AuctionStatusView = Pick<
  AuctionView,
  'id' | 'status' | 'currentPrice' | 'bidCount' | 'leaderId' | 'reserveMet' | 'minNextBid' |
  'buyNowAvailable' | 'endTime' | 'serverTime' | 'timeRemaining' | 'seq'
>;

/** The same figures and the same privacy as `viewAuction`, without the rest of the view. */
export const viewAuctionStatus = (s: AuctionState, viewer: Viewer, now: Instant): AuctionStatusView => ({
  id: s.id,
  status: s.status,
  currentPrice: s.currentPrice,
  bidCount: s.bidCount,
  leaderId: identify(s, s.leaderId, viewer),
  reserveMet: isReserveMet(s),
  minNextBid: nextBidLimit(s),
  buyNowAvailable: isBuyNowAvailable(s, now),
  endTime: toIso(s.endTime),
  serverTime: toIso(now),
  timeRemaining: timeRemaining(s, now),
  seq: s.seq,
});
