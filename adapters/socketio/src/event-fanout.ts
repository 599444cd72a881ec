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
 * cost per watcher is a socket write. Emits are synchronous and in the order events arrive, so a
 * socket receives an auction's events in the order of the source (per-auction `seq` order).
 */
export class EventFanout {
  readonly counters: FanoutCounters = { relayed: 0, emitted: 0, invalid: 0 };
  /** Highest `seq` sent for each auction room that has sockets here (rooms deleted with their last socket). */
  private readonly sentSeq = new Map<string, number>();

  constructor(
    private readonly io: Server,
    private readonly logger: GatewayLogger,
    private readonly options: { readonly local: boolean; readonly validate: boolean },
  ) {
    io.of('/').adapter.on('delete-room', (room: string) => this.sentSeq.delete(room));
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
    if (here && !PERSONAL.has(event.name)) this.noteSeq(payload.auctionId, payload.seq);
    (this.options.local ? this.io.local : this.io).to(room).emit(event.name, encoded.payload);
    this.counters.emitted += 1;
  }

  /** The highest `seq` this process has sent to the auction's room (events or snapshots), 0 if none. */
  lastSeq(auctionId: string): number {
    return this.sentSeq.get(auctionRoom(auctionId)) ?? 0;
  }

  noteSeq(auctionId: string, seq: number): void {
    const room = auctionRoom(auctionId);
    if (seq > (this.sentSeq.get(room) ?? 0)) this.sentSeq.set(room, seq);
  }
}
