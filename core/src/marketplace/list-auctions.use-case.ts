import type { AuctionStatus, AuctionType } from '../auction/auction-state';
import { type AuctionView, viewAuction } from '../auction/auction-view';
import { isAdmin, type Viewer } from '../auction/viewer';
import type { AuctionFilter, AuctionSortKey } from '../ports/auction-catalog.port';
import type { Category } from '../ports/category.repository.port';
import type { UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import { type MarketplaceDeps, type Page, type PageRequest, pageOf, sliceOf } from './marketplace-deps';

export interface AuctionListFilter {
  readonly status?: AuctionStatus;
  readonly type?: AuctionType;
  /** The category and every category below it. */
  readonly categoryId?: string;
  readonly sellerId?: UserId;
  readonly text?: string;
  readonly minPrice?: number;
  readonly maxPrice?: number;
}

export interface ListAuctionsInput {
  readonly viewer: Viewer;
  readonly filter: AuctionListFilter;
  /** Default `ending_soon`. */
  readonly sort?: AuctionSortKey;
  readonly page: PageRequest;
}

/** `categoryId` and all its descendants, in no order; empty when it is unknown. */
export const categoryWithDescendants = (all: readonly Category[], categoryId: string): string[] => {
  if (!all.some((c) => c.id === categoryId)) return [];
  const found = new Set([categoryId]);
  // Breadth first over the flat list; the set also stops a (corrupt) cycle.
  for (let frontier = [categoryId]; frontier.length > 0; ) {
    const next = all.filter((c) => c.parentId !== null && frontier.includes(c.parentId) && !found.has(c.id)).map((c) => c.id);
    next.forEach((id) => found.add(id));
    frontier = next;
  }
  return [...found];
};

const priceProblems = (f: AuctionListFilter): Record<string, string> => {
  const p: Record<string, string> = {};
  const amount = (n: number | undefined) => n === undefined || (Number.isSafeInteger(n) && n >= 0);
  if (!amount(f.minPrice)) p.minPrice = 'must be a non-negative integer amount';
  if (!amount(f.maxPrice)) p.maxPrice = 'must be a non-negative integer amount';
  if (Object.keys(p).length === 0 && f.minPrice !== undefined && f.maxPrice !== undefined && f.minPrice > f.maxPrice) {
    p.minPrice = 'must not exceed maxPrice';
  }
  return p;
};

/**
 * `GET /auctions`: filters, sorts and pages over the catalog. Auctions never published stay
 * private: a user's listing adds its own, an admin's adds everyone's, a visitor's none.
 */
export class ListAuctions {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: ListAuctionsInput): Promise<Result<Page<AuctionView>>> {
    const slice = sliceOf(input.page);
    if (!slice.ok) return slice;
    const problems = priceProblems(input.filter);
    if (Object.keys(problems).length > 0) return fail('VALIDATION_ERROR', 'Invalid price range', problems);
    const { categoryId, text, ...rest } = input.filter;
    let categoryIds: string[] | undefined;
    if (categoryId !== undefined) {
      categoryIds = categoryWithDescendants(await this.deps.categories.all(), categoryId);
      // An unknown category holds nothing: an empty page, as any filter matching nothing.
      if (categoryIds.length === 0) return ok(pageOf([], input.page, 0));
    }
    const trimmed = text?.trim();
    const filter: AuctionFilter = {
      ...rest,
      ...(categoryIds ? { categoryIds } : {}),
      ...(trimmed ? { text: trimmed } : {}),
      unpublishedOf: isAdmin(input.viewer) ? 'all' : input.viewer.userId,
    };
    const found = await this.deps.catalog.search(filter, input.sort ?? 'ending_soon', slice.value);
    const now = this.deps.clock.now();
    return ok(pageOf(found.items.map((s) => viewAuction(s, input.viewer, now)), input.page, found.total));
  }
}
