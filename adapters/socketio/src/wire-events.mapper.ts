import { type AuctionEvent, type AuctionView, type PersonalNotice, toIso } from '@gavel/core';
import type { PERSONAL_EVENT_NAMES, ROOM_EVENT_NAMES, ServerEventName, ServerToClientEvents } from '@gavel/contracts';

type DeepReadonly<T> = T extends readonly (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The wire shape (codec output) of one server → client event; read-only, as core values are. */
export type WirePayload<N extends ServerEventName> = DeepReadonly<Parameters<ServerToClientEvents[N]>[0]>;

/** An event as it goes out: its Socket.IO name and its payload, typed together. */
export type WireEvent = { [N in ServerEventName]: { readonly name: N; readonly payload: WirePayload<N> } }[ServerEventName];
export type RoomWireEvent = Extract<WireEvent, { name: (typeof ROOM_EVENT_NAMES)[number] }>;
export type PersonalWireEvent = Extract<WireEvent, { name: (typeof PERSONAL_EVENT_NAMES)[number] }>;

const unreachable = (value: never): never => {
  throw new Error(`unmapped event ${JSON.stringify(value)}`);
};

/**
 * What the `auction:<id>` room sees for a stream event. The room is public (anyone may watch),
 * so bidder identities (leader, previous leader, bid rows, winner) never travel in it, on forward
 * auctions too (the lead's decision, like the core's views): a bidder learns its own standing
 * from its personal events and its own snapshot.
 */
export const roomEventOf = (event: AuctionEvent): RoomWireEvent => {
  const base = { auctionId: event.auctionId, seq: event.seq, timestamp: toIso(event.occurredAt) };
  switch (event.type) {
    case 'AuctionCreated':
      return { name: 'auction_created', payload: { ...base, sellerId: event.payload.sellerId, status: event.payload.status } };
    case 'AuctionUpdated':
      return { name: 'auction_updated', payload: { ...base, fields: [...event.payload.fields] } };
    case 'AuctionPublished': {
      const { status, startTime, endTime } = event.payload;
      return { name: 'auction_published', payload: { ...base, status, startTime: toIso(startTime), endTime: toIso(endTime) } };
    }
    case 'AuctionStarted':
      return { name: 'auction_started', payload: { ...base, endTime: toIso(event.payload.endTime) } };
    case 'BidPlaced': {
      const p = event.payload;
      return {
        name: 'bid_update',
        payload: {
          ...base, currentPrice: p.currentPrice, bidCount: p.bidCount, leaderId: null, previousLeaderId: null,
          reserveMet: p.reserveMet, minNextBid: p.minNextBid, buyNowAvailable: p.buyNowAvailable, endTime: toIso(p.endTime),
          bids: p.bids.map((b) => ({ id: b.id, bidderId: null, amount: b.amount, kind: b.kind, isAuto: b.kind === 'auto' })),
        },
      };
    }
    case 'AuctionExtended':
      return {
        name: 'auction_extended',
        payload: { ...base, previousEndTime: toIso(event.payload.previousEndTime), endTime: toIso(event.payload.endTime) },
      };
    case 'AuctionEnded': {
      const { outcome, via, finalPrice, bidCount } = event.payload;
      return { name: 'auction_ended', payload: { ...base, outcome, via, winnerId: null, finalPrice, bidCount } };
    }
    case 'AuctionSettled':
      return { name: 'auction_settled', payload: { ...base, winnerId: null, finalPrice: event.payload.settlement.finalPrice } };
    case 'AuctionCancelled':
      return { name: 'auction_cancelled', payload: base };
    default:
      return unreachable(event);
  }
};

/** What a `user:<id>` room sees for a personal notice: it keeps the stream event's seq. */
export const personalEventOf = (n: PersonalNotice): PersonalWireEvent => {
  const base = { auctionId: n.auctionId, seq: n.seq, timestamp: toIso(n.occurredAt), userId: n.userId };
  switch (n.kind) {
    case 'outbid':
      return { name: 'outbid', payload: { ...base, currentPrice: n.currentPrice, minNextBid: n.minNextBid } };
    case 'won':
      return { name: 'auction_won', payload: { ...base, finalPrice: n.finalPrice } };
    case 'lost':
      return { name: 'auction_lost', payload: { ...base, outcome: n.outcome, finalPrice: n.finalPrice } };
    default:
      return unreachable(n);
  }
};

/** The snapshot a subscribing socket gets: the auction as that viewer sees it, plus the event fields. */
export const snapshotOf = (view: AuctionView): Extract<WireEvent, { name: 'auction_snapshot' }> => ({
  name: 'auction_snapshot',
  payload: { ...view, auctionId: view.id, timestamp: view.serverTime },
});
