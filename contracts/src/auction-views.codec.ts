import * as t from 'io-ts';
import { AuctionOutcome, AuctionStatus, AuctionType, ExtensionRule, IncrementRule, Settlement } from './auction-parts.codec';
import { Amount, Bps, CurrencyCode, IsoDateTime, NonNegativeInt, nullable, Uuid, CategoryId } from './primitives.codec';

/**
 * Core's `AuctionView`, field for field: an auction as one viewer may see it. Hidden values
 * are null, not absent (reserve for all but the seller, reverse-auction identities...).
 */
export const auctionViewProps = {
  id: Uuid,
  sellerId: Uuid,
  type: AuctionType,
  title: t.string,
  description: t.string,
  categoryId: nullable(CategoryId),
  currency: CurrencyCode,
  status: AuctionStatus,
  outcome: nullable(AuctionOutcome),
  startingPrice: Amount,
  reservePrice: nullable(Amount),
  hasReserve: t.boolean,
  reserveMet: t.boolean,
  buyNowPrice: nullable(Amount),
  buyNowAvailable: t.boolean,
  budgetMax: nullable(Amount),
  currentPrice: nullable(Amount),
  /** Forward: the least a new bid may be. Reverse: the most. */
  minNextBid: Amount,
  bidCount: NonNegativeInt,
  leaderId: nullable(Uuid),
  isLeading: t.boolean,
  myMaxAmount: nullable(Amount),
  increment: IncrementRule,
  extension: ExtensionRule,
  commissionBps: nullable(Bps),
  buyerPremiumBps: Bps,
  shippingCost: Amount,
  startTime: nullable(IsoDateTime),
  endTime: IsoDateTime,
  originalEndTime: IsoDateTime,
  endedAt: nullable(IsoDateTime),
  serverTime: IsoDateTime,
  /** Whole seconds until `endTime`. */
  timeRemaining: NonNegativeInt,
  winnerId: nullable(Uuid),
  settlement: nullable(Settlement),
  seq: NonNegativeInt,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

export const AuctionView = t.strict(auctionViewProps, 'AuctionView');
export type AuctionView = t.TypeOf<typeof AuctionView>;

const p = auctionViewProps;

/** `GET /auctions/:id/status`: the live part of a view, for polling clients. */
export const AuctionStatusView = t.strict(
  {
    id: p.id,
    status: p.status,
    currentPrice: p.currentPrice,
    bidCount: p.bidCount,
    leaderId: p.leaderId,
    reserveMet: p.reserveMet,
    minNextBid: p.minNextBid,
    buyNowAvailable: p.buyNowAvailable,
    endTime: p.endTime,
    serverTime: p.serverTime,
    timeRemaining: p.timeRemaining,
    seq: p.seq,
  },
  'AuctionStatusView',
);
export type AuctionStatusView = t.TypeOf<typeof AuctionStatusView>;
