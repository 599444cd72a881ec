import { io, type Socket } from 'socket.io-client';
import { failStart, serveChild } from './child';
import { LatencySamples, type LatencySummary } from './latency';

/**
 * The watchers, in their own process (forked by the bench): N socket.io-client sockets, each
 * its own connection (websocket transport only), each subscribed to one auction. Every
 * `bid_update` is stamped on arrival; its latency is the arrival time minus the event's
 * `timestamp` (the server's clock, same machine). One event reaches the N sockets one after the
 * other in this process, so the last of them also waits for this process to read the others:
 * that is part of what a watcher count costs, and the process's CPU is reported beside it.
 */

export interface ConnectArgs {
  readonly url: string;
  /** Sockets wanted in total (the ones open already count). */
  readonly total: number;
  readonly auctionId: string;
}

export interface ConnectResult {
  readonly sockets: number;
  readonly opened: number;
  readonly failed: number;
  readonly failures: Record<string, number>;
  readonly ms: number;
}

export interface CollectArgs {
  /** Events sent in the window: delivery is complete at `expectedEvents × sockets`. */
  readonly expectedEvents: number;
  /** Waits at most this long for the last deliveries. */
  readonly timeoutMs: number;
  /** When the bench received each accepted bid's 201 (epoch ms, by bid id): a second latency, from there. */
  readonly replyAt?: Readonly<Record<string, number>>;
}

export interface CollectResult {
  readonly sockets: number;
  readonly expected: number;
  readonly delivered: number;
  /** Fewest and most events one socket received in the window. */
  readonly perSocketMin: number;
  readonly perSocketMax: number;
  /** Events that came with a `seq` not above the socket's previous one (must be 0). */
  readonly outOfOrder: number;
  readonly latencyMs: LatencySummary;
  /** Arrival minus the 201's arrival at the bench (null without `replyAt`); negative when the event won the race. */
  readonly fromReplyMs: LatencySummary | null;
  /** Size of one `bid_update` Socket.IO packet as text (`42["bid_update",{…}]`). */
  readonly packetBytes: number;
  /** Sockets disconnected during the window. */
  readonly disconnects: number;
}

const CONNECT_CONCURRENCY = 100;
const CONNECT_TIMEOUT_MS = 30_000;

interface Watcher {
  readonly socket: Socket;
  /** The highest seq received, and how many events arrived since the last reset. */
  lastSeq: number;
  count: number;
}

const watchers: Watcher[] = [];
/** One row per event in the window (its stamp and bid id), one sample per delivery (event row, arrival). */
const events: { readonly stampMs: number; readonly bidId: string | undefined }[] = [];
const eventOfSeq = new Map<number, number>();
let deliveryEvent = new Int32Array(1 << 16);
let deliveryAt = new Float64Array(1 << 16);
let deliveries = 0;
/** Events at or below this seq were sent before the window (reset) and are not counted. */
let fromSeq = Number.POSITIVE_INFINITY;
let maxSeq = 0;
let outOfOrder = 0;
let disconnects = 0;
let packetBytes = 0;
const record = (event: number, at: number) => {
  if (deliveries === deliveryAt.length) {
    const e = new Int32Array(deliveries * 2);
    e.set(deliveryEvent);
    deliveryEvent = e;
    const a = new Float64Array(deliveries * 2);
    a.set(deliveryAt);
    deliveryAt = a;
  }
  deliveryEvent[deliveries] = event;
  deliveryAt[deliveries++] = at;
};

type BidUpdate = { seq: number; timestamp: string; bids?: { id: string }[] };

const onBidUpdate = (w: Watcher) => (payload: BidUpdate) => {
  const now = performance.timeOrigin + performance.now();
  if (payload.seq <= w.lastSeq) outOfOrder += 1;
  w.lastSeq = payload.seq;
  if (payload.seq > maxSeq) maxSeq = payload.seq;
  if (payload.seq <= fromSeq) return;
  w.count += 1;
  // Every socket gets the same event: its row is made once, by the first.
  let event = eventOfSeq.get(payload.seq);
  if (event === undefined) {
    event = events.length;
    events.push({ stampMs: Date.parse(payload.timestamp), bidId: payload.bids?.[0]?.id });
    eventOfSeq.set(payload.seq, event);
    if (packetBytes === 0) packetBytes = `42${JSON.stringify(['bid_update', payload])}`.length;
  }
  record(event, now);
};

/** One socket: connected, then subscribed (the ack must say ok). */
const open = (url: string, auctionId: string): Promise<Watcher> =>
  new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: CONNECT_TIMEOUT_MS });
    const fail = (why: string) => {
      socket.close();
      reject(new Error(why));
    };
    socket.once('connect_error', (err: Error) => fail(`connect_error: ${err.message}`));
    socket.once('connect', () => {
      const w: Watcher = { socket, lastSeq: 0, count: 0 };
      socket.on('bid_update', onBidUpdate(w));
      socket.on('disconnect', () => {
        disconnects += 1;
      });
      socket.timeout(CONNECT_TIMEOUT_MS).emit('subscribe', { auctionId }, (err: Error | null, ack: { ok?: boolean; code?: string } | undefined) => {
        if (err) return fail(`subscribe: ${err.message}`);
        if (!ack?.ok) return fail(`subscribe refused: ${ack?.code ?? JSON.stringify(ack)}`);
        resolve(w);
      });
    });
  });

const connect = async (args: ConnectArgs): Promise<ConnectResult> => {
  const t0 = performance.now();
  const wanted = Math.max(0, args.total - watchers.length);
  const failures: Record<string, number> = {};
  let next = 0;
  let opened = 0;
  let failed = 0;
  const worker = async () => {
    while (next < wanted) {
      next += 1;
      try {
        watchers.push(await open(args.url, args.auctionId));
        opened += 1;
      } catch (err) {
        failed += 1;
        const key = (err instanceof Error ? err.message : String(err)).slice(0, 100);
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONNECT_CONCURRENCY, wanted) }, worker));
  return { sockets: watchers.length, opened, failed, failures, ms: Math.round(performance.now() - t0) };
};

/** Starts a window: counts and latencies from here on, for events after the last seq seen. */
const reset = (): { fromSeq: number } => {
  fromSeq = maxSeq;
  events.length = 0;
  eventOfSeq.clear();
  deliveries = 0;
  outOfOrder = 0;
  disconnects = 0;
  for (const w of watchers) w.count = 0;
  return { fromSeq };
};

const delivered = () => watchers.reduce((sum, w) => sum + w.count, 0);

const collect = async (args: CollectArgs): Promise<CollectResult> => {
  const expected = args.expectedEvents * watchers.length;
  const until = performance.now() + args.timeoutMs;
  while (delivered() < expected && performance.now() < until) await new Promise((r) => setTimeout(r, 50));
  let perSocketMin = Number.POSITIVE_INFINITY;
  let perSocketMax = 0;
  for (const w of watchers) {
    perSocketMin = Math.min(perSocketMin, w.count);
    perSocketMax = Math.max(perSocketMax, w.count);
  }
  const fromStamp = new LatencySamples();
  const fromReply = new LatencySamples();
  for (let i = 0; i < deliveries; i++) {
    const e = events[deliveryEvent[i]!]!;
    fromStamp.add(deliveryAt[i]! - e.stampMs);
    const reply = e.bidId === undefined ? undefined : args.replyAt?.[e.bidId];
    if (reply !== undefined) fromReply.add(deliveryAt[i]! - reply);
  }
  return {
    sockets: watchers.length, expected, delivered: delivered(), perSocketMin: watchers.length ? perSocketMin : 0, perSocketMax,
    outOfOrder, latencyMs: fromStamp.summary(), fromReplyMs: args.replyAt ? fromReply.summary() : null, packetBytes, disconnects,
  };
};

/** Closes every socket (the next target starts from none). */
const closeAll = (): { closed: number } => {
  const closed = watchers.length;
  for (const w of watchers.splice(0)) {
    w.socket.removeAllListeners('disconnect');
    w.socket.close();
  }
  fromSeq = Number.POSITIVE_INFINITY;
  maxSeq = 0;
  packetBytes = 0;
  return { closed };
};

try {
  serveChild({ pid: process.pid }, {
    connect: (a) => connect(a as ConnectArgs),
    reset,
    collect: (a) => collect(a as CollectArgs),
    closeAll,
  }, async () => void closeAll());
} catch (err) {
  failStart('watchers')(err);
}
