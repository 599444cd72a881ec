import * as t from 'io-ts';
import { AuctionOutcome, AuctionStatus, BidKind } from './auction-parts.codec';
import { auctionViewProps } from './auction-views.codec';
import { Amount, IsoDateTime, NonNegativeInt, nullable, Uuid } from './primitives.codec';

/**
 * SPEC, "Realtime": every payload carries its auction, the `seq` of the auction's stream event
 * it comes from (a watcher seeing a gap resyncs from a snapshot) and the server's time.
 */
export const eventBaseProps = { auctionId: Uuid, seq: NonNegativeInt, timestamp: IsoDateTime };

const event = <P extends t.Props>(name: string, props: P) => t.strict({ ...eventBaseProps, ...props }, name);

/** One row of a bid decision. `bidderId` is null where the viewer may not know it (seed 002). */
export const BidUpdateRow = t.strict(
  { id: Uuid, bidderId: nullable(Uuid), amount: Amount, kind: BidKind, isAuto: t.boolean },
  'BidUpdateRow',
);

/** From `BidPlaced`: the new price and every row that bid recorded (the bid and proxy answers). */
export const BidUpdateEvent = event('BidUpdateEvent', {
  currentPrice: Amount,
  bidCount: NonNegativeInt,
  leaderId: nullable(Uuid),
  previousLeaderId: nullable(Uuid),
  reserveMet: t.boolean,
  minNextBid: Amount,
  buyNowAvailable: t.boolean,
  endTime: IsoDateTime,
  bids: t.array(BidUpdateRow),
});

/** From `AuctionExtended` (soft close). */
export const AuctionExtendedEvent = event('AuctionExtendedEvent', { previousEndTime: IsoDateTime, endTime: IsoDateTime });

/** A reminder near the end, sent by a scheduler; it carries the stream's current `seq`. */
export const AuctionEndingEvent = event('AuctionEndingEvent', { endTime: IsoDateTime, timeRemaining: NonNegativeInt });

/** From `AuctionEnded`. The list of bidders stays on the server (it feeds the personal events). */
export const AuctionEndedEvent = event('AuctionEndedEvent', {
  outcome: AuctionOutcome,
  via: t.keyof({ time: null, buy_now: null }, 'EndedVia'),
  winnerId: nullable(Uuid),
  finalPrice: nullable(Amount),
  bidCount: NonNegativeInt,
});

/** The current state, sent to a socket when it subscribes (or resyncs after a gap). */
export const AuctionSnapshotEvent = t.strict({ ...auctionViewProps, ...eventBaseProps }, 'AuctionSnapshotEvent');

/** From `AuctionCreated`; drafts are private, so watchers rarely see it. */
export const AuctionCreatedEvent = event('AuctionCreatedEvent', { sellerId: Uuid, status: AuctionStatus });

export const AuctionPublishedEvent = event('AuctionPublishedEvent', {
  status: t.keyof({ SCHEDULED: null, LIVE: null }, 'PublishedStatus'),
  startTime: IsoDateTime,
  endTime: IsoDateTime,
});

export const AuctionStartedEvent = event('AuctionStartedEvent', { endTime: IsoDateTime });

/** From `AuctionUpdated`: which terms changed; watchers refetch or wait for the snapshot. */
export const AuctionUpdatedEvent = event('AuctionUpdatedEvent', { fields: t.array(t.string) });

/**
 * From `AuctionSettled`. Public, so only the final price and the winner travel; the amounts
 * owed (commission, payout, premium) stay in the seller's and buyer's views.
 */
export const AuctionSettledEvent = event('AuctionSettledEvent', { winnerId: nullable(Uuid), finalPrice: Amount });

export const AuctionCancelledEvent = event('AuctionCancelledEvent', {});
