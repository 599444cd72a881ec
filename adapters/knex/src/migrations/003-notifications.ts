import type { Knex } from 'knex';

/**
 * Per-user notifications (issue 5), written by the command that causes them in its own
 * transaction. `position` is the store-wide cursor SSE resumes from (`Last-Event-ID`). No
 * foreign key to `users`: on MySQL/MariaDB an insert would take a shared lock on the user's row,
 * and a bid transaction that also updates a user (known IPs) could then deadlock with another.
 */
const ts = (t: Knex.CreateTableBuilder, knex: Knex, name: string) =>
  (knex.client.config.client as string) === 'mysql2' ? t.datetime(name, { precision: 3 }) : t.timestamp(name, { useTz: true, precision: 3 });

const json = (t: Knex.CreateTableBuilder, knex: Knex, name: string) =>
  (knex.client.config.client as string) === 'pg' ? t.jsonb(name) : t.text(name, 'longtext');

export const up = async (knex: Knex): Promise<void> => {
  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('position').primary();
    t.uuid('id').notNullable().unique('uq_notifications_id');
    t.uuid('user_id').notNullable();
    t.string('type', 20).notNullable();
    t.uuid('auction_id').notNullable();
    t.string('title', 200).notNullable();
    t.text('message').notNullable();
    json(t, knex, 'data').notNullable();
    ts(t, knex, 'created_at').notNullable();
    ts(t, knex, 'read_at').nullable();
    // A user's list newest first, and resuming after a cursor: both walk this index.
    t.index(['user_id', 'position'], 'idx_notifications_user_position');
    // The unread badge: `user_id = ? AND read_at IS NULL`.
    t.index(['user_id', 'read_at'], 'idx_notifications_user_read');
  });
};

export const down = async (knex: Knex): Promise<void> => {
  await knex.schema.dropTableIfExists('notifications');
};
