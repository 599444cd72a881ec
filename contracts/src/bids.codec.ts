import * as t from 'io-ts';
import { BidKind } from './auction-parts.codec';
import { SuccessEnvelope } from './envelope.codec';
import { Amount, IsoDateTime, nullable, PositiveAmount, PositiveInt, refine, Uuid } from './primitives.codec';

/** Core's `BidDetails`: a reverse-auction offer's texts (seed 002). */
export const BidDetails = t.exact(
  t.partial({ description: t.string, estimatedDuration: t.string, notes: t.string }),
  'BidDetails',
);
export type BidDetails = t.TypeOf<typeof BidDetails>;

/**
 * Core's `BidView`, plus the bidder's name in histories: in full for the bidder itself and
 * admins, masked (`J***e`) for others, null when the bidder is hidden.
 */
export const BidView = t.exact(
  t.intersection([
    t.type({
      id: Uuid,
      auctionId: Uuid,
      bidderId: nullable(Uuid),
      amount: Amount,
      kind: BidKind,
      isAuto: t.boolean,
      ordinal: PositiveInt,
      placedAt: IsoDateTime,
      maxAmount: nullable(Amount),
      details: nullable(BidDetails),
      isMine: t.boolean,
    }),
    t.partial({ bidderName: nullable(t.string) }),
  ]),
  'BidView',
);
export type BidView = t.TypeOf<typeof BidView>;

export const OfferDescription = refine(t.string, (s) => s.length <= 5_000, 'OfferDescription');
export const OfferDuration = refine(t.string, (s) => s.length <= 200, 'OfferDuration');
export const OfferNotes = refine(t.string, (s) => s.length <= 2_000, 'OfferNotes');

/**
 * Seed 003: `POST /bids/place` `{ auction_id, bid_amount, max_amount? }`, snake_case as the
 * shipped frontend sends it; reverse auctions add the offer's texts (seed 002).
 * `max_amount ≥ bid_amount` is the core's check (it answers VALIDATION_ERROR on `max_amount`).
 */
export const PlaceBidRequest = t.exact(
  t.intersection([
    t.type({ auction_id: Uuid, bid_amount: PositiveAmount }),
    t.partial({ max_amount: PositiveAmount, description: OfferDescription, estimated_duration: OfferDuration, notes: OfferNotes }),
  ]),
  'PlaceBidRequest',
);
export type PlaceBidRequest = t.TypeOf<typeof PlaceBidRequest>;

/** The offer texts of a bid request in core's shape, or null when it has none. */
export const bidDetailsOf = (r: PlaceBidRequest): BidDetails | null => {
  const d: { description?: string; estimatedDuration?: string; notes?: string } = {};
  if (r.description !== undefined) d.description = r.description;
  if (r.estimated_duration !== undefined) d.estimatedDuration = r.estimated_duration;
  if (r.notes !== undefined) d.notes = r.notes;
  return Object.keys(d).length > 0 ? d : null;
};

/** Seed 003's answer (`id, bidAmount, status, timestamp`) and what a bidding screen needs next. */
export const PlaceBidResponseData = t.strict(
  {
    id: Uuid,
    auctionId: Uuid,
    bidAmount: PositiveAmount,
    status: t.literal('success'),
    timestamp: IsoDateTime,
    leading: t.boolean,
    isAuto: t.literal(false),
    maxAmount: nullable(Amount),
    currentPrice: Amount,
    minNextBid: Amount,
    endTime: IsoDateTime,
    extended: t.boolean,
    /** The proxy's answers this bid triggered, in order. */
    autoBids: t.array(BidView),
  },
  'PlaceBidResponseData',
);
export type PlaceBidResponseData = t.TypeOf<typeof PlaceBidResponseData>;

export const PlaceBidResponse = SuccessEnvelope(PlaceBidResponseData);
