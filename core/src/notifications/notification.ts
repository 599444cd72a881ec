import type { AuctionId, Brand, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';

export type NotificationId = Brand<string, 'NotificationId'>;
export const NotificationId = (value: string): NotificationId => value as NotificationId;

/**
 * What happened to the person notified (SPEC "Realtime" personal events, seed 004's
 * notification list): outbid on a live auction; won or lost one that ended; or, as its seller,
 * the end of one's own auction (sold, reserve not met, no bids).
 */
export type NotificationType = 'outbid' | 'auction_won' | 'auction_lost' | 'auction_ended';

export const NOTIFICATION_TYPES: readonly NotificationType[] = ['outbid', 'auction_won', 'auction_lost', 'auction_ended'];

/** Small, flat JSON for clients (amounts in minor units, the currency, the outcome). */
export type NotificationData = Readonly<Record<string, string | number | boolean | null>>;

/** A notification as the use case that causes it writes it (in the same unit of work). */
export interface NewNotification {
  readonly id: NotificationId;
  readonly userId: UserId;
  readonly type: NotificationType;
  readonly auctionId: AuctionId;
  readonly title: string;
  readonly message: string;
  readonly data: NotificationData;
  readonly createdAt: Instant;
}

/**
 * A stored notification. `cursor` is a number the store assigns, increasing across the whole
 * store: SSE sends it as the event id, so `Last-Event-ID` resumes after it. It says nothing about
 * how many notifications a user has (numbers are shared by all users and may skip).
 */
export interface Notification extends NewNotification {
  readonly readAt: Instant | null;
  readonly cursor: number;
}
