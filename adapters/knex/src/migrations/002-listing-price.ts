import type { Knex } from 'knex';

/**
 * The price a listing filters and sorts on is `COALESCE(current_price, starting_price)`. An
 * expression cannot use `idx_auctions_status_price`, and MariaDB has no expression indexes, so
 * the price becomes a generated column every dialect can index. The database computes it: no
 * writer (the adapter, a raw bench, an operator's UPDATE) can leave it stale. SQLite can only
 * add a VIRTUAL generated column to an existing table, which it indexes all the same.
 */
const PRICE = 'COALESCE(current_price, starting_price)';

export const up = async (knex: Knex): Promise<void> => {
  const client = knex.client.config.client as string;
  const kind = client === 'better-sqlite3' || client === 'sqlite3' ? 'VIRTUAL' : 'STORED';
  await knex.raw(`ALTER TABLE auctions ADD COLUMN listing_price BIGINT GENERATED ALWAYS AS (${PRICE}) ${kind}`);
  // The primary key last: `WHERE status = ? ORDER BY listing_price, id` reads the index in order.
  await knex.schema.alterTable('auctions', (t) => {
    t.index(['status', 'listing_price', 'id'], 'idx_auctions_status_listing_price');
  });
};

export const down = async (knex: Knex): Promise<void> => {
  await knex.schema.alterTable('auctions', (t) => {
    t.dropIndex(['status', 'listing_price', 'id'], 'idx_auctions_status_listing_price');
  });
  await knex.raw('ALTER TABLE auctions DROP COLUMN listing_price');
};
