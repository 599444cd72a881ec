import { decode, SubscribeRequest, UnsubscribeRequest } from '@gavel/contracts';
import { ANONYMOUS, AuctionId, type AuctionView, asViewer, type Viewer } from '@gavel/core';
import type { Socket } from 'socket.io';
import { auctionRoom, type EventFanout } from './event-fanout';
import type { GatewayDeps } from './gateway-deps';
import type { SocketData } from './handshake.middleware';
import { type AckAnswer, encodeAck, encodeWire, refusal } from './wire-encoder';
import { snapshotOf } from './wire-events.mapper';

export interface SubscriptionContext {
  readonly deps: Pick<GatewayDeps, 'snapshot' | 'logger'>;
  readonly fanout: EventFanout;
  readonly maxSubscriptions: number;
  readonly validate: boolean;
  /** Told of every snapshot sent (the ending notices learn the auction's status and end from it). */
  readonly onSnapshot?: (view: AuctionView) => void;
}

const viewerOf = (socket: Socket): Viewer => {
  const { actor } = socket.data as SocketData;
  return actor ? asViewer(actor) : ANONYMOUS;
};

const auctionRooms = (socket: Socket): number => {
  let n = 0;
  for (const room of socket.rooms) if (room.startsWith('auction:')) n += 1;
  return n;
};

const invalid = (details: Record<string, string>): AckAnswer =>
  refusal('VALIDATION_ERROR', Object.entries(details).map(([field, reason]) => `${field}: ${reason}`).join('; '));

/**
 * Joins the room, THEN reads the snapshot: an event committed after the read reaches the room,
 * and one relayed between the join and the read arrives before the snapshot with a `seq` the
 * snapshot already includes, which the client drops (seq ≤ snapshot.seq). Nothing falls between.
 * A socket not yet in the room is first checked against the auction's visibility, so a stranger
 * never sits, even briefly, in the room of someone's draft.
 */
const subscribe = async (socket: Socket, raw: unknown, ctx: SubscriptionContext): Promise<AckAnswer> => {
  const request = decode(SubscribeRequest, raw);
  if (!request.ok) return invalid(request.details);
  const auctionId = AuctionId(request.value.auctionId);
  const room = auctionRoom(auctionId);
  const viewer = viewerOf(socket);
  let joined = false;
  if (!socket.rooms.has(room)) {
    if (auctionRooms(socket) >= ctx.maxSubscriptions) {
      return refusal('RATE_LIMIT_EXCEEDED', `At most ${ctx.maxSubscriptions} subscriptions per connection`);
    }
    const visible = await ctx.deps.snapshot(auctionId, viewer);
    if (!visible.ok) return refusal(visible.error.code, visible.error.message);
    if (socket.disconnected) return refusal('INTERNAL_ERROR', 'Disconnected');
    socket.join(room);
    joined = true;
  }
  try {
    const view = await ctx.deps.snapshot(auctionId, viewer);
    if (!view.ok) {
      if (joined) socket.leave(room);
      return refusal(view.error.code, view.error.message);
    }
    const encoded = encodeWire(snapshotOf(view.value), ctx.validate);
    if (!encoded.ok) throw new Error(`auction_snapshot does not decode: ${JSON.stringify(encoded.details)}`);
    socket.emit('auction_snapshot', encoded.payload);
    ctx.fanout.noteSnapshot(auctionId, view.value.seq);
    ctx.onSnapshot?.(view.value);
    return { ok: true, seq: view.value.seq };
  } catch (err) {
    if (joined) socket.leave(room);
    throw err;
  }
};

/** Leaves the room; the ack's `seq` is the last this gateway sent for the auction (0 if none). */
const unsubscribe = async (socket: Socket, raw: unknown, ctx: SubscriptionContext): Promise<AckAnswer> => {
  const request = decode(UnsubscribeRequest, raw);
  if (!request.ok) return invalid(request.details);
  socket.leave(auctionRoom(request.value.auctionId));
  return { ok: true, seq: ctx.fanout.lastSeq(request.value.auctionId) };
};

/**
 * `subscribe` / `unsubscribe`, answered through the ack. One socket's requests run one after
 * the other, so a subscribe followed by an unsubscribe ends unsubscribed whatever the reads cost.
 */
export const handleSubscriptions = (socket: Socket, ctx: SubscriptionContext): void => {
  let queue: Promise<void> = Promise.resolve();
  const serial = (run: () => Promise<AckAnswer>, ack: unknown): void => {
    const reply = (answer: AckAnswer): void => {
      if (typeof ack === 'function') (ack as (answer: unknown) => void)(encodeAck(answer));
    };
    queue = queue.then(run).then(reply, (err: unknown) => {
      ctx.deps.logger.error({ err, socketId: socket.id }, 'realtime: a subscription request failed');
      reply(refusal('INTERNAL_ERROR', 'Internal error; retry later'));
    });
  };
  // Socket.IO passes the ack last; a request sent without a body has only the ack.
  const on = (name: string, handler: typeof subscribe): void => {
    socket.on(name, (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? args.pop() : undefined;
      serial(() => handler(socket, args[0], ctx), ack);
    });
  };
  on('subscribe', subscribe);
  on('unsubscribe', unsubscribe);
};
