import type { AuctionState } from '../auction/auction-state';
import { canSee } from '../auction/auction-view';
import type { Viewer } from '../auction/viewer';
import type { AuctionCatalog, Slice } from '../ports/auction-catalog.port';
import type { CategoryRepository } from '../ports/category.repository.port';
import type { Clock } from '../ports/clock.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { UserRepository } from '../ports/user.repository.port';
import type { UserDirectory } from '../ports/user-directory.port';
import type { Watchlist } from '../ports/watchlist.port';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';

/** The read side and the personal lists: ports only, like every use case. */
export interface MarketplaceDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly catalog: AuctionCatalog;
  readonly categories: CategoryRepository;
  readonly watchlist: Watchlist;
  readonly directory: UserDirectory;
  /**
   * Optional: reads a user outside any unit of work, for `resolveActor` (the bearer check of
   * every authenticated request), which otherwise opens a unit of work for its one read.
   */
  readonly users?: Pick<UserRepository, 'get'>;
}

/** SPEC "Lists": `data: { items, pagination: { page, limit, total, pages } }`. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly pagination: { readonly page: number; readonly limit: number; readonly total: number; readonly pages: number };
}

/** 1-based page; SPEC caps `limit` at 100. */
export interface PageRequest {
  readonly page: number;
  readonly limit: number;
}

export const MAX_PAGE_LIMIT = 100;

/** The slice a page covers, or VALIDATION_ERROR with the offending fields. */
export const sliceOf = (page: PageRequest): Result<Slice> => {
  const problems: Record<string, string> = {};
  if (!Number.isSafeInteger(page.page) || page.page < 1) problems.page = 'must be an integer of at least 1';
  if (!Number.isSafeInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_LIMIT) {
    problems.limit = `must be an integer from 1 to ${MAX_PAGE_LIMIT}`;
  }
  if (Object.keys(problems).length > 0) return fail('VALIDATION_ERROR', 'Invalid page', problems);
  return ok({ offset: (page.page - 1) * page.limit, limit: page.limit });
};

export const pageOf = <T>(items: readonly T[], page: PageRequest, total: number): Page<T> => ({
  items,
  pagination: { page: page.page, limit: page.limit, total, pages: Math.ceil(total / page.limit) },
});

/** The auctions among `ids` that exist and the viewer may see, keyed by id. */
export const visibleStates = async (
  catalog: AuctionCatalog,
  ids: readonly AuctionId[],
  viewer: Viewer,
): Promise<Map<AuctionId, AuctionState>> => {
  const found = ids.length === 0 ? [] : await catalog.getMany(ids);
  return new Map(found.filter((s) => canSee(s, viewer)).map((s) => [s.id, s]));
};
