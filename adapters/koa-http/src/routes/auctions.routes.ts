import {
  AuctionListQuery, AuctionView, CreateAuctionRequest, IdParam, Paginated, UpdateAuctionRequest,
} from '@gavel/contracts';
import { AuctionId, UserId } from '@gavel/core';
import type { HttpDeps } from '../http-deps';
import { type AnyRoute, route } from '../route';
import { patchOf, termsOf } from './auction-terms.mapping';
import { pageRequest } from './route-support';

const id = (p: IdParam) => AuctionId(p.id);

/** Create, list, view, edit, and the lifecycle commands of auctions. */
export const auctionRoutes = ({ gavel, marketplace }: HttpDeps): AnyRoute[] => [
  route({
    operationId: 'createAuction', method: 'post', path: '/auctions', tag: 'auctions', auth: 'required', idempotent: true,
    summary: 'Create an auction: a draft, or published at once with `publish: true`',
    description: 'Publishing without a future `startTime` makes it LIVE at once; with one it is SCHEDULED. ' +
      'Only admins may set `commissionBps`. Unknown fields (sellerId, status, currentPrice...) are ignored.',
    body: CreateAuctionRequest, response: AuctionView, status: 201,
    errors: ['FORBIDDEN', 'ACCOUNT_INACTIVE'],
    handle: ({ actor, body }) => gavel.createAuction.execute({ actor: actor!, terms: termsOf(body), ...(body.publish !== undefined ? { publish: body.publish } : {}) }),
  }),
  route({
    operationId: 'listAuctions', method: 'get', path: '/auctions', tag: 'auctions', auth: 'optional',
    summary: 'List auctions with filters, a sort and pages',
    description: 'Filters: status, type, categoryId (with its subcategories), sellerId, q (text in title or description), ' +
      'minPrice/maxPrice (current price, or starting price before any bid). Sorts: ending_soon (default), newest, ' +
      'price_asc, price_desc, most_bids. Drafts are listed only to their seller and admins.',
    query: AuctionListQuery, response: Paginated(AuctionView), status: 200, errors: [],
    handle: ({ viewer, query }) => marketplace.listAuctions.execute({
      viewer,
      filter: {
        ...(query.status !== undefined ? { status: query.status } : {}),
        ...(query.type !== undefined ? { type: query.type } : {}),
        ...(query.categoryId !== undefined ? { categoryId: query.categoryId } : {}),
        ...(query.sellerId !== undefined ? { sellerId: UserId(query.sellerId) } : {}),
        ...(query.q !== undefined ? { text: query.q } : {}),
        ...(query.minPrice !== undefined ? { minPrice: query.minPrice } : {}),
        ...(query.maxPrice !== undefined ? { maxPrice: query.maxPrice } : {}),
      },
      ...(query.sort !== undefined ? { sort: query.sort } : {}),
      page: pageRequest(query),
    }),
  }),
  route({
    operationId: 'getAuction', method: 'get', path: '/auctions/:id', tag: 'auctions', auth: 'optional',
    summary: 'One auction as the caller may see it',
    description: 'The reserve price is shown to the seller and admins only; everyone sees `reserveMet`.',
    params: IdParam, response: AuctionView, status: 200, errors: ['AUCTION_NOT_FOUND'],
    handle: ({ viewer, params }) => gavel.getAuction.execute({ auctionId: id(params), viewer }),
  }),
  route({
    operationId: 'editAuction', method: 'patch', path: '/auctions/:id', tag: 'auctions', auth: 'required',
    summary: 'Edit an auction (its seller or an admin); restricted once bid on',
    params: IdParam, body: UpdateAuctionRequest, response: AuctionView, status: 200,
    errors: ['AUCTION_NOT_FOUND', 'FORBIDDEN', 'ACCOUNT_INACTIVE', 'AUCTION_HAS_BIDS', 'INVALID_STATE'],
    handle: ({ actor, params, body }) => gavel.editAuction.execute({ auctionId: id(params), actor: actor!, patch: patchOf(body) }),
  }),
  route({
    operationId: 'publishAuction', method: 'post', path: '/auctions/:id/publish', tag: 'auctions', auth: 'required',
    summary: 'Publish a draft: LIVE at once, or SCHEDULED until its start time',
    params: IdParam, response: AuctionView, status: 200,
    errors: ['AUCTION_NOT_FOUND', 'FORBIDDEN', 'ACCOUNT_INACTIVE', 'INVALID_STATE'],
    handle: ({ actor, params }) => gavel.publishAuction.execute({ auctionId: id(params), actor: actor! }),
  }),
  route({
    operationId: 'cancelAuction', method: 'post', path: '/auctions/:id/cancel', tag: 'auctions', auth: 'required',
    summary: 'Cancel a draft, a scheduled auction, or a live one without bids',
    params: IdParam, response: AuctionView, status: 200,
    errors: ['AUCTION_NOT_FOUND', 'FORBIDDEN', 'ACCOUNT_INACTIVE', 'AUCTION_HAS_BIDS', 'INVALID_STATE'],
    handle: ({ actor, params }) => gavel.cancelAuction.execute({ auctionId: id(params), actor: actor! }),
  }),
  route({
    operationId: 'buyNow', method: 'post', path: '/auctions/:id/buy-now', tag: 'auctions', auth: 'required',
    idempotent: true, rateLimit: 'bid',
    summary: 'Buy at the buy-now price: the auction ends SOLD at once',
    params: IdParam, response: AuctionView, status: 200,
    errors: ['AUCTION_NOT_FOUND', 'AUCTION_NOT_LIVE', 'BID_AFTER_END', 'BUY_NOW_UNAVAILABLE', 'CANNOT_BID_OWN_AUCTION', 'ACCOUNT_INACTIVE', 'RATE_LIMIT_EXCEEDED'],
    handle: ({ actor, params, request }) => gavel.buyNow.execute({
      auctionId: id(params), buyerId: actor!.userId, ip: request.ip, deviceFingerprint: request.deviceId,
    }),
  }),
];
