import { GetNotificationFeed } from './get-notification-feed.use-case';
import { GetNotificationsAfter } from './get-notifications-after.use-case';
import { GetUnreadCount } from './get-unread-count.use-case';
import { ListNotifications } from './list-notifications.use-case';
import { MarkNotificationsRead } from './mark-notifications-read.use-case';
import type { NotificationDeps } from './notification-view';

/**
 * The notification use cases. Writing is not among them: the commands that cause a
 * notification write it themselves (`persistAndNotify`). `createMarketplace` includes these.
 */
export const createNotifications = (deps: NotificationDeps) => ({
  listNotifications: new ListNotifications(deps),
  unreadCount: new GetUnreadCount(deps),
  markNotificationsRead: new MarkNotificationsRead(deps),
  notificationsAfter: new GetNotificationsAfter(deps),
  notificationFeed: new GetNotificationFeed(deps),
});

export type Notifications = ReturnType<typeof createNotifications>;
