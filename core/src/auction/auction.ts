import type { CurrencyCode } from '../shared/currency';
import type { AuctionId, BidId, UserId } from '../shared/ids';
import { definedOnly } from '../shared/objects';
import { fail, ok, type Result } from '../shared/result';
import { SECOND, type Instant } from '../shared/time';
import type { AuctionEvent, AuctionEventType, EventPayload } from './auction-events';
import type { AuctionState, Bid, BidDetails } from './auction-state';
import { type AuctionTerms, resolveIncrement, termsProblems } from './auction-terms';
import { bidAmountProblems, isBuyNowAvailable, isOpenAt, isReserveMet, nextBidLimit, resolveBid } from './bidding';
import { defaultIncrementTable, type IncrementRule } from './increments';
import { computeSettlement } from './settlement';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What a unit of work must persist after a command: the new state, new bid rows, new events. */
export interface AuctionChanges {
  readonly state: AuctionState;
  readonly newBids: readonly Bid[];
  readonly events: readonly AuctionEvent[];
  /** The version the state had when it was loaded; 0 for a new auction. */
  readonly expectedVersion: number;
}

export interface BidCommand {
  readonly bidderId: UserId;
  readonly amount: number;
  readonly maxAmount: number | null;
  readonly details?: BidDetails | null;
}

export interface BidDecision {
  /** The bidder's own row (the manual bid, or the max raise). */
  readonly bid: Bid;
  /** Automatic bids the proxy placed in answer, in order. */
  readonly autoBids: readonly Bid[];
  readonly leading: boolean;
  readonly previousLeaderId: UserId | null;
  readonly extended: boolean;
}

/** The outcome of closing: `changed` is false when it had already ended or was cancelled. */
export interface CloseDecision {
  readonly changed: boolean;
  readonly state: AuctionState;
}

const DESCRIPTION_LIKE = new Set<keyof AuctionTerms>(['description']);
const FIXED_ONCE_LIVE = new Set<keyof AuctionTerms>(['type', 'currency', 'startTime']);

/**
 * The auction aggregate: every rule of SPEC "Domain rules" that needs its state. Commands
 * return expected failures as values and record rows and events until `flush()`.
 */
export class Auction {
  private s: Mutable<AuctionState>;
  private readonly loadedVersion: number;
  private bids: Bid[] = [];
  private events: AuctionEvent[] = [];

  private constructor(state: AuctionState, loadedVersion: number) {
    this.s = { ...state };
    this.loadedVersion = loadedVersion;
  }

  static create(id: AuctionId, sellerId: UserId, terms: AuctionTerms, now: Instant): Result<Auction> {
    const problems = termsProblems(terms, now);
    if (Object.keys(problems).length > 0) return fail('VALIDATION_ERROR', 'The auction is not valid', problems);
    const auction = new Auction(
      {
        id,
        sellerId,
        type: terms.type,
        title: terms.title.trim(),
        description: terms.description,
        categoryId: terms.categoryId,
        currency: terms.currency as CurrencyCode,
        startingPrice: terms.startingPrice,
        reservePrice: terms.reservePrice,
        buyNowPrice: terms.buyNowPrice,
        budgetMax: terms.budgetMax,
        increment: resolveIncrement(terms),
        startTime: terms.startTime,
        endTime: terms.endTime,
        originalEndTime: terms.endTime,
        extension: terms.extension,
        commissionBps: terms.commissionBps,
        buyerPremiumBps: terms.buyerPremiumBps,
        shippingCost: terms.shippingCost,
        status: 'DRAFT',
        outcome: null,
        currentPrice: null,
        bidCount: 0,
        leaderId: null,
        leaderMax: null,
        winnerId: null,
        settlement: null,
        endedAt: null,
        publishedAt: null,
        seq: 0,
        version: 0,
        createdAt: now,
        updatedAt: now,
      },
      0,
    );
    auction.emit('AuctionCreated', { sellerId, status: 'DRAFT' }, now);
    return ok(auction);
  }

  static fromState(state: AuctionState): Auction {
    return new Auction(state, state.version);
  }

  get state(): AuctionState {
    return this.s;
  }

  /** Hands over everything recorded since the last flush. */
  flush(): AuctionChanges {
    const changes: AuctionChanges = {
      state: { ...this.s },
      newBids: this.bids,
      events: this.events,
      expectedVersion: this.loadedVersion,
    };
    this.bids = [];
    this.events = [];
    return changes;
  }

  get minNextBid(): number {
    return nextBidLimit(this.s);
  }

  get reserveMet(): boolean {
    return isReserveMet(this.s);
  }

  buyNowAvailable(now: Instant): boolean {
    return isBuyNowAvailable(this.s, now);
  }

  publish(now: Instant): Result<AuctionState> {
    const s = this.s;
    if (s.status !== 'DRAFT') return fail('INVALID_STATE', `Only a draft can be published; this auction is ${s.status}`);
    if (s.endTime <= now) return fail('VALIDATION_ERROR', 'The auction ends in the past', { endTime: 'must be in the future' });
    const goesLive = s.startTime === null || s.startTime <= now;
    if (goesLive) s.startTime = now;
    s.publishedAt = now;
    s.status = goesLive ? 'LIVE' : 'SCHEDULED';
    this.emit('AuctionPublished', { status: s.status as 'LIVE' | 'SCHEDULED', startTime: s.startTime!, endTime: s.endTime }, now);
    return ok(this.s);
  }

  /** Opens a scheduled auction whose start has come; a no-op (changed: false) otherwise. */
  open(now: Instant): Result<{ changed: boolean }> {
    if (this.s.status !== 'SCHEDULED') return ok({ changed: false });
    if (!isOpenAt(this.s, now)) return ok({ changed: false });
    this.s.status = 'LIVE';
    this.emit('AuctionStarted', { endTime: this.s.endTime }, now);
    return ok({ changed: true });
  }

  edit(patch: Partial<AuctionTerms>, now: Instant): Result<AuctionState> {
    const s = this.s;
    if (s.status === 'ENDED' || s.status === 'CANCELLED') return fail('INVALID_STATE', `An auction that is ${s.status} cannot be edited`);
    // Past its end an auction takes no bids (BID_AFTER_END) and must not be revived by an edit
    // before the close job runs.
    if (s.status !== 'DRAFT' && now >= s.endTime) return fail('INVALID_STATE', 'The auction has reached its end time');
    const fields = (Object.keys(patch) as (keyof AuctionTerms)[]).filter((k) => patch[k] !== undefined);
    if (s.bidCount > 0) {
      const locked = fields.filter((f) => !DESCRIPTION_LIKE.has(f));
      if (locked.length > 0) {
        return fail('AUCTION_HAS_BIDS', 'Once bid on, only the description can change', Object.fromEntries(locked.map((f) => [f, 'locked once bid on'])));
      }
    }
    if (isOpenAt(s, now)) {
      const fixed = fields.filter((f) => FIXED_ONCE_LIVE.has(f));
      if (fixed.length > 0) return fail('INVALID_STATE', 'A live auction keeps its type, currency and start', Object.fromEntries(fixed.map((f) => [f, 'fixed once live'])));
    }
    const terms: AuctionTerms = { ...this.terms(), ...definedOnly(patch) };
    const problems = termsProblems(terms, s.status === 'DRAFT' ? null : now);
    if (Object.keys(problems).length > 0) return fail('VALIDATION_ERROR', 'The auction is not valid', problems);
    if (s.status === 'SCHEDULED' && terms.startTime === null) {
      return fail('VALIDATION_ERROR', 'A scheduled auction needs a start time', { startTime: 'required once scheduled' });
    }
    if (fields.length === 0) return ok(this.s);
    // A draft moved to another currency keeps following the default table, in the new unit.
    const followsDefault = patch.increment === undefined && terms.currency !== s.currency &&
      sameRule(s.increment, defaultIncrementTable(s.currency));
    Object.assign(s, {
      title: terms.title.trim(),
      description: terms.description,
      categoryId: terms.categoryId,
      type: terms.type,
      currency: terms.currency as CurrencyCode,
      startingPrice: terms.startingPrice,
      reservePrice: terms.reservePrice,
      buyNowPrice: terms.buyNowPrice,
      budgetMax: terms.budgetMax,
      increment: patch.increment !== undefined ? resolveIncrement(terms) : followsDefault ? resolveIncrement({ ...terms, increment: 'table' }) : s.increment,
      startTime: terms.startTime,
      extension: terms.extension,
      commissionBps: terms.commissionBps,
      buyerPremiumBps: terms.buyerPremiumBps,
      shippingCost: terms.shippingCost,
    });
    if (patch.endTime !== undefined) {
      s.endTime = terms.endTime;
      s.originalEndTime = terms.endTime;
    }
    this.emit('AuctionUpdated', { fields }, now);
    return ok(this.s);
  }

  /** SPEC: from DRAFT or SCHEDULED, or LIVE without bids. */
  cancel(by: UserId, now: Instant): Result<AuctionState> {
    const s = this.s;
    if (s.status === 'ENDED' || s.status === 'CANCELLED') return fail('INVALID_STATE', `An auction that is ${s.status} cannot be cancelled`);
    if (s.bidCount > 0) return fail('AUCTION_HAS_BIDS', 'A live auction with bids cannot be cancelled');
    // Past its end a published auction is closing (NO_BIDS), not cancellable.
    if (s.status !== 'DRAFT' && now >= s.endTime) return fail('INVALID_STATE', 'The auction has reached its end time');
    s.status = 'CANCELLED';
    s.endedAt = now;
    this.emit('AuctionCancelled', { cancelledBy: by }, now);
    return ok(this.s);
  }

  placeBid(cmd: BidCommand, now: Instant, newBidId: () => BidId): Result<BidDecision> {
    const problems = bidAmountProblems(cmd.amount, cmd.maxAmount);
    if (problems) return fail('VALIDATION_ERROR', 'The bid amounts are not valid', problems);
    const refusal = this.biddingRefusal(cmd.bidderId, now);
    if (refusal) return refusal;
    const s = this.s;
    const resolved = resolveBid(s, cmd.bidderId, cmd.amount, cmd.maxAmount);
    if (!resolved.ok) return resolved;
    const r = resolved.value;
    this.open(now);
    const previousLeaderId = s.leaderId;
    const rows = r.rows.map((row, i) =>
      this.row(newBidId(), row.bidderId, row.amount, row.maxAmount, row.kind, now, i === 0 ? cmd.details ?? null : null),
    );
    s.currentPrice = r.price;
    s.leaderId = r.leaderId;
    s.leaderMax = r.leaderMax;
    const bid = rows[0]!;
    const previousEnd = s.endTime;
    const extended = this.extendIfLate(now);
    this.emit('BidPlaced', {
      bidId: bid.id,
      bidderId: cmd.bidderId,
      bids: rows.map(({ id, bidderId, amount, kind }) => ({ id, bidderId, amount, kind })),
      currentPrice: r.price,
      leaderId: r.leaderId,
      previousLeaderId,
      bidCount: s.bidCount,
      reserveMet: this.reserveMet,
      minNextBid: this.minNextBid,
      buyNowAvailable: this.buyNowAvailable(now),
      endTime: s.endTime,
    }, now);
    if (extended) this.emit('AuctionExtended', { previousEndTime: previousEnd, endTime: s.endTime, bidId: bid.id }, now);
    return ok({ bid, autoBids: rows.slice(1), leading: r.leaderId === cmd.bidderId, previousLeaderId, extended });
  }

  /** Ends the auction at once as SOLD at the buy-now price, and settles it. */
  buyNow(buyerId: UserId, now: Instant, newBidId: () => BidId, bidderIds: readonly UserId[]): Result<Bid> {
    const refusal = this.biddingRefusal(buyerId, now);
    if (refusal) return refusal;
    if (!this.buyNowAvailable(now)) return fail('BUY_NOW_UNAVAILABLE', 'Buy now is not available on this auction');
    const s = this.s;
    this.open(now);
    const price = s.buyNowPrice!;
    const bid = this.row(newBidId(), buyerId, price, null, 'buy_now', now, null);
    s.currentPrice = price;
    s.leaderId = buyerId;
    s.leaderMax = price;
    this.end(now, 'buy_now', bidderIds.includes(buyerId) ? bidderIds : [...bidderIds, buyerId]);
    return ok(bid);
  }

  /** Closes at or after the end; idempotent: a closed or cancelled auction reports no change. */
  close(now: Instant, bidderIds: readonly UserId[]): Result<CloseDecision> {
    const s = this.s;
    if (s.status === 'ENDED' || s.status === 'CANCELLED') return ok({ changed: false, state: this.s });
    if (s.status === 'DRAFT') return fail('INVALID_STATE', 'A draft was never published and cannot close');
    if (now < s.endTime) return fail('AUCTION_NOT_ENDED', 'The auction has not reached its end time');
    this.end(now, 'time', bidderIds);
    return ok({ changed: true, state: this.s });
  }

  private end(now: Instant, via: 'time' | 'buy_now', bidderIds: readonly UserId[]): void {
    const s = this.s;
    const outcome = s.leaderId === null ? 'NO_BIDS' : this.reserveMet ? 'SOLD' : 'RESERVE_NOT_MET';
    s.status = 'ENDED';
    s.outcome = outcome;
    s.endedAt = now;
    s.winnerId = outcome === 'SOLD' ? s.leaderId : null;
    this.emit('AuctionEnded', {
      outcome,
      via,
      winnerId: s.winnerId,
      finalPrice: outcome === 'SOLD' ? s.currentPrice : null,
      bidCount: s.bidCount,
      bidderIds: [...bidderIds],
    }, now);
    if (outcome !== 'SOLD') return;
    const winner = s.winnerId!;
    s.settlement = computeSettlement({
      buyerId: s.type === 'forward' ? winner : s.sellerId,
      payeeId: s.type === 'forward' ? s.sellerId : winner,
      finalPrice: s.currentPrice!,
      commissionBps: s.commissionBps,
      buyerPremiumBps: s.buyerPremiumBps,
      shippingCost: s.shippingCost,
      settledAt: now,
    });
    this.emit('AuctionSettled', { settlement: s.settlement }, now);
  }

  /** Why this bidder cannot bid now whatever the amount (status, end, own auction), or null. */
  biddingRefusal(bidderId: UserId, now: Instant): Result<never> | null {
    const s = this.s;
    if (s.status === 'ENDED' || ((s.status === 'LIVE' || s.status === 'SCHEDULED') && now >= s.endTime)) {
      return fail('BID_AFTER_END', 'The auction has already ended');
    }
    if (s.status !== 'LIVE' && !isOpenAt(this.s, now)) return fail('AUCTION_NOT_LIVE', `The auction is not live (${s.status})`);
    if (bidderId === s.sellerId) return fail('CANNOT_BID_OWN_AUCTION', 'You cannot bid on your own auction');
    return null;
  }

  /** Soft close: a bid with less than the window left moves the end to bid time + extension. */
  private extendIfLate(now: Instant): boolean {
    const s = this.s;
    const { windowSeconds, extendBySeconds } = s.extension;
    if (windowSeconds === 0 || s.endTime - now >= windowSeconds * SECOND) return false;
    const newEnd = now + extendBySeconds * SECOND;
    if (newEnd <= s.endTime) return false;
    s.endTime = newEnd;
    return true;
  }

  private row(id: BidId, bidderId: UserId, amount: number, maxAmount: number | null, kind: Bid['kind'], now: Instant, details: BidDetails | null): Bid {
    const bid: Bid = { id, auctionId: this.s.id, bidderId, amount, maxAmount, kind, ordinal: ++this.s.bidCount, placedAt: now, details };
    this.bids.push(bid);
    return bid;
  }

  private emit<T extends AuctionEventType>(type: T, payload: EventPayload<T>, now: Instant): void {
    const s = this.s;
    s.seq += 1;
    s.version += 1;
    s.updatedAt = now;
    this.events.push({ type, auctionId: s.id, seq: s.seq, occurredAt: now, payload } as AuctionEvent);
  }

  private terms(): AuctionTerms {
    const s = this.s;
    return {
      title: s.title, description: s.description, categoryId: s.categoryId, type: s.type, currency: s.currency,
      startingPrice: s.startingPrice, reservePrice: s.reservePrice, buyNowPrice: s.buyNowPrice, budgetMax: s.budgetMax,
      increment: s.increment, startTime: s.startTime, endTime: s.endTime, extension: s.extension,
      commissionBps: s.commissionBps, buyerPremiumBps: s.buyerPremiumBps, shippingCost: s.shippingCost,
    };
  }
}

const sameRule = (a: IncrementRule, b: IncrementRule): boolean => JSON.stringify(a) === JSON.stringify(b);
