import { PERSONAL_EVENT_NAMES } from '@gavel/contracts';
import { personalNotices, type StoredEvent } from '@gavel/core';
import type { Server } from 'socket.io';
import type { GatewayLogger } from './gateway-deps';
import { encodeWire } from './wire-encoder';
import { personalEventOf, roomEventOf, type WireEvent } from './wire-events.mapper';

export const auctionRoom = (auctionId: string): string => `auction:${auctionId}`;
export const userRoom = (userId: string): string => `user:${userId}`;

const PERSONAL: ReadonlySet<string> = new Set(PERSONAL_EVENT_NAMES);

/** Counters `stats()` reports. */
export interface FanoutCounters {
  /** Room events sent in a batch (one write per socket for several events: see `EventFanout`). */
  batched: number;
  /** Stream events received from the event source. */
  relayed: number;
  /** Emits to a room (one per room per event, whatever the number of sockets in it). */
  emitted: number;
  /** Payloads that did not decode with their codec (a bug: logged and not sent). */
  invalid: number;
}

/**
 * Turns each stream event into its room event and its personal events and emits each once to
 * its room: Socket.IO encodes a broadcast once and writes the same frame to every socket, so the
 * cost per watcher is a socket write. Events go out in the order they arrive, so a socket receives
 * an auction's events in the order of the source (per-auction `seq` order).
 *
 * Per-room batching: local emits wait for the end of the current turn (a microtask), and when all
 * of them are for one room, which is what a relay pass that read several bids of one auction
 * gives, each websocket in it gets their frames in ONE write instead of one each. Under load the
 * relay reads bigger batches, so the cost per event falls as the load rises instead of the event
 * loop falling further behind (bench/results/README.md, "realtime.json"). Mixed rooms, and
 * polling sockets, get plain emits. Batches bypass the adapter's broadcast, which is fine while
 * the gateway runs without Socket.IO's connection-state recovery (which records broadcasts).
 */
export class EventFanout {
  readonly counters: FanoutCounters = { relayed: 0, emitted: 0, invalid: 0, batched: 0 };
  /** Local emits of this turn of the event loop, in order, sent together by `flush` (a microtask). */
  private queue: { readonly room: string; readonly name: string; readonly payload: unknown }[] = [];
  /** Highest `seq` sent for each auction room that has sockets here (rooms deleted with their last socket). */
  private readonly sentSeq = new Map<string, number>();
  /** Per auction room here, a `seq` every socket in it has reached (see `reachedSeq`). */
  private readonly reached = new Map<string, { seq: number; byEvent: boolean }>();

  constructor(
    private readonly io: Server,
    private readonly logger: GatewayLogger,
    private readonly options: { readonly local: boolean; readonly validate: boolean },
  ) {
    io.of('/').adapter.on('delete-room', (room: string) => {
      this.sentSeq.delete(room);
      this.reached.delete(room);
    });
  }

  /** The event source's listener: never throws (a throw would stop the relay for everyone). */
  readonly relay = (event: StoredEvent): void => {
    this.counters.relayed += 1;
    try {
      this.publish(roomEventOf(event));
      for (const notice of personalNotices(event)) this.publish(personalEventOf(notice));
    } catch (err) {
      this.logger.error({ err, auctionId: event.auctionId, seq: event.seq, type: event.type }, 'realtime: relaying an event failed');
    }
  };

  /** Sends one wire event to its room: personal events to `user:<userId>`, the rest to `auction:<auctionId>`. */
  publish(event: WireEvent): void {
    const payload = event.payload;
    const room = PERSONAL.has(event.name) ? userRoom((payload as { userId: string }).userId) : auctionRoom(payload.auctionId);
    const here = this.io.of('/').adapter.rooms.has(room);
    // Each gateway tails the outbox itself (`local`): a room without sockets here is nobody's.
    if (this.options.local && !here) return;
    const encoded = encodeWire(event, this.options.validate);
    if (!encoded.ok) {
      this.counters.invalid += 1;
      this.logger.error({ event: event.name, room, details: encoded.details }, 'realtime: payload does not decode with its codec; not sent');
      return;
    }
    if (here && !PERSONAL.has(event.name)) {
      this.noteSeq(payload.auctionId, payload.seq);
      if (event.name !== 'auction_ending') this.noteRoomEvent(room, payload.seq);
    }
    this.counters.emitted += 1;
    if (!this.options.local) {
      this.io.to(room).emit(event.name, encoded.payload);
      return;
    }
    this.queue.push({ room, name: event.name, payload: encoded.payload });
    if (this.queue.length === 1) queueMicrotask(this.flush);
  }

  private readonly flush = (): void => {
    const queue = this.queue;
    this.queue = [];
    const room = queue[0]?.room;
    if (room !== undefined && queue.length > 1 && queue.every((q) => q.room === room) && this.writeBatch(room, queue)) return;
    for (const q of queue) this.io.local.to(q.room).emit(q.name, q.payload);
  };

  /**
   * The events' packets, encoded once, as consecutive WebSocket frames in one buffer, handed to
   * each websocket of the room through Engine.IO's pre-encoded frame option (the one Socket.IO's
   * own broadcasts use), which Engine.IO is asked about per socket; the others get one write per
   * packet. False (nothing sent) when a packet does not encode to one string, or frames would be
   * compressed.
   */
  private writeBatch(room: string, queue: readonly { readonly name: string; readonly payload: unknown }[]): boolean {
    if (this.io.engine.opts.perMessageDeflate) return false;
    const packets: string[] = [];
    for (const q of queue) {
      const encoded: unknown[] = this.io.encoder.encode({ type: EVENT_PACKET, nsp: '/', data: [q.name, q.payload] });
      if (encoded.length !== 1 || typeof encoded[0] !== 'string') return false;
      packets.push(encoded[0]);
    }
    const frames = Buffer.concat(packets.map((p) => textFrame(Buffer.from(`4${p}`))));
    const preEncoded = { options: { wsPreEncodedFrame: [frames] } };
    const nsp = this.io.of('/');
    for (const id of nsp.adapter.rooms.get(room) ?? []) {
      const conn = nsp.sockets.get(id)?.conn;
      if (!conn) continue;
      const transport = conn.transport as unknown as { _canSendPreEncodedFrame?: (packet: unknown) => boolean };
      if (transport._canSendPreEncodedFrame?.(preEncoded) === true) conn.write(packets[0]!, preEncoded.options as object);
      else for (const p of packets) conn.write(p);
    }
    this.counters.batched += queue.length;
    return true;
  }

  /** The highest `seq` this process has sent to the auction's room (events or snapshots), 0 if none. */
  lastSeq(auctionId: string): number {
    return this.sentSeq.get(auctionRoom(auctionId)) ?? 0;
  }

  noteSeq(auctionId: string, seq: number): void {
    const room = auctionRoom(auctionId);
    if (seq > (this.sentSeq.get(room) ?? 0)) this.sentSeq.set(room, seq);
  }

  /** A snapshot sent to one socket of the room. */
  noteSnapshot(auctionId: string, seq: number): void {
    this.noteSeq(auctionId, seq);
    const room = auctionRoom(auctionId);
    const r = this.reached.get(room);
    if (r === undefined) this.reached.set(room, { seq, byEvent: false });
    else if (!r.byEvent && seq < r.seq) r.seq = seq;
  }

  /**
   * A `seq` that every socket in the auction's room has reached (0 if none is known), for events
   * that must never look like a step or a gap (`auction_ending`): the highest stream event sent to
   * the room, which each socket got or has in its snapshot (read after it joined); before any, the
   * lowest snapshot sent. `lastSeq` may be higher: a snapshot can be ahead of the relay, and the
   * sockets that subscribed earlier have not reached it yet.
   */
  reachedSeq(auctionId: string): number {
    return this.reached.get(auctionRoom(auctionId))?.seq ?? 0;
  }

  private noteRoomEvent(room: string, seq: number): void {
    const r = this.reached.get(room);
    if (r === undefined || !r.byEvent) this.reached.set(room, { seq, byEvent: true });
    else if (seq > r.seq) r.seq = seq;
  }
}

/** Socket.IO's EVENT packet type (socket.io-parser `PacketType.EVENT`). */
const EVENT_PACKET = 2;

/** One final, unmasked WebSocket text frame around `data` (RFC 6455 §5.2): what a server sends. */
const textFrame = (data: Buffer): Buffer => {
  const n = data.length;
  const header = n < 126 ? Buffer.from([0x81, n]) : n < 65_536 ? Buffer.from([0x81, 126, n >> 8, n & 0xff]) : Buffer.alloc(10);
  if (n >= 65_536) {
    header[0] = 0x81;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(n), 2);
  }
  return Buffer.concat([header, data]);
};
