import { decode, ServerEvents } from '@gavel/contracts';
import { io, type Socket } from 'socket.io-client';

/** Room events that are steps of an auction's stream (`auction_snapshot` and `auction_ending` are not). */
export const STREAM_EVENTS = [
  'bid_update', 'auction_extended', 'auction_ended', 'auction_settled', 'auction_cancelled',
  'auction_published', 'auction_started', 'auction_updated', 'auction_created',
] as const;
type StreamName = (typeof STREAM_EVENTS)[number];

interface Payload {
  readonly auctionId: string;
  readonly seq: number;
  readonly [field: string]: unknown;
}

/** The part of an auction a watcher keeps up to date from the stream, compared with the server's at the end. */
export interface WatchedState {
  seq: number;
  status: string;
  currentPrice: number | null;
  bidCount: number;
  endTime: string;
}

/** One auction as one watcher follows it: what arrived, what was applied, and how it recovered. */
export interface Track {
  readonly auctionId: string;
  /** Waiting for a snapshot: stream events are kept in `early` meanwhile. */
  pending: boolean;
  early: { name: StreamName; e: Payload }[];
  /** The state as applied (null before the first snapshot). */
  state: WatchedState | null;
  /** Every snapshot, with the connection it came on (1 = the first). */
  readonly snapshots: { seq: number; connection: number }[];
  /** Every stream event as it arrived, before any filtering. */
  readonly received: { seq: number; name: StreamName; connection: number }[];
  /** Seqs applied one by one (seq = current + 1); a snapshot jump is not in here. */
  readonly applied: number[];
  /** A stream event with seq > current + 1 while live: a gap seen in the stream, then a resync. */
  gapsInStream: number;
  /** A snapshot (after a reconnect or a resync) ahead of the last applied seq: events recovered from it. */
  gapsFilledBySnapshot: number;
  seqsRecovered: number;
  /** A snapshot behind what was applied already: the server went back in time (a bug). */
  regressions: number;
}

export interface WatcherOptions {
  readonly url: string;
  readonly auctionIds: readonly string[];
  /** An access token; anonymous when absent (the gateways allow anonymous watchers). */
  readonly token?: string;
  /** socket.io-client's automatic reconnection (default on). */
  readonly reconnection?: boolean;
  /** Decode every payload with its contracts codec (costs CPU: a few clients are enough). */
  readonly validate?: boolean;
}

/**
 * A watcher following docs/realtime.md's client rule, instrumented: subscribes on every connect,
 * keeps room events that arrive before the snapshot, applies seq = current + 1, drops
 * seq ≤ current, and on seq > current + 1 resubscribes (a gap is detected and handled, never
 * passed over silently). Records everything the tests assert on.
 */
export class WatcherClient {
  readonly socket: Socket;
  readonly tracks = new Map<string, Track>();
  /** 1 on the first connect, +1 per reconnect. */
  connection = 0;
  readonly connectedAt: number[] = [];
  readonly disconnects: { at: number; reason: string }[] = [];
  readonly connectErrors: { at: number; message: string; code: string | null }[] = [];
  /** Subscribe refusals and timeouts (none expected). */
  readonly subscribeErrors: string[] = [];
  readonly invalidPayloads: string[] = [];
  /** When the last connection's snapshots had all arrived. */
  syncedAt: number | null = null;

  constructor(private readonly opts: WatcherOptions) {
    for (const auctionId of opts.auctionIds) {
      this.tracks.set(auctionId, {
        auctionId, pending: true, early: [], state: null, snapshots: [], received: [], applied: [],
        gapsInStream: 0, gapsFilledBySnapshot: 0, seqsRecovered: 0, regressions: 0,
      });
    }
    this.socket = io(opts.url, {
      transports: ['websocket'], forceNew: true, reconnection: opts.reconnection ?? true,
      reconnectionDelay: 200, reconnectionDelayMax: 2_000, timeout: 20_000,
      auth: opts.token ? { token: opts.token } : {},
    });
    this.socket.on('connect', () => this.onConnect());
    this.socket.on('disconnect', (reason) => this.disconnects.push({ at: Date.now(), reason }));
    this.socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      this.connectErrors.push({ at: Date.now(), message: err.message, code: err.data?.code ?? null });
    });
    this.socket.on('auction_snapshot', (snap: Payload) => this.onSnapshot(snap));
    for (const name of STREAM_EVENTS) this.socket.on(name, (e: Payload) => this.onStream(name, e));
  }

  /** The gateway this watcher connects to. */
  get url(): string {
    return this.opts.url;
  }

  /** Connected, and every watched auction's snapshot of this connection applied. */
  get synced(): boolean {
    return this.socket.connected && [...this.tracks.values()].every((t) => !t.pending);
  }

  /** Every track at `seq` per auction (the server's final seqs). */
  caughtUp(finalSeq: ReadonlyMap<string, number>): boolean {
    return this.synced && [...this.tracks.values()].every((t) => t.state?.seq === finalSeq.get(t.auctionId));
  }

  close(): void {
    this.socket.close();
  }

  private onConnect(): void {
    this.connection += 1;
    this.connectedAt.push(Date.now());
    this.syncedAt = null;
    // Rooms belong to a connection: subscribe again to everything.
    for (const track of this.tracks.values()) this.resync(track);
  }

  private resync(track: Track): void {
    track.pending = true;
    const connection = this.connection;
    this.socket.timeout(15_000).emitWithAck('subscribe', { auctionId: track.auctionId }).then(
      (ack: { ok: boolean; code?: string }) => {
        if (!ack.ok) this.subscribeErrors.push(`${track.auctionId}: ${ack.code ?? '?'}`);
      },
      (err: Error) => {
        // A connection that dropped meanwhile subscribes again on its next connect.
        if (connection !== this.connection || !this.socket.connected) return;
        this.subscribeErrors.push(`${track.auctionId}: ${err.message}`);
        this.resync(track);
      },
    );
  }

  private onSnapshot(snap: Payload): void {
    this.check('auction_snapshot', snap);
    const track = this.tracks.get(snap.auctionId);
    if (!track) return;
    const before = track.state?.seq ?? null;
    track.snapshots.push({ seq: snap.seq, connection: this.connection });
    if (before !== null && snap.seq > before) {
      track.gapsFilledBySnapshot += 1;
      track.seqsRecovered += snap.seq - before;
    }
    if (before !== null && snap.seq < before) track.regressions += 1;
    track.state = {
      seq: snap.seq, status: String(snap.status), currentPrice: snap.currentPrice as number | null,
      bidCount: snap.bidCount as number, endTime: String(snap.endTime),
    };
    const early = track.early.sort((a, b) => a.e.seq - b.e.seq);
    track.pending = false;
    track.early = [];
    for (const { name, e } of early) this.step(track, name, e);
    if (this.synced) this.syncedAt ??= Date.now();
  }

  private onStream(name: StreamName, e: Payload): void {
    this.check(name, e);
    const track = this.tracks.get(e.auctionId);
    if (!track) return;
    track.received.push({ seq: e.seq, name, connection: this.connection });
    if (track.pending) track.early.push({ name, e });
    else this.step(track, name, e);
  }

  private step(track: Track, name: StreamName, e: Payload): void {
    const state = track.state;
    if (!state || track.pending) return void track.early.push({ name, e });
    if (e.seq <= state.seq) return; // in the snapshot already
    if (e.seq > state.seq + 1) {
      track.gapsInStream += 1;
      this.resync(track);
      track.early.push({ name, e });
      return;
    }
    state.seq = e.seq;
    track.applied.push(e.seq);
    if (name === 'bid_update') {
      state.currentPrice = e.currentPrice as number;
      state.bidCount = e.bidCount as number;
      state.endTime = String(e.endTime);
    } else if (name === 'auction_extended') {
      state.endTime = String(e.endTime);
    } else if (name === 'auction_ended') {
      state.status = 'ENDED';
    } else if (name === 'auction_cancelled') {
      state.status = 'CANCELLED';
    }
  }

  private check(name: keyof typeof ServerEvents, payload: unknown): void {
    if (!this.opts.validate) return;
    const decoded = decode(ServerEvents[name], payload);
    if (!decoded.ok) this.invalidPayloads.push(`${name}: ${JSON.stringify(decoded.details)}`);
  }
}
