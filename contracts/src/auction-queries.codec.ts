import * as t from 'io-ts';
import { AuctionStatus, AuctionType } from './auction-parts.codec';
import { PaginationQueryProps } from './pagination.codec';
import { boundedString, Uuid, CategoryId } from './primitives.codec';
import { AmountFromString } from './query.codec';

export const AuctionSort = t.keyof(
  { ending_soon: null, newest: null, price_asc: null, price_desc: null, most_bids: null },
  'AuctionSort',
);
export type AuctionSort = t.TypeOf<typeof AuctionSort>;

export const SearchText = boundedString('SearchText', 1, 200);

/** `GET /auctions?...`: every filter optional; numbers arrive as query-string text. */
export const AuctionListQuery = t.exact(
  t.partial({
    status: AuctionStatus,
    type: AuctionType,
    categoryId: CategoryId,
    sellerId: Uuid,
    q: SearchText,
    minPrice: AmountFromString,
    maxPrice: AmountFromString,
    sort: AuctionSort,
    ...PaginationQueryProps,
  }),
  'AuctionListQuery',
);
export type AuctionListQuery = t.TypeOf<typeof AuctionListQuery>;

/** Path parameters: `/auctions/:id`, `/watchlist/:auctionId`. */
export const IdParam = t.strict({ id: Uuid }, 'IdParam');
export type IdParam = t.TypeOf<typeof IdParam>;
export const AuctionIdParam = t.strict({ auctionId: Uuid }, 'AuctionIdParam');
export type AuctionIdParam = t.TypeOf<typeof AuctionIdParam>;
