import * as t from 'io-ts';
import { IsoDateTime, nullable, Uuid } from './primitives.codec';

export const NotificationType = t.keyof(
  { outbid: null, auction_won: null, auction_lost: null, auction_ended: null },
  'NotificationType',
);
export type NotificationType = t.TypeOf<typeof NotificationType>;

/** Small flat JSON: amounts in minor units, the currency, the outcome, the auction's title. */
export const NotificationData = t.record(t.string, t.union([t.string, t.number, t.boolean, t.null]), 'NotificationData');

/** One notification (`GET /notifications`, SSE `notification`). */
export const NotificationView = t.strict(
  {
    id: Uuid,
    type: NotificationType,
    auctionId: Uuid,
    title: t.string,
    message: t.string,
    data: NotificationData,
    createdAt: IsoDateTime,
    readAt: nullable(IsoDateTime),
  },
  'NotificationView',
);
export type NotificationView = t.TypeOf<typeof NotificationView>;
