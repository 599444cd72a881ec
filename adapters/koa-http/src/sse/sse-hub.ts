import { type AuctionId, type Clock, type StoredEvent, toIso } from '@gavel/core';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { HttpDeps } from '../http-deps';
import { requestState } from '../middleware/request-state';
import { NotificationPoller } from './notification-poller';
import { SseConnection } from './sse-connection';
import type { SseOptions } from './sse-options';

type AuctionListener = (event: StoredEvent) => void;

/** setTimeout's largest delay (about 24.8 days), beyond any access token's lifetime. */
const MAX_TIMER_MS = 2_147_483_647;

/** Events after which someone may have a new notification: the reader looks at once. */
const NOTIFYING = new Set<StoredEvent['type']>(['BidPlaced', 'AuctionEnded']);

/**
 * Every SSE stream of one app: one heartbeat timer for all of them, one subscription to the
 * live events fanned out by auction, one notification reader. Each exists only while a stream
 * is open, so an idle app runs no timer. `closeStreams()` ends every stream for a graceful
 * shutdown (the server would otherwise wait on them until its timeout).
 */
export class SseHub {
  readonly poller: NotificationPoller;
  private readonly connections = new Set<SseConnection>();
  private readonly auctions = new Map<AuctionId, Set<AuctionListener>>();
  private heartbeat: NodeJS.Timeout | null = null;
  private unsubscribeEvents: (() => void) | null = null;
  private closing = false;
  private expired = 0;
  private readonly clock: Clock;

  constructor(
    private readonly deps: HttpDeps,
    readonly options: SseOptions,
    log: Logger,
  ) {
    this.clock = deps.clock;
    this.poller = new NotificationPoller(deps.marketplace, options, log);
  }

  /** Starts an event stream on `ctx`; after `closeStreams()` it says `disconnected` and ends at once. */
  open(ctx: Koa.Context): SseConnection {
    const conn = new SseConnection(ctx, this.options.retryMs, this.options.maxBufferedBytes);
    if (this.closing) {
      this.sayGoodbye(conn);
      return conn;
    }
    this.connections.add(conn);
    conn.onClose(() => {
      this.connections.delete(conn);
      this.release();
    });
    this.expireWithToken(ctx, conn);
    this.acquire();
    return conn;
  }

  /**
   * A stream opened with an access token lives no longer than the token: at its expiry the
   * stream says `disconnected` (`token_expired`) and ends; the client reconnects with a fresh
   * token. A logged-out session or a suspended account thus stops within one token lifetime.
   */
  private expireWithToken(ctx: Koa.Context, conn: SseConnection): void {
    const expiresAt = requestState(ctx).tokenExpiresAt;
    if (expiresAt === undefined) return;
    const timer = setTimeout(() => {
      this.expired += 1;
      conn.send('disconnected', { reason: 'token_expired', timestamp: toIso(this.clock.now()) });
      conn.close();
    }, Math.min(Math.max(0, expiresAt - this.clock.now()), MAX_TIMER_MS));
    timer.unref();
    conn.onClose(() => clearTimeout(timer));
  }

  /** Live events of one auction, in the order the source delivers them. */
  watchAuction(auctionId: AuctionId, listener: AuctionListener): () => void {
    let set = this.auctions.get(auctionId);
    if (!set) this.auctions.set(auctionId, (set = new Set()));
    set.add(listener);
    this.acquire();
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.auctions.get(auctionId) === set) this.auctions.delete(auctionId);
      this.release();
    };
  }

  closeStreams(): void {
    this.closing = true;
    for (const conn of [...this.connections]) this.sayGoodbye(conn);
    this.poller.stop();
  }

  /** What is running, for tests and health: all zero / false when no stream is open. */
  stats() {
    return {
      streams: this.connections.size,
      expiredStreams: this.expired,
      auctionsWatched: this.auctions.size,
      heartbeatTimer: this.heartbeat !== null,
      eventSubscription: this.unsubscribeEvents !== null,
      poller: this.poller.stats(),
    };
  }

  private sayGoodbye(conn: SseConnection): void {
    conn.send('disconnected', { reason: 'shutdown', timestamp: toIso(this.clock.now()) });
    conn.close();
  }

  /** Timer and subscription start with the first stream (or auction watcher). */
  private acquire(): void {
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.beat(), this.options.heartbeatMs);
      this.heartbeat.unref();
    }
    if (!this.unsubscribeEvents && this.deps.sse) this.unsubscribeEvents = this.deps.sse.events.subscribe((e) => this.dispatch(e));
  }

  /** ... and stop with the last. */
  private release(): void {
    if (this.connections.size > 0 || this.auctions.size > 0) return;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.unsubscribeEvents?.();
    this.unsubscribeEvents = null;
  }

  private beat(): void {
    const data = { timestamp: toIso(this.clock.now()) };
    for (const conn of this.connections) conn.send('heartbeat', data);
  }

  private dispatch(event: StoredEvent): void {
    for (const listener of this.auctions.get(event.auctionId) ?? []) listener(event);
    if (NOTIFYING.has(event.type)) this.poller.wake();
  }
}
