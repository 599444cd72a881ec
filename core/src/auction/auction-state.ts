import type { CurrencyCode } from '../shared/currency';
import type { AuctionId, BidId, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';
import type { IncrementRule } from './increments';
import type { Settlement } from './settlement';

export type AuctionType = 'forward' | 'reverse';
export type AuctionStatus = 'DRAFT' | 'SCHEDULED' | 'LIVE' | 'ENDED' | 'CANCELLED';
export type AuctionOutcome = 'SOLD' | 'RESERVE_NOT_MET' | 'NO_BIDS';

/** Soft close (anti-sniping): 0 seconds of window is a hard close. */
export interface ExtensionRule {
  readonly windowSeconds: number;
  readonly extendBySeconds: number;
}

/**
 * Everything persisted about an auction except its bids. Amounts are integer minor units of
 * `currency`; instants are epoch milliseconds. Plain data, so adapters can store and copy it.
 */
export interface AuctionState {
  readonly id: AuctionId;
  /** The seller; in a reverse auction the creator of the request (the one who pays). */
  readonly sellerId: UserId;
  readonly type: AuctionType;
  readonly title: string;
  readonly description: string;
  readonly categoryId: string | null;
  readonly currency: CurrencyCode;
  /** Forward: the opening bid. Reverse: the ceiling of the first bid unless `budgetMax` is set. */
  readonly startingPrice: number;
  readonly reservePrice: number | null;
  readonly buyNowPrice: number | null;
  /** Reverse only: the most the creator will pay; caps the first bid (seed 002). */
  readonly budgetMax: number | null;
  readonly increment: IncrementRule;
  readonly startTime: Instant | null;
  readonly endTime: Instant;
  readonly originalEndTime: Instant;
  readonly extension: ExtensionRule;
  readonly commissionBps: number;
  readonly buyerPremiumBps: number;
  readonly shippingCost: number;
  readonly status: AuctionStatus;
  readonly outcome: AuctionOutcome | null;
  /** Price of the leading bid; null before the first bid. */
  readonly currentPrice: number | null;
  readonly bidCount: number;
  readonly leaderId: UserId | null;
  /** The leader's proxy maximum (its bid when it gave none). Private to the leader. */
  readonly leaderMax: number | null;
  readonly winnerId: UserId | null;
  readonly settlement: Settlement | null;
  readonly endedAt: Instant | null;
  /** When it was first published; null for an auction that never left the draft stage. */
  readonly publishedAt: Instant | null;
  /** Number of the last event in this auction's stream (0 before any). */
  readonly seq: number;
  /** Bumped on every change; adapters may use it for optimistic checks. */
  readonly version: number;
  readonly createdAt: Instant;
  readonly updatedAt: Instant;
}

export type BidKind = 'bid' | 'auto' | 'max_raise' | 'buy_now';

/**
 * One accepted bid row. Automatic bids placed by the proxy are rows of their own (`auto`), as
 * is a leader raising its maximum (`max_raise`) and a buy-now purchase, so that the bids table
 * alone explains the price and the bid count.
 */
export interface Bid {
  readonly id: BidId;
  readonly auctionId: AuctionId;
  readonly bidderId: UserId;
  readonly amount: number;
  /** Proxy maximum given with a manual bid; private to its bidder. */
  readonly maxAmount: number | null;
  readonly kind: BidKind;
  /** 1-based position in the auction's bids; equals the bid count once the row is stored. */
  readonly ordinal: number;
  readonly placedAt: Instant;
  /** Reverse auctions (seed 002): the offer's text, seen by the creator and the bidder only. */
  readonly details: BidDetails | null;
}

export interface BidDetails {
  readonly description?: string;
  readonly estimatedDuration?: string;
  readonly notes?: string;
}
