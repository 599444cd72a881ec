import * as t from 'io-ts';
import { AuctionOutcome } from './auction-parts.codec';
import { Amount, CurrencyCode, IsoDateTime, nullable, Uuid } from './primitives.codec';
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

export const NotificationEvent = personal('NotificationEvent', { id: Uuid, kind: t.string, title: t.string, body: t.string });

export const PaymentRequiredEvent = personal('PaymentRequiredEvent', { amount: Amount, currency: CurrencyCode, dueBy: IsoDateTime });

export const PaymentCompletedEvent = personal('PaymentCompletedEvent', { amount: Amount, currency: CurrencyCode });
