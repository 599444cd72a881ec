/** A node of the category tree (seed 000: categories with a parent and an order). */
export interface Category {
  /** Short stable text (a slug or a UUID), at most 64 characters. */
  readonly id: string;
  readonly parentId: string | null;
  readonly name: string;
  readonly description: string | null;
  readonly sortOrder: number;
}

/** The category tree, flat. Categories are few and change rarely; callers may cache. */
export interface CategoryRepository {
  /** Every category, ordered by `sortOrder` then name. */
  all(): Promise<Category[]>;
  /** Inserts or replaces (seeding, admin tooling). The parent must exist. */
  save(category: Category): Promise<void>;
}
