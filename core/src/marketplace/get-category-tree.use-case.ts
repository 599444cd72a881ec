import type { Category } from '../ports/category.repository.port';
import { ok, type Result } from '../shared/result';
import type { MarketplaceDeps } from './marketplace-deps';

export interface CategoryNode extends Category {
  readonly children: readonly CategoryNode[];
}

/**
 * Nests the flat list, keeping its order among siblings. A category whose parent is missing is
 * shown as a root rather than lost; one caught in a (corrupt) cycle is unreachable and left out.
 */
export const categoryTree = (all: readonly Category[]): CategoryNode[] => {
  const known = new Set(all.map((c) => c.id));
  const childrenOf = new Map<string | null, Category[]>();
  for (const c of all) {
    const parent = c.parentId !== null && known.has(c.parentId) ? c.parentId : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), c]);
  }
  const build = (c: Category): CategoryNode => ({
    id: c.id, parentId: c.parentId, name: c.name, description: c.description, sortOrder: c.sortOrder,
    children: (childrenOf.get(c.id) ?? []).map(build),
  });
  return (childrenOf.get(null) ?? []).map(build);
};

/** `GET /categories`: the tree, roots first. */
export class GetCategoryTree {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(): Promise<Result<CategoryNode[]>> {
    return ok(categoryTree(await this.deps.categories.all()));
  }
}
