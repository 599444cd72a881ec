import type { SseAuctionUpdateEvent } from '@gavel/contracts';
import { type AuctionEvent, type AuctionStatusView, toIso } from '@gavel/core';
import type { Plain } from '../route';

export type AuctionUpdate = Plain<SseAuctionUpdateEvent>;

const unreachable = (value: never): never => {
  throw new Error(`unmapped event ${JSON.stringify(value)}`);
};

/**
 * A stream event as `auction_update` data: the Socket.IO room event's name and payload (the
 * codecs of `contracts`), for everyone alike, so no bidder identity travels (leaders, winners
 * and bid rows show `null`; a reverse auction's bidders are private, seed 002). A client that
 * needs its own standing asks `GET /auctions/:id`.
 */
export const auctionUpdateOf = (event: AuctionEvent): AuctionUpdate => {
  const base = { auctionId: event.auctionId, seq: event.seq, timestamp: toIso(event.occurredAt) };
  switch (event.type) {
    case 'AuctionCreated':
      return { type: 'auction_created', ...base, payload: { ...base, sellerId: event.payload.sellerId, status: event.payload.status } };
    case 'AuctionUpdated':
      return { type: 'auction_updated', ...base, payload: { ...base, fields: [...event.payload.fields] } };
    case 'AuctionPublished': {
      const { status, startTime, endTime } = event.payload;
      return { type: 'auction_published', ...base, payload: { ...base, status, startTime: toIso(startTime), endTime: toIso(endTime) } };
    }
    case 'AuctionStarted':
      return { type: 'auction_started', ...base, payload: { ...base, endTime: toIso(event.payload.endTime) } };
    case 'BidPlaced': {
      const p = event.payload;
      return {
        type: 'bid_update', ...base,
        payload: {
          ...base, currentPrice: p.currentPrice, bidCount: p.bidCount, leaderId: null, previousLeaderId: null, reserveMet: p.reserveMet,
          minNextBid: p.minNextBid, buyNowAvailable: p.buyNowAvailable, endTime: toIso(p.endTime),
          bids: p.bids.map((b) => ({ id: b.id, bidderId: null, amount: b.amount, kind: b.kind, isAuto: b.kind === 'auto' })),
        },
      };
    }
    case 'AuctionExtended':
      return {
        type: 'auction_extended', ...base,
        payload: { ...base, previousEndTime: toIso(event.payload.previousEndTime), endTime: toIso(event.payload.endTime) },
      };
    case 'AuctionEnded': {
      const { outcome, via, finalPrice, bidCount } = event.payload;
      return { type: 'auction_ended', ...base, payload: { ...base, outcome, via, winnerId: null, finalPrice, bidCount } };
    }
    case 'AuctionSettled':
      return { type: 'auction_settled', ...base, payload: { ...base, winnerId: null, finalPrice: event.payload.settlement.finalPrice } };
    case 'AuctionCancelled':
      return { type: 'auction_cancelled', ...base, payload: base };
    default:
      return unreachable(event);
  }
};

/** The first event of a stream that does not resume: the status view as the viewer sees it. */
export const auctionStatusUpdateOf = (view: AuctionStatusView): AuctionUpdate => ({
  type: 'auction_status', auctionId: view.id, seq: view.seq, timestamp: view.serverTime, payload: view,
});
