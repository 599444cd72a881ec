import type { Category, CategoryRepository } from '@gavel/core';
import type { Knex } from 'knex';
import { safeNumber } from './connection';

type Row = Record<string, unknown>;

const category = (r: Row): Category => ({
  id: String(r.id),
  parentId: r.parent_id === null || r.parent_id === undefined ? null : String(r.parent_id),
  name: String(r.name),
  description: r.description === null || r.description === undefined ? null : String(r.description),
  sortOrder: safeNumber(r.sort_order),
});

/** The `categories` table; the parent's foreign key refuses an unknown parent. */
export class KnexCategoryRepository implements CategoryRepository {
  constructor(private readonly knex: Knex) {}

  async all(): Promise<Category[]> {
    // LOWER(name): SQLite compares bytes, MariaDB without case; this orders alike everywhere.
    const rows = await this.knex('categories').select('*').orderBy('sort_order').orderByRaw('LOWER(name)').orderBy('id');
    return rows.map(category);
  }

  async save(c: Category): Promise<void> {
    const row = { id: c.id, parent_id: c.parentId, name: c.name, description: c.description, sort_order: c.sortOrder };
    const { id: _id, ...update } = row;
    await this.knex('categories').insert(row).onConflict('id').merge(update);
  }
}
