import type { Account, RefreshTokenRecord, AuctionId, AuctionState, Bid, BidId, CurrencyCode, FindingId, FraudFinding, StoredEvent, User, UserId } from '@gavel/core';
import { safeNumber } from './connection';
import type { Dialect } from './dialect';

type Row = Record<string, unknown>;

const num = (v: unknown): number => safeNumber(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : safeNumber(v));
const str = (v: unknown): string => String(v);

/** Row <-> domain mapping for every table the ports touch; the only place that knows the columns. */
export class RowMapper {
  constructor(private readonly d: Dialect) {}

  private at = (v: unknown) => this.d.readInstant(v);
  private atOrNull = (v: unknown) => (v === null || v === undefined ? null : this.d.readInstant(v));

  auctionRow(s: AuctionState): Row {
    const d = this.d;
    return {
      id: s.id, seller_id: s.sellerId, type: s.type, title: s.title, description: s.description,
      category_id: s.categoryId, currency: s.currency, starting_price: s.startingPrice,
      reserve_price: s.reservePrice, buy_now_price: s.buyNowPrice, budget_max: s.budgetMax,
      increment: d.json(s.increment), start_time: s.startTime === null ? null : d.instant(s.startTime),
      end_time: d.instant(s.endTime), original_end_time: d.instant(s.originalEndTime),
      extension_window_seconds: s.extension.windowSeconds, extension_by_seconds: s.extension.extendBySeconds,
      commission_bps: s.commissionBps, buyer_premium_bps: s.buyerPremiumBps, shipping_cost: s.shippingCost,
      status: s.status, outcome: s.outcome, current_price: s.currentPrice, bid_count: s.bidCount,
      leader_id: s.leaderId, leader_max: s.leaderMax, winner_id: s.winnerId,
      settlement: s.settlement === null ? null : d.json(s.settlement),
      ended_at: s.endedAt === null ? null : d.instant(s.endedAt),
      published_at: s.publishedAt === null ? null : d.instant(s.publishedAt),
      seq: s.seq, version: s.version, created_at: d.instant(s.createdAt), updated_at: d.instant(s.updatedAt),
    };
  }

  auction(r: Row): AuctionState {
    return {
      id: str(r.id) as AuctionId, sellerId: str(r.seller_id) as UserId, type: r.type as AuctionState['type'],
      title: str(r.title), description: str(r.description), categoryId: r.category_id === null ? null : str(r.category_id),
      currency: str(r.currency) as CurrencyCode, startingPrice: num(r.starting_price),
      reservePrice: numOrNull(r.reserve_price), buyNowPrice: numOrNull(r.buy_now_price), budgetMax: numOrNull(r.budget_max),
      increment: this.d.readJson(r.increment), startTime: this.atOrNull(r.start_time), endTime: this.at(r.end_time),
      originalEndTime: this.at(r.original_end_time),
      extension: { windowSeconds: num(r.extension_window_seconds), extendBySeconds: num(r.extension_by_seconds) },
      commissionBps: num(r.commission_bps), buyerPremiumBps: num(r.buyer_premium_bps), shippingCost: num(r.shipping_cost),
      status: r.status as AuctionState['status'], outcome: (r.outcome ?? null) as AuctionState['outcome'],
      currentPrice: numOrNull(r.current_price), bidCount: num(r.bid_count),
      leaderId: (r.leader_id ?? null) as UserId | null, leaderMax: numOrNull(r.leader_max),
      winnerId: (r.winner_id ?? null) as UserId | null,
      settlement: r.settlement === null || r.settlement === undefined ? null : this.d.readJson(r.settlement),
      endedAt: this.atOrNull(r.ended_at), publishedAt: this.atOrNull(r.published_at),
      seq: num(r.seq), version: num(r.version), createdAt: this.at(r.created_at), updatedAt: this.at(r.updated_at),
    };
  }

  bidRow(b: Bid): Row {
    return {
      id: b.id, auction_id: b.auctionId, bidder_id: b.bidderId, amount: b.amount, max_amount: b.maxAmount,
      kind: b.kind, ordinal: b.ordinal, placed_at: this.d.instant(b.placedAt),
      details: b.details === null ? null : this.d.json(b.details),
    };
  }

  bid(r: Row): Bid {
    return {
      id: str(r.id) as BidId, auctionId: str(r.auction_id) as AuctionId, bidderId: str(r.bidder_id) as UserId,
      amount: num(r.amount), maxAmount: numOrNull(r.max_amount), kind: r.kind as Bid['kind'], ordinal: num(r.ordinal),
      placedAt: this.at(r.placed_at), details: r.details === null || r.details === undefined ? null : this.d.readJson(r.details),
    };
  }

  userRow(u: User, now: number): Row {
    return {
      id: u.id, status: u.status, role: u.role, known_ips: this.d.json(u.knownIps), known_devices: this.d.json(u.knownDevices),
      created_at: this.d.instant(now), updated_at: this.d.instant(now),
    };
  }

  user(r: Row): User {
    return {
      id: str(r.id) as UserId, status: r.status as User['status'], role: r.role as User['role'],
      knownIps: this.d.readJson(r.known_ips), knownDevices: this.d.readJson(r.known_devices),
    };
  }

  findingRow(f: FraudFinding): Row {
    return {
      id: f.id, policy: f.policy, user_id: f.userId, auction_id: f.auctionId, type: f.type, severity: f.severity,
      description: f.description, evidence: this.d.json(f.evidence), ip: f.ip, created_at: this.d.instant(f.createdAt),
    };
  }

  account(r: Row): Account {
    return {
      userId: str(r.id) as UserId, username: str(r.username), email: str(r.email),
      name: r.name === null || r.name === undefined ? null : str(r.name), passwordHash: str(r.password_hash),
      createdAt: this.at(r.created_at),
    };
  }

  refreshTokenRow(t: RefreshTokenRecord): Row {
    return {
      id: t.id, user_id: t.userId, family_id: t.familyId, token_hash: t.tokenHash, expires_at: this.d.instant(t.expiresAt),
      revoked_at: t.revokedAt === null ? null : this.d.instant(t.revokedAt), replaced_by: t.replacedBy, created_at: this.d.instant(t.createdAt),
    };
  }

  refreshToken(r: Row): RefreshTokenRecord {
    return {
      id: str(r.id), userId: str(r.user_id) as UserId, familyId: str(r.family_id), tokenHash: str(r.token_hash),
      expiresAt: this.at(r.expires_at), revokedAt: this.atOrNull(r.revoked_at),
      replacedBy: r.replaced_by === null || r.replaced_by === undefined ? null : str(r.replaced_by), createdAt: this.at(r.created_at),
    };
  }

  finding(r: Row): FraudFinding {
    return {
      id: str(r.id) as FindingId, policy: str(r.policy), userId: str(r.user_id) as UserId, auctionId: str(r.auction_id) as AuctionId,
      type: r.type as FraudFinding['type'], severity: r.severity as FraudFinding['severity'], description: str(r.description),
      evidence: this.d.readJson(r.evidence), ip: (r.ip ?? null) as string | null, createdAt: this.at(r.created_at),
    };
  }

  event(r: Row): StoredEvent {
    return {
      position: num(r.position), type: r.type, auctionId: str(r.auction_id) as AuctionId, seq: num(r.seq),
      occurredAt: this.at(r.occurred_at), payload: this.d.readJson(r.payload),
    } as StoredEvent;
  }
}
