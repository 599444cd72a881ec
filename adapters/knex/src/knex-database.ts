import type { AuctionCatalog, CategoryRepository, Clock, OutboxSignal, User, UserDirectory, UserRepository, Watchlist } from '@gavel/core';
import type { Knex } from 'knex';
import { connect, type ConnectionOptions } from './connection';
import { type Dialect, DIALECTS } from './dialect';
import { KnexAuctionCatalog } from './knex-auction-catalog';
import { KnexCategoryRepository } from './knex-category-repository';
import { KnexEventStream } from './knex-event-stream';
import { LocalOutboxSignal, PgOutboxSignal } from './knex-outbox-signal';
import { KnexUnitOfWork } from './knex-unit-of-work';
import { KnexUserDirectory } from './knex-user-directory';
import { KnexWatchlist } from './knex-watchlist';
import { migrateLatest } from './migrations';
import { RowMapper } from './rows';

export interface KnexDatabaseOptions extends ConnectionOptions {
  readonly clock?: Clock;
  /** Decide commands on one auction that arrive together in one transaction (default true). */
  readonly groupCommit?: boolean;
  /** The outbox signal's LISTEN connection failed or dropped (PostgreSQL; it reconnects). */
  readonly onSignalError?: (err: unknown) => void;
}

/**
 * Every persistence port of the core on one Knex connection pool: pass `uow` to `createGavel`,
 * read committed events from `events`. `migrate()` brings the schema up to date. The read side
 * (`catalog`, `categories`, `watchlist`, `directory`) queries the pool outside any unit of work.
 */
export class KnexDatabase {
  readonly knex: Knex;
  readonly dialect: Dialect;
  readonly uow: KnexUnitOfWork;
  readonly events: KnexEventStream;
  /**
   * Wakes relays after commits that published events: PostgreSQL LISTEN/NOTIFY (every
   * process's commits, announced after each commit; a dedicated connection opened on the first
   * subscribe); on SQLite and MySQL/MariaDB this process's commits only, so relays there also
   * poll (docs/persistence.md, "Relay").
   */
  readonly outboxSignal: OutboxSignal;
  private readonly signal: PgOutboxSignal | LocalOutboxSignal;
  readonly users: UserRepository;
  readonly catalog: AuctionCatalog;
  readonly categories: CategoryRepository;
  readonly watchlist: Watchlist;
  readonly directory: UserDirectory;

  constructor(opts: KnexDatabaseOptions) {
    const { knex, dialect } = connect(opts);
    const clock = opts.clock ?? { now: () => Date.now() };
    this.knex = knex;
    this.dialect = DIALECTS[dialect];
    const rows = new RowMapper(this.dialect);
    const signal = dialect === 'pg'
      ? new PgOutboxSignal({ url: opts.url, onError: opts.onSignalError, fallback: (sql) => knex.raw(sql) })
      : new LocalOutboxSignal();
    this.signal = signal;
    this.outboxSignal = signal;
    const announce = signal instanceof PgOutboxSignal ? () => signal.announce() : () => signal.fire();
    this.uow = new KnexUnitOfWork(knex, this.dialect, rows, clock, opts.groupCommit ?? true, announce);
    this.events = new KnexEventStream(knex, rows);
    this.users = {
      get: (id) => this.uow.run((tx) => tx.users.get(id)),
      save: (user: User) => this.uow.run((tx) => tx.users.save(user)),
    };
    this.catalog = new KnexAuctionCatalog(knex, this.dialect, rows);
    this.categories = new KnexCategoryRepository(knex);
    this.watchlist = new KnexWatchlist(knex, this.dialect);
    this.directory = new KnexUserDirectory(knex);
  }

  async migrate(): Promise<void> {
    await migrateLatest(this.knex);
  }

  /** Liveness of the pool for `/ready`: one round trip. */
  async ping(): Promise<void> {
    await this.knex.raw('select 1');
  }

  async close(): Promise<void> {
    await this.signal.close();
    await this.knex.destroy();
  }
}
