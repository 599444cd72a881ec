import type { Knex } from 'knex';
import * as initial from './001-initial-schema';
import * as listingPrice from './002-listing-price';
import * as notifications from './003-notifications';

const MIGRATIONS: Readonly<Record<string, Knex.Migration>> = {
  '001-initial-schema': initial,
  '002-listing-price': listingPrice,
  '003-notifications': notifications,
};

/**
 * Migrations live in code, not in files knex finds by path: they run the same from `src` under
 * jest, from `dist`, and from an app bundle.
 */
export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(MIGRATIONS).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => MIGRATIONS[name]!,
};

export const migrateLatest = (knex: Knex) => knex.migrate.latest({ migrationSource });
