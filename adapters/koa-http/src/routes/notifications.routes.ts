import { MarkNotificationsReadData, MarkNotificationsReadRequest, NotificationsQuery, NotificationView, Paginated, UnreadCountView } from '@gavel/contracts';
import type { HttpDeps } from '../http-deps';
import { type AnyRoute, route } from '../route';
import { pageRequest } from './route-support';

/** The caller's notifications (seed 004 §11), written by the bids and closings that cause them. */
export const notificationRoutes = ({ marketplace }: HttpDeps): AnyRoute[] => [
  route({
    operationId: 'listNotifications', method: 'get', path: '/notifications', tag: 'notifications', auth: 'required',
    summary: 'The caller\'s notifications, newest first (`?unread=true`: the unread ones only)',
    query: NotificationsQuery, response: Paginated(NotificationView), status: 200, errors: [],
    handle: ({ actor, query }) => marketplace.listNotifications.execute({ actor: actor!, unreadOnly: query.unread ?? false, page: pageRequest(query) }),
  }),
  route({
    operationId: 'getUnreadNotificationCount', method: 'get', path: '/notifications/unread-count', tag: 'notifications', auth: 'required',
    summary: 'How many of the caller\'s notifications are unread', response: UnreadCountView, status: 200, errors: [],
    handle: ({ actor }) => marketplace.unreadCount.execute({ actor: actor! }),
  }),
  route({
    operationId: 'markNotificationsRead', method: 'post', path: '/notifications/read', tag: 'notifications', auth: 'required',
    summary: 'Mark notifications read: `{ ids }` (at most 100), or all of them without ids; answers what is left unread',
    description: 'Ids of notifications that are not the caller\'s are ignored. Marking again keeps the first read time.',
    body: MarkNotificationsReadRequest, response: MarkNotificationsReadData, status: 200, errors: [],
    handle: ({ actor, body }) => marketplace.markNotificationsRead.execute({ actor: actor!, ids: body.ids ?? null }),
  }),
];
