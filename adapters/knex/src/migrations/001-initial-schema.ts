import type { Knex } from 'knex';

/**
 * The whole schema of seed 000 that Gavel keeps, in one migration for SQLite, PostgreSQL and
 * MySQL/MariaDB. Amounts are BIGINT minor units; ids are UUIDs (native `uuid` on PostgreSQL,
 * CHAR(36) elsewhere); times are UTC with milliseconds.
 */
const ts = (t: Knex.CreateTableBuilder, knex: Knex, name: string) => {
  const client = knex.client.config.client as string;
  // MySQL's TIMESTAMP ends in 2038; DATETIME(3) holds UTC because every session runs at +00:00.
  if (client === 'mysql2') return t.datetime(name, { precision: 3 });
  return t.timestamp(name, { useTz: true, precision: 3 });
};

const json = (t: Knex.CreateTableBuilder, knex: Knex, name: string) =>
  (knex.client.config.client as string) === 'pg' ? t.jsonb(name) : t.text(name, 'longtext');

export const up = async (knex: Knex): Promise<void> => {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary();
    t.string('username', 50).nullable().unique();
    t.string('email', 255).nullable().unique();
    t.string('password_hash', 100).nullable();
    t.string('name', 100).nullable();
    t.string('status', 12).notNullable().defaultTo('ACTIVE');
    t.string('role', 10).notNullable().defaultTo('user');
    json(t, knex, 'known_ips').notNullable();
    json(t, knex, 'known_devices').notNullable();
    ts(t, knex, 'created_at').notNullable();
    ts(t, knex, 'updated_at').notNullable();
  });

  await knex.schema.createTable('categories', (t) => {
    t.string('id', 64).primary();
    t.string('parent_id', 64).nullable().references('id').inTable('categories');
    t.string('name', 100).notNullable();
    t.text('description').nullable();
    t.integer('sort_order').notNullable().defaultTo(0);
  });

  await knex.schema.createTable('auctions', (t) => {
    t.uuid('id').primary();
    t.uuid('seller_id').notNullable().references('id').inTable('users');
    t.string('type', 10).notNullable();
    t.string('title', 200).notNullable();
    t.text('description').notNullable();
    t.string('category_id', 64).nullable();
    t.string('currency', 3).notNullable();
    t.bigInteger('starting_price').notNullable();
    t.bigInteger('reserve_price').nullable();
    t.bigInteger('buy_now_price').nullable();
    t.bigInteger('budget_max').nullable();
    json(t, knex, 'increment').notNullable();
    ts(t, knex, 'start_time').nullable();
    ts(t, knex, 'end_time').notNullable();
    ts(t, knex, 'original_end_time').notNullable();
    t.integer('extension_window_seconds').notNullable();
    t.integer('extension_by_seconds').notNullable();
    t.integer('commission_bps').notNullable();
    t.integer('buyer_premium_bps').notNullable();
    t.bigInteger('shipping_cost').notNullable();
    t.string('status', 12).notNullable();
    t.string('outcome', 20).nullable();
    t.bigInteger('current_price').nullable();
    t.integer('bid_count').notNullable();
    t.uuid('leader_id').nullable();
    t.bigInteger('leader_max').nullable();
    t.uuid('winner_id').nullable();
    json(t, knex, 'settlement').nullable();
    ts(t, knex, 'ended_at').nullable();
    ts(t, knex, 'published_at').nullable();
    t.integer('seq').notNullable();
    t.integer('version').notNullable();
    ts(t, knex, 'created_at').notNullable();
    ts(t, knex, 'updated_at').notNullable();
    // Seed 003's minimum plus what the listing of issue 4 sorts and filters by.
    t.index(['status', 'current_price'], 'idx_auctions_status_price');
    t.index(['status', 'end_time'], 'idx_auctions_status_end');
    t.index(['seller_id', 'created_at'], 'idx_auctions_seller_created');
    t.index(['category_id', 'status'], 'idx_auctions_category_status');
    t.index(['created_at'], 'idx_auctions_created');
    t.index(['bid_count'], 'idx_auctions_bid_count');
  });

  await knex.schema.createTable('bids', (t) => {
    t.uuid('id').primary();
    t.uuid('auction_id').notNullable().references('id').inTable('auctions');
    t.uuid('bidder_id').notNullable();
    t.bigInteger('amount').notNullable();
    t.bigInteger('max_amount').nullable();
    t.string('kind', 10).notNullable();
    t.integer('ordinal').notNullable();
    ts(t, knex, 'placed_at').notNullable();
    json(t, knex, 'details').nullable();
    t.string('status', 12).notNullable().defaultTo('ACCEPTED');
    // One row per position: two writers that both thought they were next cannot both commit.
    t.unique(['auction_id', 'ordinal'], { indexName: 'uq_bids_auction_ordinal' });
    t.index(['auction_id', 'placed_at'], 'idx_bids_auction_time');
    t.index(['bidder_id', 'placed_at'], 'idx_bids_user_time');
    t.index(['auction_id', 'bidder_id', 'placed_at'], 'idx_bids_auction_bidder_time');
  });

  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('position').primary();
    t.uuid('auction_id').notNullable();
    t.integer('seq').notNullable();
    t.string('type', 40).notNullable();
    ts(t, knex, 'occurred_at').notNullable();
    json(t, knex, 'payload').notNullable();
    // The per-auction stream is gap-free and never forks: a duplicate seq cannot commit.
    t.unique(['auction_id', 'seq'], { indexName: 'uq_outbox_auction_seq' });
  });

  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('user_id').notNullable();
    t.string('key', 255).notNullable();
    t.string('request_hash', 64).notNullable();
    t.integer('status_code').nullable();
    json(t, knex, 'response_body').nullable();
    ts(t, knex, 'created_at').notNullable();
    ts(t, knex, 'expires_at').notNullable();
    t.primary(['user_id', 'key']);
    t.index(['expires_at'], 'idx_idempotency_expires');
  });

  await knex.schema.createTable('refresh_tokens', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('id').inTable('users');
    t.uuid('family_id').notNullable();
    t.string('token_hash', 64).notNullable().unique();
    ts(t, knex, 'expires_at').notNullable();
    ts(t, knex, 'revoked_at').nullable();
    t.uuid('replaced_by').nullable();
    ts(t, knex, 'created_at').notNullable();
    t.index(['user_id'], 'idx_refresh_user');
    t.index(['family_id'], 'idx_refresh_family');
  });

  await knex.schema.createTable('watchlist', (t) => {
    t.uuid('user_id').notNullable().references('id').inTable('users');
    t.uuid('auction_id').notNullable().references('id').inTable('auctions');
    ts(t, knex, 'created_at').notNullable();
    t.primary(['user_id', 'auction_id']);
    t.index(['auction_id'], 'idx_watchlist_auction');
  });

  await knex.schema.createTable('fraud_findings', (t) => {
    t.uuid('id').primary();
    t.string('policy', 40).notNullable();
    t.uuid('user_id').notNullable();
    t.uuid('auction_id').notNullable();
    t.string('type', 30).notNullable();
    t.string('severity', 10).notNullable();
    t.text('description').notNullable();
    json(t, knex, 'evidence').notNullable();
    t.string('ip', 45).nullable();
    t.string('status', 20).notNullable().defaultTo('flagged');
    ts(t, knex, 'created_at').notNullable();
    t.index(['user_id', 'created_at'], 'idx_fraud_user');
    t.index(['auction_id', 'created_at'], 'idx_fraud_auction');
    t.index(['severity', 'status'], 'idx_fraud_severity');
  });
};

export const down = async (knex: Knex): Promise<void> => {
  for (const table of ['fraud_findings', 'watchlist', 'refresh_tokens', 'idempotency_keys', 'outbox', 'bids', 'auctions', 'categories', 'users']) {
    await knex.schema.dropTableIfExists(table);
  }
};
