import * as t from 'io-ts';
import { ErrorCode } from './error-codes.codec';
import { NonNegativeInt, Uuid } from './primitives.codec';

/** Client → server: `subscribe` / `unsubscribe` `{ auctionId }`, answered through the ack. */
export const SubscribeRequest = t.strict({ auctionId: Uuid }, 'SubscribeRequest');
export type SubscribeRequest = t.TypeOf<typeof SubscribeRequest>;
export const UnsubscribeRequest = t.strict({ auctionId: Uuid }, 'UnsubscribeRequest');
export type UnsubscribeRequest = t.TypeOf<typeof UnsubscribeRequest>;

/** `seq` of the snapshot the server sends next: later events continue from it. */
export const SubscribeAck = t.union(
  [
    t.strict({ ok: t.literal(true), seq: NonNegativeInt }, 'SubscribeAckOk'),
    t.strict({ ok: t.literal(false), code: ErrorCode, message: t.string }, 'SubscribeAckError'),
  ],
  'SubscribeAck',
);
export type SubscribeAck = t.TypeOf<typeof SubscribeAck>;
