import type { AuctionEvent, AuctionType, AuctionView, PersonalNotice, PlaceBidOutput } from '@gavel/core';
import type { ServerEventName } from '@gavel/contracts';
import * as gateway from '@gavel/socketio';

/**
 * The realtime mapping is the gateway's own code (`@gavel/socketio`); these wrappers keep the
 * loose shape the codec tests read fields from. Room events never name bidders (forward auctions
 * too), so `type` no longer changes anything.
 */
export interface WireEvent {
  readonly name: ServerEventName;
  readonly payload: Readonly<Record<string, unknown>>;
}

export const roomEventOf = (event: AuctionEvent, _type?: AuctionType): WireEvent => gateway.roomEventOf(event);

/** What a `user:<id>` room sees for a personal notice: it keeps the stream event's seq. */
export const personalEventOf = (n: PersonalNotice): WireEvent => gateway.personalEventOf(n);

/** The snapshot a subscribing socket gets: the viewer's view plus the event fields. */
export const snapshotOf = (view: AuctionView): WireEvent => gateway.snapshotOf(view);

/** `POST /bids/place` data built from the core's answer. */
export const placeBidDataOf = (out: PlaceBidOutput) => ({
  id: out.bid.id,
  auctionId: out.bid.auctionId,
  bidAmount: out.bid.amount,
  status: 'success',
  timestamp: out.auction.serverTime,
  leading: out.leading,
  isAuto: out.bid.isAuto,
  maxAmount: out.bid.maxAmount,
  currentPrice: out.auction.currentPrice,
  minNextBid: out.auction.minNextBid,
  endTime: out.auction.endTime,
  extended: out.extended,
  autoBids: out.autoBids,
});
