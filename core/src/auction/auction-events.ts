import type { AuctionId, BidId, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';
import type { AuctionOutcome, AuctionStatus, BidKind } from './auction-state';
import type { Settlement } from './settlement';

/**
 * Domain events: readonly data, one stream per auction numbered by `seq` from 1, one by one.
 * Everything the `auction:<id>` room sees is one of these (SPEC, "Realtime").
 */
interface EventBase<T extends string, P> {
  readonly type: T;
  readonly auctionId: AuctionId;
  readonly seq: number;
  readonly occurredAt: Instant;
  readonly payload: P;
}

export interface BidRow {
  readonly id: BidId;
  readonly bidderId: UserId;
  readonly amount: number;
  readonly kind: BidKind;
}

export type AuctionCreated = EventBase<'AuctionCreated', {
  readonly sellerId: UserId;
  readonly status: AuctionStatus;
}>;

export type AuctionUpdated = EventBase<'AuctionUpdated', { readonly fields: readonly string[] }>;

export type AuctionPublished = EventBase<'AuctionPublished', {
  readonly status: 'SCHEDULED' | 'LIVE';
  readonly startTime: Instant;
  readonly endTime: Instant;
}>;

export type AuctionStarted = EventBase<'AuctionStarted', { readonly endTime: Instant }>;

export type BidPlaced = EventBase<'BidPlaced', {
  /** The bid the bidder asked for. */
  readonly bidId: BidId;
  readonly bidderId: UserId;
  /** Every row this decision recorded, in order: the manual bid and the automatic answers. */
  readonly bids: readonly BidRow[];
  readonly currentPrice: number;
  readonly leaderId: UserId;
  readonly previousLeaderId: UserId | null;
  readonly bidCount: number;
  readonly reserveMet: boolean;
  readonly minNextBid: number;
  readonly buyNowAvailable: boolean;
  readonly endTime: Instant;
}>;

export type AuctionExtended = EventBase<'AuctionExtended', {
  readonly previousEndTime: Instant;
  readonly endTime: Instant;
  readonly bidId: BidId;
}>;

export type AuctionEnded = EventBase<'AuctionEnded', {
  readonly outcome: AuctionOutcome;
  readonly via: 'time' | 'buy_now';
  readonly winnerId: UserId | null;
  readonly finalPrice: number | null;
  readonly bidCount: number;
  /** Everyone who bid, so the won/lost notices can be derived from this event alone. */
  readonly bidderIds: readonly UserId[];
}>;

export type AuctionSettled = EventBase<'AuctionSettled', { readonly settlement: Settlement }>;

export type AuctionCancelled = EventBase<'AuctionCancelled', { readonly cancelledBy: UserId }>;

export type AuctionEvent =
  | AuctionCreated
  | AuctionUpdated
  | AuctionPublished
  | AuctionStarted
  | BidPlaced
  | AuctionExtended
  | AuctionEnded
  | AuctionSettled
  | AuctionCancelled;

export type AuctionEventType = AuctionEvent['type'];
export type EventPayload<T extends AuctionEventType> = Extract<AuctionEvent, { type: T }>['payload'];
