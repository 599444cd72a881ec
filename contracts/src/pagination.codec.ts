import * as t from 'io-ts';
import { NonNegativeInt, PositiveInt, refine } from './primitives.codec';
import { IntFromString } from './query.codec';

/** SPEC, "Lists": `?page=1&limit=20`, limit at most 100. */
export const DEFAULT_PAGE = 1;
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 100;

export const PageNumber = refine(IntFromString, (n) => n >= 1, 'PageNumber');
export const PageLimit = refine(IntFromString, (n) => n >= 1 && n <= MAX_LIMIT, 'PageLimit');

/** Both optional: the adapter applies DEFAULT_PAGE and DEFAULT_LIMIT. */
export const PaginationQueryProps = { page: PageNumber, limit: PageLimit };
export const PaginationQuery = t.exact(t.partial(PaginationQueryProps), 'PaginationQuery');
export type PaginationQuery = t.TypeOf<typeof PaginationQuery>;

export const PaginationMeta = t.strict(
  { page: PositiveInt, limit: PositiveInt, total: NonNegativeInt, pages: NonNegativeInt },
  'PaginationMeta',
);
export type PaginationMeta = t.TypeOf<typeof PaginationMeta>;

/** `data` of every list response: `{ items, pagination: { page, limit, total, pages } }`. */
export const Paginated = <C extends t.Mixed>(item: C) =>
  t.strict({ items: t.array(item), pagination: PaginationMeta }, `Paginated<${item.name}>`);
