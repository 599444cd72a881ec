import {
  type AccountConflict,
  type AccountRepository,
  Auction,
  type AuctionChanges,
  type AuctionEvent,
  type AuctionId,
  type AuctionRepository,
  type AuctionState,
  type BidPage,
  type EventPublisher,
  type FraudFinding,
  type FraudLog,
  type RefreshTokenRepository,
  type Instant,
  type TransactionContext,
  type User,
  type UserId,
  type UserRepository,
} from '@gavel/core';
import type { Knex } from 'knex';
import type { Dialect } from './dialect';
import { KnexNotificationRepository } from './knex-notification.repository';
import type { RowMapper } from './rows';

/** The columns of `users` a `User` is made of (not the account's: no password hash to parse). */
const USER_COLUMNS = ['id', 'status', 'role', 'known_ips', 'known_devices'] as const;

const selectUser = async (q: Knex | Knex.Transaction, rows: RowMapper, id: UserId): Promise<User | null> => {
  const row = await q('users').select(USER_COLUMNS).where({ id }).first();
  return row ? rows.user(row) : null;
};

/**
 * A user read on the pool, outside any transaction: one statement where a unit of work costs
 * three (BEGIN, SELECT, COMMIT). For reads that need no atomicity with anything else, such as
 * the bearer check of every authenticated request (`ResolveActor`); it sees the latest commit.
 */
export const knexUserReader = (knex: Knex, rows: RowMapper): Pick<UserRepository, 'get'> => ({
  get: (id) => selectUser(knex, rows, id),
});

/** Equal column values as `RowMapper` writes them: instants are Dates on PostgreSQL and MySQL. */
const sameColumnValue = (a: unknown, b: unknown): boolean =>
  a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;

/** The ports bound to one Knex transaction. */
export class KnexTransaction implements TransactionContext {
  /**
   * The state of each auction this transaction holds locked, kept current by every save: the
   * use case's `get` (and each command of a group commit after the first) costs no read.
   */
  private readonly locked = new Map<AuctionId, AuctionState>();
  /**
   * Users read in this transaction: a bid reads its bidder and the auction's seller, so a group
   * commit batch of N bids would read the seller N times. Any write to `users` through this
   * transaction forgets them all. Under READ COMMITTED a second read could see a newer commit;
   * answering with the first is what a transaction that read once would have decided on.
   */
  private readonly usersRead = new Map<UserId, Promise<User | null>>();

  constructor(
    private readonly trx: Knex.Transaction,
    private readonly dialect: Dialect,
    private readonly rows: RowMapper,
    private readonly now: () => Instant,
  ) {}

  private notificationRepository: KnexNotificationRepository | null = null;

  /** Created on first use: most transactions write no notification. */
  get notifications(): KnexNotificationRepository {
    return (this.notificationRepository ??= new KnexNotificationRepository(this.trx, this.dialect));
  }

  /** Takes the auction's row lock (a no-op on SQLite, whose transactions are serial). */
  async lock(id: AuctionId): Promise<void> {
    const row = await this.dialect.lockRow(this.trx('auctions').where({ id }).first());
    if (row) this.locked.set(id, this.rows.auction(row));
  }

  /** Takes the row locks of several auctions in one statement, in id order (`ids` sorted). */
  async lockMany(ids: readonly AuctionId[]): Promise<void> {
    if (ids.length === 0) return;
    const rows: Record<string, unknown>[] = await this.dialect.lockRow(this.trx('auctions').whereIn('id', [...ids]).orderBy('id'));
    for (const row of rows) {
      const state = this.rows.auction(row);
      this.locked.set(state.id, state);
    }
  }

  readonly auctions: AuctionRepository = {
    get: async (id) => {
      const held = this.locked.get(id);
      if (held) return Auction.fromState(held);
      const row = await this.trx('auctions').where({ id }).first();
      return row ? Auction.fromState(this.rows.auction(row)) : null;
    },
    save: (changes) => this.saveAuction(changes),
    bids: async (auctionId, page: BidPage = {}) => {
      const q = this.trx('bids').where({ auction_id: auctionId }).orderBy('ordinal', page.newestFirst ? 'desc' : 'asc');
      if (page.limit !== undefined) q.limit(page.limit);
      return (await q).map((r) => this.rows.bid(r));
    },
    recentBidsBy: async (auctionId, bidderId, since) =>
      (await this.trx('bids')
        .where({ auction_id: auctionId, bidder_id: bidderId })
        .whereIn('kind', ['bid', 'max_raise'])
        .andWhere('placed_at', '>=', this.dialect.instant(since) as Knex.Value)
        .orderBy('ordinal')).map((r) => this.rows.bid(r)),
    bidderIds: async (auctionId) =>
      (await this.trx('bids')
        .select('bidder_id')
        .min({ first: 'ordinal' })
        .where({ auction_id: auctionId })
        .groupBy('bidder_id')
        .orderBy('first')).map((r: Record<string, unknown>) => String(r.bidder_id) as UserId),
    bidderIdsOf: async (auctionIds) => {
      const out = new Map<AuctionId, UserId[]>(auctionIds.map((id) => [id, []]));
      if (auctionIds.length === 0) return out;
      const rows: Record<string, unknown>[] = await this.trx('bids')
        .select('auction_id', 'bidder_id')
        .min({ first: 'ordinal' })
        .whereIn('auction_id', [...auctionIds])
        .groupBy('auction_id', 'bidder_id')
        .orderBy([{ column: 'auction_id' }, { column: 'first' }]);
      for (const r of rows) out.get(String(r.auction_id) as AuctionId)?.push(String(r.bidder_id) as UserId);
      return out;
    },
  };

  readonly users: UserRepository = {
    get: (id) => {
      let read = this.usersRead.get(id);
      if (!read) {
        read = selectUser(this.trx, this.rows, id);
        this.usersRead.set(id, read);
        read.catch(() => this.usersRead.delete(id));
      }
      return read;
    },
    save: async (user: User) => {
      this.usersRead.clear();
      const row = this.rows.userRow(user, this.now());
      const { created_at: _created, ...update } = row;
      await this.trx('users').insert(row).onConflict('id').merge(update);
    },
  };

  /** Whether this transaction wrote outbox rows: its commit then signals relays (issue 5). */
  published = false;

  readonly events: EventPublisher = {
    publish: async (events: readonly AuctionEvent[]) => {
      if (events.length === 0) return;
      await this.trx('outbox').insert(events.map((e) => ({
        auction_id: e.auctionId, seq: e.seq, type: e.type, occurred_at: this.dialect.instant(e.occurredAt), payload: this.dialect.json(e.payload),
      })));
      this.published = true;
    },
  };

  readonly fraudLog: FraudLog = {
    record: async (findings: readonly FraudFinding[]) => {
      if (findings.length > 0) await this.trx('fraud_findings').insert(findings.map((f) => this.rows.findingRow(f)));
    },
    list: async (filter) => {
      const q = this.trx('fraud_findings').orderBy('created_at');
      if (filter.auctionId !== undefined) q.where({ auction_id: filter.auctionId });
      if (filter.userId !== undefined) q.where({ user_id: filter.userId });
      return (await q).map((r) => this.rows.finding(r));
    },
  };

  readonly accounts: AccountRepository = {
    create: async (account) => {
      this.usersRead.clear();
      const conflict = await this.accountConflict(account.email, account.username);
      if (conflict) return conflict;
      const row = {
        id: account.userId, username: account.username, email: account.email, name: account.name,
        password_hash: account.passwordHash, updated_at: this.dialect.instant(account.createdAt),
      };
      try {
        // A savepoint: a unique violation from a concurrent registration must not abort the
        // whole transaction (PostgreSQL would refuse every later statement).
        await this.trx.transaction(async (sp) => {
          const updated = await sp('users').where({ id: account.userId }).update(row);
          if (updated === 0) {
            await sp('users').insert({ ...row, status: 'ACTIVE', role: 'user', known_ips: this.dialect.json([]), known_devices: this.dialect.json([]), created_at: this.dialect.instant(account.createdAt) });
          }
        });
      } catch (err) {
        const raced = await this.accountConflict(account.email, account.username);
        if (raced) return raced;
        throw err;
      }
      return null;
    },
    findByEmail: async (email) => this.findAccount({ email }),
    findByUsername: async (username) => this.findAccount({ username }),
    get: async (userId) => this.findAccount({ id: userId }),
    updateProfile: async (userId, changes) => {
      // Read first: MySQL counts only rows an UPDATE changed, so its row count cannot say "exists".
      if (!(await this.findAccount({ id: userId }))) return false;
      if (changes.name !== undefined) {
        this.usersRead.clear();
        await this.trx('users').where({ id: userId }).update({ name: changes.name, updated_at: this.dialect.instant(this.now()) });
      }
      return true;
    },
  };

  readonly refreshTokens: RefreshTokenRepository = {
    insert: async (record) => {
      await this.trx('refresh_tokens').insert(this.rows.refreshTokenRow(record));
    },
    findByHash: async (hash) => {
      const row = await this.trx('refresh_tokens').where({ token_hash: hash }).first();
      return row ? this.rows.refreshToken(row) : null;
    },
    revoke: async (id, at, replacedBy) =>
      (await this.trx('refresh_tokens').where({ id }).whereNull('revoked_at').update({ revoked_at: this.dialect.instant(at), replaced_by: replacedBy })) === 1,
    revokeFamily: async (familyId, at) => {
      await this.trx('refresh_tokens').where({ family_id: familyId }).whereNull('revoked_at').update({ revoked_at: this.dialect.instant(at) });
    },
    revokeAllForUser: async (userId, at) => {
      await this.trx('refresh_tokens').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: this.dialect.instant(at) });
    },
  };

  private async accountConflict(email: string, username: string): Promise<AccountConflict | null> {
    const taken = await this.trx('users').select('email', 'username').where({ email }).orWhere({ username });
    if (taken.some((r: Record<string, unknown>) => r.email === email)) return 'EMAIL_ALREADY_EXISTS';
    return taken.length > 0 ? 'USERNAME_ALREADY_EXISTS' : null;
  }

  private async findAccount(where: Record<string, string>) {
    const row = await this.trx('users').where(where).whereNotNull('password_hash').first();
    return row ? this.rows.account(row) : null;
  }

  /**
   * The columns of `row` that differ from the locked row, when this transaction holds the state
   * the update replaces (a bid changes about 7 of the 35 columns; building, sending and parsing
   * the rest cost the most of any statement of a bid). Otherwise the whole row.
   */
  private changedColumns(changes: AuctionChanges, row: Record<string, unknown>): Record<string, unknown> {
    const held = this.locked.get(changes.state.id);
    if (!held || held.version !== changes.expectedVersion) return row;
    const before = this.rows.auctionRow(held);
    const changed: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (!sameColumnValue(before[column], value)) changed[column] = value;
    }
    // A save changes `version` at least; should one not, the whole row keeps the UPDATE valid.
    return Object.keys(changed).length > 0 ? changed : row;
  }

  private async saveAuction(changes: AuctionChanges): Promise<void> {
    const row = this.rows.auctionRow(changes.state);
    if (changes.expectedVersion === 0) {
      await this.trx('auctions').insert(row);
    } else {
      // The version check is belt and braces: under the row lock it always matches.
      const updated = await this.trx('auctions').where({ id: changes.state.id, version: changes.expectedVersion }).update(this.changedColumns(changes, row));
      if (updated !== 1) throw new Error(`auction ${changes.state.id}: version ${changes.expectedVersion} is no longer current`);
    }
    if (this.locked.has(changes.state.id)) this.locked.set(changes.state.id, changes.state);
    if (changes.newBids.length > 0) await this.trx('bids').insert(changes.newBids.map((b) => this.rows.bidRow(b)));
  }
}
