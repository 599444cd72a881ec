import * as t from 'io-ts';
import { AuctionOutcome } from './auction-parts.codec';
import { Amount, CurrencyCode, IsoDateTime, nullable, Uuid } from './primitives.codec';
import { NotificationData, NotificationType } from './notification-view.codec';
import { eventBaseProps } from './realtime-stream.codec';

/**
 * Events for the `user:<id>` room. Each is derived from a stream event and carries that event's
 * `seq`; it takes no number of its own (SPEC, "Realtime").
 */
const personal = <P extends t.Props>(name: string, props: P) =>
  t.strict({ ...eventBaseProps, userId: Uuid, ...props }, name);

export const OutbidEvent = personal('OutbidEvent', { currentPrice: Amount, minNextBid: Amount });

export const AuctionWonEvent = personal('AuctionWonEvent', { finalPrice: Amount });

export const AuctionLostEvent = personal('AuctionLostEvent', { outcome: AuctionOutcome, finalPrice: nullable(Amount) });

/**
 * A stored notification as it is pushed to its user's sockets: the view `GET /notifications`
 * lists (mark it read by its `id`), with the `seq` of the stream event that caused it.
 */
export const NotificationEvent = personal('NotificationEvent', {
  id: Uuid,
  type: NotificationType,
  title: t.string,
  message: t.string,
  data: NotificationData,
  createdAt: IsoDateTime,
});

export const PaymentRequiredEvent = personal('PaymentRequiredEvent', { amount: Amount, currency: CurrencyCode, dueBy: IsoDateTime });

export const PaymentCompletedEvent = personal('PaymentCompletedEvent', { amount: Amount, currency: CurrencyCode });
