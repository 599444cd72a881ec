import { AuctionIdParam, Paginated, PaginationQuery, UnwatchResponseData, WatchRequest, WatchView } from '@gavel/contracts';
import { AuctionId } from '@gavel/core';
import type { HttpDeps } from '../http-deps';
import { type AnyRoute, route } from '../route';
import { mapOk, pageRequest } from './route-support';

/** The caller's watchlist; watching twice is not an error (200 with the existing entry). */
export const watchlistRoutes = ({ marketplace }: HttpDeps): AnyRoute[] => {
  const created = new WeakSet<object>();
  return [
    route({
      operationId: 'watchAuction', method: 'post', path: '/watchlist', tag: 'watchlist', auth: 'required',
      summary: 'Watch an auction (201; 200 when already watched)',
      body: WatchRequest, response: WatchView, status: 201, created: (v) => created.has(v), errors: ['AUCTION_NOT_FOUND'],
      handle: async ({ actor, body }) => mapOk(await marketplace.watch.execute({ actor: actor!, auctionId: AuctionId(body.auctionId) }), (r) => {
        if (r.created) created.add(r.entry);
        return r.entry;
      }),
    }),
    route({
      operationId: 'unwatchAuction', method: 'delete', path: '/watchlist/:auctionId', tag: 'watchlist', auth: 'required',
      summary: 'Stop watching an auction', params: AuctionIdParam, response: UnwatchResponseData, status: 200, errors: ['NOT_FOUND'],
      handle: ({ actor, params }) => marketplace.unwatch.execute({ actor: actor!, auctionId: AuctionId(params.auctionId) }),
    }),
    route({
      operationId: 'getWatchlist', method: 'get', path: '/watchlist', tag: 'watchlist', auth: 'required',
      summary: 'The caller\'s watched auctions, newest first', query: PaginationQuery, response: Paginated(WatchView), status: 200, errors: [],
      handle: ({ actor, query }) => marketplace.watchlist.execute({ actor: actor!, page: pageRequest(query) }),
    }),
    route({
      operationId: 'getWatchEntry', method: 'get', path: '/watchlist/:auctionId', tag: 'watchlist', auth: 'required',
      summary: 'Whether the caller watches an auction (404 when not)', params: AuctionIdParam, response: WatchView, status: 200, errors: ['NOT_FOUND'],
      handle: ({ actor, params }) => marketplace.watchEntry.execute({ actor: actor!, auctionId: AuctionId(params.auctionId) }),
    }),
  ];
};
