import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { Clock } from '../ports/clock.port';
import type { AuctionId, UserId } from '../shared/ids';
import { toIso } from '../shared/time';
import type { Notification, NotificationData, NotificationId, NotificationType } from './notification';

/** What the notification use cases need: the repository lives in the unit of work. */
export interface NotificationDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
}

/** A notification on the wire (`GET /notifications`, SSE `notification`). */
export interface NotificationView {
  readonly id: NotificationId;
  readonly type: NotificationType;
  readonly auctionId: AuctionId;
  readonly title: string;
  readonly message: string;
  readonly data: NotificationData;
  readonly createdAt: string;
  readonly readAt: string | null;
}

/** A view with its place in the store's order and its owner, for streams that resume. */
export interface StreamedNotification {
  readonly userId: UserId;
  readonly cursor: number;
  readonly view: NotificationView;
}

export const viewNotification = (n: Notification): NotificationView => ({
  id: n.id,
  type: n.type,
  auctionId: n.auctionId,
  title: n.title,
  message: n.message,
  data: n.data,
  createdAt: toIso(n.createdAt),
  readAt: n.readAt === null ? null : toIso(n.readAt),
});

export const streamed = (n: Notification): StreamedNotification => ({ userId: n.userId, cursor: n.cursor, view: viewNotification(n) });

/** Most a stream reads at once. */
export const MAX_STREAM_BATCH = 1000;

/** A cursor (0 = from the start) and a batch size a stream may ask for. */
export const validBatch = (after: number, limit: number): boolean =>
  Number.isSafeInteger(after) && after >= 0 && Number.isSafeInteger(limit) && limit >= 1 && limit <= MAX_STREAM_BATCH;
