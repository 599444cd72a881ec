import {
  type Account,
  type AccountRepository,
  Auction,
  type AuctionChanges,
  type AuctionEvent,
  type AuctionId,
  type AuctionRepository,
  type AuctionState,
  type Bid,
  type BidPage,
  type EventPublisher,
  type FraudFinding,
  type FraudLog,
  type RefreshTokenRecord,
  type RefreshTokenRepository,
  type Instant,
  type StoredEvent,
  type TransactionContext,
  type User,
  type UserId,
  type UserRepository,
} from '@gavel/core';
import { MemoryNotificationRepository } from './memory-notification.repository';
import { bidderKey, isManual, type MemoryState } from './memory-state';

/**
 * One unit of work over a `MemoryState`: reads see committed data plus this transaction's own
 * writes; writes are staged and applied in one synchronous step by `commit`, so a unit of work
 * that throws leaves nothing behind and no other caller ever sees half of one.
 */
export class MemoryTransaction implements TransactionContext {
  private readonly states = new Map<AuctionId, AuctionState>();
  private readonly newBids: Bid[] = [];
  private readonly newUsers = new Map<UserId, User>();
  private readonly newEvents: AuctionEvent[] = [];
  private readonly newFindings: FraudFinding[] = [];
  private readonly newAccounts = new Map<UserId, Account>();
  private readonly tokens = new Map<string, RefreshTokenRecord>();

  readonly notifications: MemoryNotificationRepository;

  constructor(private readonly db: MemoryState) {
    this.notifications = new MemoryNotificationRepository(db);
  }

  readonly auctions: AuctionRepository = {
    get: async (id) => {
      const state = this.states.get(id) ?? this.db.auctions.get(id);
      return state ? Auction.fromState(state) : null;
    },
    save: async (changes: AuctionChanges) => {
      const id = changes.state.id;
      const current = this.states.get(id) ?? this.db.auctions.get(id);
      if ((current?.version ?? 0) !== changes.expectedVersion) {
        throw new Error(`auction ${id}: stored version ${current?.version ?? 0}, expected ${changes.expectedVersion}`);
      }
      this.states.set(id, changes.state);
      this.newBids.push(...changes.newBids);
    },
    bids: async (auctionId, page: BidPage = {}) => {
      const all = [...(this.db.bids.get(auctionId) ?? []), ...this.newBids.filter((b) => b.auctionId === auctionId)];
      if (page.newestFirst) all.reverse();
      return page.limit === undefined ? all : all.slice(0, page.limit);
    },
    recentBidsBy: async (auctionId, bidderId, since: Instant) => {
      const committed = this.db.manualBids.get(bidderKey(auctionId, bidderId)) ?? [];
      const recent: Bid[] = [];
      // Rows are appended in time order: walk back from the newest until the window is left.
      for (let i = committed.length - 1; i >= 0 && committed[i]!.placedAt >= since; i--) recent.push(committed[i]!);
      recent.reverse();
      for (const b of this.newBids) {
        if (b.auctionId === auctionId && b.bidderId === bidderId && isManual(b) && b.placedAt >= since) recent.push(b);
      }
      return recent;
    },
    bidderIds: async (auctionId) => {
      const ids = [...(this.db.bidders.get(auctionId) ?? [])];
      for (const b of this.newBids) if (b.auctionId === auctionId && !ids.includes(b.bidderId)) ids.push(b.bidderId);
      return ids;
    },
    bidderIdsOf: async (auctionIds) => {
      const out = new Map<AuctionId, UserId[]>();
      for (const id of auctionIds) out.set(id, await this.auctions.bidderIds(id));
      return out;
    },
  };

  readonly users: UserRepository = {
    get: async (id) => this.newUsers.get(id) ?? this.db.users.get(id) ?? null,
    save: async (user) => {
      this.newUsers.set(user.id, user);
    },
  };

  readonly events: EventPublisher = {
    publish: async (events) => {
      this.newEvents.push(...events);
    },
  };

  readonly fraudLog: FraudLog = {
    record: async (findings) => {
      this.newFindings.push(...findings);
    },
    list: async (filter) =>
      [...this.db.findings, ...this.newFindings].filter(
        (f) => (filter.auctionId === undefined || f.auctionId === filter.auctionId) && (filter.userId === undefined || f.userId === filter.userId),
      ),
  };

  readonly accounts: AccountRepository = {
    create: async (account) => {
      const all = [...this.db.accounts.values(), ...this.newAccounts.values()];
      if (all.some((a) => a.email === account.email)) return 'EMAIL_ALREADY_EXISTS';
      if (all.some((a) => a.username === account.username)) return 'USERNAME_ALREADY_EXISTS';
      this.newAccounts.set(account.userId, account);
      return null;
    },
    findByEmail: async (email) => this.findAccount((a) => a.email === email),
    findByUsername: async (username) => this.findAccount((a) => a.username === username),
    get: async (userId) => this.newAccounts.get(userId) ?? this.db.accounts.get(userId) ?? null,
    updateProfile: async (userId, changes) => {
      const account = this.newAccounts.get(userId) ?? this.db.accounts.get(userId);
      if (!account) return false;
      if (changes.name !== undefined) this.newAccounts.set(userId, { ...account, name: changes.name });
      return true;
    },
  };

  readonly refreshTokens: RefreshTokenRepository = {
    insert: async (record) => {
      this.tokens.set(record.id, record);
    },
    findByHash: async (hash) => [...this.currentTokens()].find((r) => r.tokenHash === hash) ?? null,
    revoke: async (id, at, replacedBy) => {
      const record = this.tokens.get(id) ?? this.db.refreshTokens.get(id);
      if (!record || record.revokedAt !== null) return false;
      this.tokens.set(id, { ...record, revokedAt: at, replacedBy });
      return true;
    },
    revokeFamily: async (familyId, at) => this.revokeWhere((r) => r.familyId === familyId, at),
    revokeAllForUser: async (userId, at) => this.revokeWhere((r) => r.userId === userId, at),
  };

  private findAccount(match: (a: Account) => boolean): Account | null {
    for (const a of this.newAccounts.values()) if (match(a)) return a;
    for (const a of this.db.accounts.values()) if (match(a)) return a;
    return null;
  }

  private *currentTokens(): Iterable<RefreshTokenRecord> {
    for (const [id, r] of this.db.refreshTokens) if (!this.tokens.has(id)) yield r;
    yield* this.tokens.values();
  }

  private revokeWhere(match: (r: RefreshTokenRecord) => boolean, at: number): void {
    for (const r of [...this.currentTokens()]) {
      if (match(r) && r.revokedAt === null) this.tokens.set(r.id, { ...r, revokedAt: at });
    }
  }

  /** Applies every staged write; returns the events as stored, for delivery after commit. */
  commit(): StoredEvent[] {
    const db = this.db;
    for (const [id, state] of this.states) db.auctions.set(id, state);
    for (const bid of this.newBids) {
      append(db.bids, bid.auctionId, bid);
      append(db.bidsByBidder, bid.bidderId, bid);
      if (isManual(bid)) append(db.manualBids, bidderKey(bid.auctionId, bid.bidderId), bid);
      const bidders = db.bidders.get(bid.auctionId);
      if (!bidders) db.bidders.set(bid.auctionId, [bid.bidderId]);
      else if (!bidders.includes(bid.bidderId)) bidders.push(bid.bidderId);
    }
    for (const [id, user] of this.newUsers) db.users.set(id, user);
    db.findings.push(...this.newFindings);
    for (const [id, account] of this.newAccounts) db.accounts.set(id, account);
    for (const [id, record] of this.tokens) db.refreshTokens.set(id, record);
    this.notifications.commit();
    const first = db.outbox.length + 1;
    const stored = this.newEvents.map((e, i) => ({ ...e, position: first + i }) as StoredEvent);
    for (const e of stored) {
      db.outbox.push(e);
      append(db.outboxByAuction, e.auctionId, e);
    }
    return stored;
  }
}

const append = <K, V>(map: Map<K, V[]>, key: K, value: V): void => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};
