import * as t from 'io-ts';
import { AuctionView } from './auction-views.codec';
import { PersonName } from './auth.codec';
import { PaginationQueryProps } from './pagination.codec';
import { Amount, CurrencyCode, IsoDateTime, nullable, PositiveInt, Uuid } from './primitives.codec';

export const MAX_STATUS_IDS = 50;

/** `?ids=a,b,c`: 1 to 50 distinct UUIDs separated by commas. */
export const UuidList = new t.Type<string[], string, unknown>(
  'UuidList',
  (u): u is string[] => Array.isArray(u) && u.every((x) => Uuid.is(x)),
  (u, c) => {
    if (typeof u !== 'string') return t.failure(u, c);
    const ids = u.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    const distinct = new Set(ids);
    return ids.length >= 1 && ids.length <= MAX_STATUS_IDS && distinct.size === ids.length && ids.every((x) => Uuid.is(x))
      ? t.success(ids)
      : t.failure(u, c);
  },
  (ids) => ids.join(','),
);

export const AuctionStatusesQuery = t.strict({ ids: UuidList }, 'AuctionStatusesQuery');
export type AuctionStatusesQuery = t.TypeOf<typeof AuctionStatusesQuery>;

/** `GET /auctions/:id/bids`: a page of the history, newest first. */
export const BidHistoryQuery = t.exact(t.partial(PaginationQueryProps), 'BidHistoryQuery');

export const PricePoint = t.strict({ ordinal: PositiveInt, at: IsoDateTime, price: Amount, isAuto: t.boolean }, 'PricePoint');

/** `GET /auctions/:id/price-history`: one point per bid that moved the price, in order. */
export const PriceHistoryView = t.strict(
  { auctionId: Uuid, currency: CurrencyCode, startingPrice: Amount, currentPrice: nullable(Amount), points: t.array(PricePoint) },
  'PriceHistoryView',
);
export type PriceHistoryView = t.TypeOf<typeof PriceHistoryView>;

export const BidderStanding = t.keyof({ winning: null, outbid: null, won: null, lost: null }, 'BidderStanding');
export type BidderStanding = t.TypeOf<typeof BidderStanding>;

/** `GET /bids/mine?standing=winning|outbid|won|lost&page&limit`. */
export const MyBidsQuery = t.exact(t.partial({ standing: BidderStanding, ...PaginationQueryProps }), 'MyBidsQuery');
export type MyBidsQuery = t.TypeOf<typeof MyBidsQuery>;

/** An auction the caller bid on, and how it stands there. `myBestBid`: highest (reverse: lowest). */
export const MyBidView = t.strict(
  { auction: AuctionView, standing: BidderStanding, myBestBid: Amount, myBidCount: PositiveInt, lastBidAt: IsoDateTime },
  'MyBidView',
);
export type MyBidView = t.TypeOf<typeof MyBidView>;

export interface CategoryNode {
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly description: string | null;
  readonly sortOrder: number;
  readonly children: readonly CategoryNode[];
}

/** `GET /categories`: the tree, roots first. */
export const CategoryNode: t.Type<CategoryNode> = t.recursion('CategoryNode', () =>
  t.readonly(
    t.strict({
      id: t.string,
      parentId: nullable(t.string),
      name: t.string,
      description: nullable(t.string),
      sortOrder: t.number,
      children: t.readonlyArray(CategoryNode),
    }),
  ),
);

export const WatchRequest = t.strict({ auctionId: Uuid }, 'WatchRequest');
export type WatchRequest = t.TypeOf<typeof WatchRequest>;

export const WatchView = t.strict({ auctionId: Uuid, addedAt: IsoDateTime, auction: AuctionView }, 'WatchView');
export type WatchView = t.TypeOf<typeof WatchView>;

export const UnwatchResponseData = t.strict({ auctionId: Uuid, removed: t.literal(true) }, 'UnwatchResponseData');

/** `PUT /users/me`: what a user may change of itself (`null` clears the name). */
export const UpdateProfileRequest = t.exact(t.partial({ name: nullable(PersonName) }), 'UpdateProfileRequest');
export type UpdateProfileRequest = t.TypeOf<typeof UpdateProfileRequest>;

export const LogoutRequest = t.strict({ refreshToken: t.string }, 'LogoutRequest');
export const LogoutResponseData = t.strict({ loggedOut: t.literal(true) }, 'LogoutResponseData');

/** `GET /health` and `GET /ready`. */
export const HealthData = t.strict({ status: t.keyof({ ok: null, unavailable: null }) }, 'HealthData');

