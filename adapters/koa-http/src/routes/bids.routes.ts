import { bidDetailsOf, BidHistoryQuery, BidView, IdParam, MyBidsQuery, MyBidView, Paginated, PlaceBidRequest, PlaceBidResponseData } from '@gavel/contracts';
import { AuctionId, type PlaceBidOutput } from '@gavel/core';
import type { HttpDeps } from '../http-deps';
import { type AnyRoute, type Plain, route } from '../route';
import { mapOk, pageRequest } from './route-support';

/** Seed 003's answer to a bid, and what a bidding screen needs next. */
const placed = (o: PlaceBidOutput, now: string): Plain<PlaceBidResponseData> => ({
  id: o.bid.id, auctionId: o.bid.auctionId, bidAmount: o.bid.amount, status: 'success', timestamp: now,
  leading: o.leading, isAuto: false, maxAmount: o.bid.maxAmount,
  currentPrice: o.auction.currentPrice ?? o.bid.amount, minNextBid: o.auction.minNextBid, endTime: o.auction.endTime,
  extended: o.extended, autoBids: o.autoBids,
});

export const bidRoutes = ({ gavel, marketplace }: HttpDeps): AnyRoute[] => [
  route({
    operationId: 'placeBid', method: 'post', path: '/bids/place', tag: 'bids', auth: 'required', idempotent: true, rateLimit: 'bid',
    summary: 'Place a bid; `max_amount` makes it a proxy bid',
    description: 'Retries with the same `Idempotency-Key` and body get the first answer; the bid is placed once.',
    body: PlaceBidRequest, response: PlaceBidResponseData, status: 201,
    errors: ['AUCTION_NOT_FOUND', 'AUCTION_NOT_LIVE', 'BID_AFTER_END', 'BID_TOO_LOW', 'BID_TOO_HIGH', 'CANNOT_BID_OWN_AUCTION',
      'ALREADY_HIGHEST_BIDDER', 'ACCOUNT_INACTIVE', 'RATE_LIMIT_EXCEEDED'],
    handle: async ({ actor, body, request }) => mapOk(
      await gavel.placeBid.execute({
        auctionId: AuctionId(body.auction_id), bidderId: actor!.userId, amount: body.bid_amount,
        maxAmount: body.max_amount ?? null, details: bidDetailsOf(body), ip: request.ip, deviceFingerprint: request.deviceId,
      }),
      (o) => placed(o, o.bid.placedAt),
    ),
  }),
  route({
    operationId: 'getBidHistory', method: 'get', path: '/auctions/:id/bids', tag: 'bids', auth: 'optional',
    summary: 'Bid history, newest first; bidder names masked for others (J***e)',
    params: IdParam, query: BidHistoryQuery, response: Paginated(BidView), status: 200, errors: ['AUCTION_NOT_FOUND'],
    handle: ({ viewer, params, query }) => marketplace.getBidHistory.execute({ viewer, auctionId: AuctionId(params.id), page: pageRequest(query) }),
  }),
  route({
    operationId: 'getMyBids', method: 'get', path: '/bids/mine', tag: 'bids', auth: 'required',
    summary: 'Auctions the caller bid on, and whether it is winning, outbid, won or lost',
    query: MyBidsQuery, response: Paginated(MyBidView), status: 200, errors: [],
    handle: ({ actor, query }) => marketplace.myBids.execute({ actor: actor!, standing: query.standing ?? null, page: pageRequest(query) }),
  }),
];
