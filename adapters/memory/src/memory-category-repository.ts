import type { Category, CategoryRepository } from '@gavel/core';
import type { MemoryState } from './memory-state';

/** The category tree in a `MemoryState`; refuses an unknown parent as a foreign key would. */
export class MemoryCategoryRepository implements CategoryRepository {
  constructor(private readonly db: MemoryState) {}

  async all(): Promise<Category[]> {
    return [...this.db.categories.values()].sort(
      // Names compare without case, as the SQL adapters do (`LOWER(name)`), then by id.
      (a, b) => a.sortOrder - b.sortOrder || compare(a.name.toLowerCase(), b.name.toLowerCase()) || compare(a.id, b.id),
    );
  }

  async save(category: Category): Promise<void> {
    if (category.parentId !== null && !this.db.categories.has(category.parentId)) {
      throw new Error(`category ${category.id}: parent ${category.parentId} does not exist`);
    }
    this.db.categories.set(category.id, { ...category });
  }
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
