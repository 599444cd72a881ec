import {
  type AuctionView, checkEndingNoticePolicy, type Clock, type EndingNoticePolicy, endingSecondsRemaining, type Instant,
  nextEndingNotice, type Result, type StoredEvent, toIso,
} from '@gavel/core';
import type { Server } from 'socket.io';
import { auctionRoom, type EventFanout } from './event-fanout';
import type { GatewayLogger } from './gateway-deps';

/** setTimeout's longest delay (2^31 - 1 ms, about 24.8 days): a longer wait is armed in steps. */
const MAX_DELAY_MS = 2_147_483_647;
/**
 * A timer found firing more than this before its instant by the gateway's clock (a wait armed in
 * steps, a clock stepped back) is armed again; less is timer jitter, and the rounded
 * `timeRemaining` absorbs it.
 */
const EARLY_MS = 20;
const ROOM_PREFIX = auctionRoom('');

interface Watch {
  /** `seq` of the newest state learned: an older one arriving later (a relay behind a snapshot) is ignored. */
  seq: number;
  /** The end of a LIVE auction; null while it is not live (scheduled, ended, cancelled). */
  endTime: Instant | null;
  /** The notice instant the timer waits for. */
  due: Instant | null;
  timer: ReturnType<typeof setTimeout> | null;
}

export interface EndingTickerDeps {
  readonly io: Server;
  readonly fanout: EventFanout;
  /** The gateway's clock: "now" for the schedule, the payload's `timestamp` and `timeRemaining`. */
  readonly clock: Clock;
  readonly logger: GatewayLogger;
  /** The auction's public view, read again when an edit moved its end (`AuctionUpdated` says only which fields changed). */
  readonly publicView: (auctionId: string) => Promise<Result<AuctionView>>;
}

/**
 * `auction_ending` notices (seed: "Auction Countdown"), derived by each gateway process for the
 * auction rooms it has sockets in: one timer per room, for the next notice instant of the latest
 * end time this process knows of a LIVE auction. It learns end times from what the gateway sends
 * the room anyway (the snapshot on subscribe, and the stream events behind `bid_update`,
 * `auction_extended`, `auction_started`, `auction_published`); an end, a cancellation or the
 * room's last socket leaving stops it. A notice carries the room's current `seq` (the last stream
 * event this process sent the room: `EventFanout.reachedSeq`), so it is never a step of the stream
 * nor a gap for any socket there (docs/realtime.md).
 *
 * Why not durable scheduler jobs: a job would need a channel to every gateway outside the ordered
 * outbox, for a reminder that needs no durability and matters only where someone watches.
 */
export class EndingTicker {
  private readonly watches = new Map<string, Watch>();
  private readonly policy: EndingNoticePolicy;
  private armed = 0;
  private notices = 0;
  private closed = false;
  private readonly onDeleteRoom = (room: string): void => {
    if (room.startsWith(ROOM_PREFIX)) this.forget(room.slice(ROOM_PREFIX.length));
  };

  constructor(private readonly deps: EndingTickerDeps, policy: EndingNoticePolicy) {
    this.policy = checkEndingNoticePolicy(policy);
    deps.io.of('/').adapter.on('delete-room', this.onDeleteRoom);
  }

  /** Timers armed now (one per watched auction with a notice still to come). */
  get timers(): number {
    return this.armed;
  }

  /** Notices sent since start. */
  get sent(): number {
    return this.notices;
  }

  /** A stream event relayed here: never throws (it runs inside the relay's listener). */
  observe(event: StoredEvent): void {
    try {
      switch (event.type) {
        case 'AuctionPublished':
          return this.learn(event.auctionId, event.seq, event.payload.status === 'LIVE' ? event.payload.endTime : null);
        case 'AuctionStarted':
        case 'BidPlaced':
        case 'AuctionExtended':
          return this.learn(event.auctionId, event.seq, event.payload.endTime);
        case 'AuctionEnded':
        case 'AuctionSettled':
        case 'AuctionCancelled':
          return this.learn(event.auctionId, event.seq, null);
        case 'AuctionUpdated':
          if (event.payload.fields.includes('endTime')) this.reread(event.auctionId);
          return;
        default:
          return;
      }
    } catch (err) {
      this.deps.logger.error({ err, auctionId: event.auctionId, seq: event.seq }, 'realtime: ending notices could not follow an event');
    }
  }

  /** A snapshot sent to a subscriber (or read again after an edit). */
  observeView(view: AuctionView): void {
    this.learn(view.id, view.seq, view.status === 'LIVE' ? Date.parse(view.endTime) : null);
  }

  close(): void {
    this.closed = true;
    this.deps.io.of('/').adapter.off('delete-room', this.onDeleteRoom);
    for (const w of this.watches.values()) this.disarm(w);
    this.watches.clear();
  }

  private learn(auctionId: string, seq: number, endTime: Instant | null): void {
    // Only rooms with sockets here: a watch starts with the room and ends with it (`delete-room`).
    if (this.closed || !this.deps.io.of('/').adapter.rooms.has(auctionRoom(auctionId))) return;
    const w = this.watches.get(auctionId);
    if (w === undefined) {
      const fresh: Watch = { seq, endTime, due: null, timer: null };
      this.watches.set(auctionId, fresh);
      this.schedule(auctionId, fresh, this.deps.clock.now());
      return;
    }
    if (seq < w.seq) return;
    w.seq = seq;
    if (endTime === w.endTime) return;
    w.endTime = endTime;
    this.schedule(auctionId, w, this.deps.clock.now());
  }

  private reread(auctionId: string): void {
    const w = this.watches.get(auctionId);
    if (w === undefined || w.endTime === null) return; // not live: the start event will carry the end
    this.deps.publicView(auctionId).then(
      (view) => {
        if (view.ok) this.observeView(view.value);
      },
      (err: unknown) => this.deps.logger.warn({ err, auctionId }, 'realtime: ending notices could not read an edited auction'),
    );
  }

  /** Arms the timer for the first notice after `after`, unless it already waits for that one. */
  private schedule(auctionId: string, w: Watch, after: Instant): void {
    const due = w.endTime === null ? null : nextEndingNotice(w.endTime, after, this.policy);
    if (due === w.due && w.timer !== null) return;
    this.disarm(w);
    w.due = due;
    if (due !== null) this.arm(auctionId, w, due);
  }

  private arm(auctionId: string, w: Watch, due: Instant): void {
    const delay = Math.min(Math.max(0, due - this.deps.clock.now()), MAX_DELAY_MS);
    w.timer = setTimeout(() => this.fire(auctionId, w), delay);
    w.timer.unref();
    this.armed += 1;
  }

  private disarm(w: Watch): void {
    if (w.timer === null) return;
    clearTimeout(w.timer);
    w.timer = null;
    this.armed -= 1;
  }

  private fire(auctionId: string, w: Watch): void {
    w.timer = null;
    this.armed -= 1;
    const { endTime, due } = w;
    if (this.closed || endTime === null || due === null) return;
    const now = this.deps.clock.now();
    if (now < due - EARLY_MS) return this.arm(auctionId, w, due);
    if (now < endTime) this.send(auctionId, endTime, now);
    // From the later of the two: a timer that fired late skips the notices it slept through.
    this.schedule(auctionId, w, Math.max(now, due));
  }

  private send(auctionId: string, endTime: Instant, now: Instant): void {
    try {
      this.deps.fanout.publish({
        name: 'auction_ending',
        payload: {
          auctionId, seq: this.deps.fanout.reachedSeq(auctionId), timestamp: toIso(now),
          endTime: toIso(endTime), timeRemaining: endingSecondsRemaining(endTime, now),
        },
      });
      this.notices += 1;
    } catch (err) {
      this.deps.logger.error({ err, auctionId }, 'realtime: an auction_ending notice failed');
    }
  }

  private forget(auctionId: string): void {
    const w = this.watches.get(auctionId);
    if (w === undefined) return;
    this.disarm(w);
    this.watches.delete(auctionId);
  }
}
