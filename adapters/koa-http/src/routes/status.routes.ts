import { AuctionStatusesQuery, AuctionStatusView, IdParam, PriceHistoryView } from '@gavel/contracts';
import { AuctionId } from '@gavel/core';
import * as t from 'io-ts';
import type { HttpDeps } from '../http-deps';
import { type AnyRoute, route } from '../route';

/** For polling clients: live status (with `serverTime` and `timeRemaining`), several at once, chart data. */
export const statusRoutes = ({ marketplace }: HttpDeps): AnyRoute[] => [
  route({
    operationId: 'getAuctionStatus', method: 'get', path: '/auctions/:id/status', tag: 'status', auth: 'optional',
    summary: 'The live part of an auction', params: IdParam, response: AuctionStatusView, status: 200, errors: ['AUCTION_NOT_FOUND'],
    handle: ({ viewer, params }) => marketplace.getStatus.execute({ viewer, auctionId: AuctionId(params.id) }),
  }),
  route({
    operationId: 'getAuctionStatuses', method: 'get', path: '/auction-status', tag: 'status', auth: 'optional',
    summary: 'The live part of up to 50 auctions (`?ids=a,b`); unknown ids are left out',
    query: AuctionStatusesQuery, response: t.array(AuctionStatusView), status: 200, errors: [],
    handle: ({ viewer, query }) => marketplace.getStatuses.execute({ viewer, ids: query.ids.map(AuctionId) }),
  }),
  route({
    operationId: 'getPriceHistory', method: 'get', path: '/auctions/:id/price-history', tag: 'status', auth: 'optional',
    summary: 'Price after each bid, for charts', params: IdParam, response: PriceHistoryView, status: 200, errors: ['AUCTION_NOT_FOUND'],
    handle: ({ viewer, params }) => marketplace.getPriceHistory.execute({ viewer, auctionId: AuctionId(params.id) }),
  }),
];
