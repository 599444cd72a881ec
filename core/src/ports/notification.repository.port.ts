import type { NewNotification, Notification, NotificationId } from '../notifications/notification';
import type { UserId } from '../shared/ids';
import type { Instant } from '../shared/time';
import type { Slice, SlicePage } from './auction-catalog.port';

export interface NotificationListQuery {
  readonly unreadOnly: boolean;
  readonly slice: Slice;
}

/**
 * Per-user notifications, inside the unit of work: a use case writes them in the same
 * transaction as the change that causes them, so each is stored exactly once (if and only if
 * that change commits), however many processes run.
 *
 * Cursors: every stored notification gets a number from one increasing sequence of the store
 * (`after` and `feed` read by it). Where transactions commit concurrently (PostgreSQL, MySQL) a
 * smaller number may become visible after a larger one; readers that tail `feed` allow for it.
 */
export interface NotificationRepository {
  /** Stores new notifications (unread), assigning their cursors. */
  add(notifications: readonly NewNotification[]): Promise<void>;
  /** The user's notifications, newest first, with the total matching the query. */
  list(userId: UserId, query: NotificationListQuery): Promise<SlicePage<Notification>>;
  unreadCount(userId: UserId): Promise<number>;
  /**
   * Marks the user's unread notifications among `ids` (or all of them) read at `at`; ids of
   * others' or already read notifications change nothing. Answers how many it marked.
   */
  markRead(userId: UserId, ids: readonly NotificationId[] | 'all', at: Instant): Promise<number>;
  /** The user's notifications with a cursor above `cursor`, in cursor order (SSE resume). */
  after(userId: UserId, cursor: number, limit: number): Promise<Notification[]>;
  /** Everyone's notifications with a cursor above `cursor`, in cursor order (push gateways tail it). */
  feed(cursor: number, limit: number): Promise<Notification[]>;
  /** The highest cursor stored so far; 0 when there is none. */
  latestCursor(): Promise<number>;
}
