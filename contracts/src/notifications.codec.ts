import * as t from 'io-ts';
import { AuctionStatusView } from './auction-views.codec';
import { PaginationQueryProps } from './pagination.codec';
import { NotificationView } from './notification-view.codec';
import { IsoDateTime, NonNegativeInt, Uuid } from './primitives.codec';
import { BooleanFromString } from './query.codec';
import { ROOM_EVENT_NAMES, ServerEvents } from './realtime.codec';

/** `GET /notifications?unread=true&page&limit`. */
export const NotificationsQuery = t.exact(t.partial({ unread: BooleanFromString, ...PaginationQueryProps }), 'NotificationsQuery');
export type NotificationsQuery = t.TypeOf<typeof NotificationsQuery>;

/** `POST /notifications/read`: the ids to mark (at most 100), or none for all of them. */
export const MarkNotificationsReadRequest = t.exact(t.partial({ ids: t.array(Uuid) }), 'MarkNotificationsReadRequest');
export type MarkNotificationsReadRequest = t.TypeOf<typeof MarkNotificationsReadRequest>;

export const MarkNotificationsReadData = t.strict({ marked: NonNegativeInt, unreadCount: NonNegativeInt }, 'MarkNotificationsReadData');

/** `GET /notifications/unread-count` and SSE `unread_count` (seed 004: `{ "count": 5 }`). */
export const UnreadCountView = t.strict({ count: NonNegativeInt }, 'UnreadCountView');

// ---- Server-Sent Events (seed 004 §12): the `data:` of each `event:` -------------------------

export const SseConnectedEvent = t.strict({ timestamp: IsoDateTime }, 'SseConnectedEvent');
export const SseUnreadCountEvent = t.strict({ count: NonNegativeInt, timestamp: IsoDateTime }, 'SseUnreadCountEvent');
export const SseHeartbeatEvent = t.strict({ timestamp: IsoDateTime }, 'SseHeartbeatEvent');
/**
 * The last event before the server ends the stream: a graceful shutdown, or the access token the
 * stream was opened with expired (reconnect with a fresh one). The client reconnects either way.
 */
export const SseDisconnectedEvent = t.strict(
  { reason: t.keyof({ shutdown: null, token_expired: null }, 'SseDisconnectReason'), timestamp: IsoDateTime },
  'SseDisconnectedEvent',
);

type RoomEventName = (typeof ROOM_EVENT_NAMES)[number];
const roomUpdate = <N extends RoomEventName>(name: N) =>
  t.strict({ type: t.literal(name), auctionId: Uuid, seq: NonNegativeInt, timestamp: IsoDateTime, payload: ServerEvents[name] });

/**
 * `auction_update` on `/sse/auctions/:id`: the room event's Socket.IO name as `type`, its `seq`
 * (also the SSE `id:`) and time, and its payload as that codec has it (bidder identities left
 * out). `auction_status` is the first event of a stream that does not resume: the status view.
 */
export const SseAuctionUpdateEvent = t.union(
  [
    t.strict({ type: t.literal('auction_status'), auctionId: Uuid, seq: NonNegativeInt, timestamp: IsoDateTime, payload: AuctionStatusView }),
    roomUpdate('bid_update'),
    roomUpdate('auction_extended'),
    roomUpdate('auction_ending'),
    roomUpdate('auction_ended'),
    roomUpdate('auction_snapshot'),
    roomUpdate('auction_created'),
    roomUpdate('auction_published'),
    roomUpdate('auction_started'),
    roomUpdate('auction_updated'),
    roomUpdate('auction_settled'),
    roomUpdate('auction_cancelled'),
  ],
  'SseAuctionUpdateEvent',
);
export type SseAuctionUpdateEvent = t.TypeOf<typeof SseAuctionUpdateEvent>;

/** Every SSE event by its `event:` name. */
export const SseEvents = {
  connected: SseConnectedEvent,
  unread_count: SseUnreadCountEvent,
  heartbeat: SseHeartbeatEvent,
  disconnected: SseDisconnectedEvent,
  notification: NotificationView,
  auction_update: SseAuctionUpdateEvent,
} as const;
export type SseEventName = keyof typeof SseEvents;
