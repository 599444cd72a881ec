import { type AuctionEvent, type AuctionType, type AuctionView, type PersonalNotice, type PlaceBidOutput, toIso, type UserId } from '@gavel/core';
import type { ServerEventName } from '@gavel/contracts';

/**
 * How an adapter would turn core outputs into wire payloads; the tests decode the results with
 * the codecs of `contracts` to prove the two fit. Not the adapters' code: a reference mapping.
 */
export interface WireEvent {
  readonly name: ServerEventName;
  readonly payload: Readonly<Record<string, unknown>>;
}

const unreachable = (value: never): never => {
  throw new Error(`unmapped event ${JSON.stringify(value)}`);
};

/** What the `auction:<id>` room sees; a reverse auction hides identities from the public (seed 002). */
export const roomEventOf = (event: AuctionEvent, type: AuctionType): WireEvent => {
  const base = { auctionId: event.auctionId, seq: event.seq, timestamp: toIso(event.occurredAt) };
  const who = (id: UserId | null) => (type === 'forward' ? id : null);
  switch (event.type) {
    case 'AuctionCreated':
      return { name: 'auction_created', payload: { ...base, ...event.payload } };
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
          ...base, currentPrice: p.currentPrice, bidCount: p.bidCount, leaderId: who(p.leaderId), previousLeaderId: who(p.previousLeaderId),
          reserveMet: p.reserveMet, minNextBid: p.minNextBid, buyNowAvailable: p.buyNowAvailable, endTime: toIso(p.endTime),
          bids: p.bids.map((b) => ({ id: b.id, bidderId: who(b.bidderId), amount: b.amount, kind: b.kind, isAuto: b.kind === 'auto' })),
        },
      };
    }
    case 'AuctionExtended':
      return { name: 'auction_extended', payload: { ...base, previousEndTime: toIso(event.payload.previousEndTime), endTime: toIso(event.payload.endTime) } };
    case 'AuctionEnded': {
      const { outcome, via, winnerId, finalPrice, bidCount } = event.payload;
      return { name: 'auction_ended', payload: { ...base, outcome, via, winnerId: who(winnerId), finalPrice, bidCount } };
    }
    case 'AuctionSettled': {
      const s = event.payload.settlement;
      return { name: 'auction_settled', payload: { ...base, winnerId: who(type === 'forward' ? s.buyerId : s.payeeId), finalPrice: s.finalPrice } };
    }
    case 'AuctionCancelled':
      return { name: 'auction_cancelled', payload: base };
    default:
      return unreachable(event);
  }
};

/** What a `user:<id>` room sees for a personal notice: it keeps the stream event's seq. */
export const personalEventOf = (n: PersonalNotice): WireEvent => {
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

/** The snapshot a subscribing socket gets: the viewer's view plus the event fields. */
export const snapshotOf = (view: AuctionView): WireEvent => ({
  name: 'auction_snapshot',
  payload: { ...view, auctionId: view.id, timestamp: view.serverTime },
});

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
