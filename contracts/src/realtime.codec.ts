import type * as t from 'io-ts';
import {
  AuctionLostEvent, AuctionWonEvent, NotificationEvent, OutbidEvent, PaymentCompletedEvent, PaymentRequiredEvent,
} from './realtime-personal.codec';
import type { SubscribeAck, SubscribeRequest, UnsubscribeRequest } from './realtime-client.codec';
import {
  AuctionCancelledEvent, AuctionCreatedEvent, AuctionEndedEvent, AuctionEndingEvent, AuctionExtendedEvent,
  AuctionPublishedEvent, AuctionSettledEvent, AuctionSnapshotEvent, AuctionStartedEvent, AuctionUpdatedEvent,
  BidUpdateEvent,
} from './realtime-stream.codec';

/** Every server → client event by its Socket.IO name (names from the seeds, SPEC "Realtime"). */
export const ServerEvents = {
  bid_update: BidUpdateEvent,
  auction_extended: AuctionExtendedEvent,
  auction_ending: AuctionEndingEvent,
  auction_ended: AuctionEndedEvent,
  auction_snapshot: AuctionSnapshotEvent,
  auction_created: AuctionCreatedEvent,
  auction_published: AuctionPublishedEvent,
  auction_started: AuctionStartedEvent,
  auction_updated: AuctionUpdatedEvent,
  auction_settled: AuctionSettledEvent,
  auction_cancelled: AuctionCancelledEvent,
  outbid: OutbidEvent,
  auction_won: AuctionWonEvent,
  auction_lost: AuctionLostEvent,
  notification: NotificationEvent,
  payment_required: PaymentRequiredEvent,
  payment_completed: PaymentCompletedEvent,
} as const;

export type ServerEventName = keyof typeof ServerEvents;
export type ServerEventPayload<N extends ServerEventName> = t.TypeOf<(typeof ServerEvents)[N]>;

/** Events of the `auction:<id>` room (the snapshot goes to the one socket joining it). */
export const ROOM_EVENT_NAMES = [
  'bid_update', 'auction_extended', 'auction_ending', 'auction_ended', 'auction_snapshot', 'auction_created',
  'auction_published', 'auction_started', 'auction_updated', 'auction_settled', 'auction_cancelled',
] as const satisfies readonly ServerEventName[];

/** Events of the `user:<id>` room. */
export const PERSONAL_EVENT_NAMES = [
  'outbid', 'auction_won', 'auction_lost', 'notification', 'payment_required', 'payment_completed',
] as const satisfies readonly ServerEventName[];

/** Typed event maps for `new Server<ClientToServerEvents, ServerToClientEvents>()`: wire shapes. */
export type ServerToClientEvents = {
  [N in ServerEventName]: (payload: t.OutputOf<(typeof ServerEvents)[N]>) => void;
};

export interface ClientToServerEvents {
  subscribe(request: t.OutputOf<typeof SubscribeRequest>, ack: (answer: t.OutputOf<typeof SubscribeAck>) => void): void;
  unsubscribe(request: t.OutputOf<typeof UnsubscribeRequest>, ack: (answer: t.OutputOf<typeof SubscribeAck>) => void): void;
}
