import type http from 'node:http';
import type { AccessTokens, Actor, AuctionId, AuctionView, Clock, EndingNoticePolicy, Result, StoredEvent, StreamedNotification, UserId, Viewer } from '@gavel/core';

/**
 * Committed events, each delivered once per process and, per auction, in `seq` order (the core's
 * `EventRelay` fits). The gateway adds nothing to that guarantee: it relays what it is given, in
 * the order given.
 */
export interface EventSource {
  subscribe(listener: (event: StoredEvent) => void): () => void;
}

/**
 * Everyone's new stored notifications, for the users who have a socket here (the core's
 * `NotificationRelay` fits). The gateway calls `pump()` after relaying an event that notifies
 * someone (a bid, an end): the notification was written in that event's transaction, so it is
 * visible by then, and no timer is needed.
 */
export interface NotificationSource {
  subscribe(userId: UserId, listener: (n: StreamedNotification) => void): Promise<{ unsubscribe(): void }>;
  pump(): Promise<unknown>;
}

/** The few methods of a pino logger the gateway calls (pino itself fits). */
export interface GatewayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** What a composition root (an app) gives the gateway: core use cases and ports. */
export interface GatewayDeps {
  /** Verifies the handshake's access token (the port `auth` issues tokens with). */
  readonly accessTokens: AccessTokens;
  /**
   * The marketplace's `resolveActor`: a valid token whose user is gone or inactive is refused
   * (`INVALID_TOKEN` / `ACCOUNT_INACTIVE`) and the role comes from storage. Without it the token's
   * claims are trusted as they are.
   */
  readonly resolveActor?: (userId: UserId) => Promise<Result<Actor>>;
  /** The core's `GetAuction`: the auction as this viewer may see it (drafts of others: not found). */
  readonly snapshot: (auctionId: AuctionId, viewer: Viewer) => Promise<Result<AuctionView>>;
  readonly events: EventSource;
  /** Stored notifications pushed as `notification` to their user's sockets; without it none are pushed. */
  readonly notifications?: NotificationSource;
  readonly clock: Clock;
  readonly logger: GatewayLogger;
}

export interface GatewayOptions {
  /** Browser origins allowed to connect; a request without `Origin` (not a browser) is allowed. */
  readonly corsOrigins: readonly string[];
  /** Sockets without a token watch as anonymous viewers; otherwise they are refused (MISSING_TOKEN). */
  readonly allowAnonymous: boolean;
  /** Attach to this server (same port as the API); without it the gateway has its own (see `listen`). */
  readonly httpServer?: http.Server;
  /** Largest message a client may send, in bytes; a larger one closes its connection. Default 16 KiB. */
  readonly maxHttpBufferSize?: number;
  /** Client → server events per second per socket (token bucket, burst of the same size). Default 20. */
  readonly eventsPerSecond?: number;
  /** Refused events (over the rate) within 10 s after which the socket is disconnected. Default 2 × eventsPerSecond. */
  readonly maxRefusals?: number;
  /** Auction rooms one socket may be in at once. Default 100. */
  readonly maxSubscriptions?: number;
  readonly pingInterval?: number;
  readonly pingTimeout?: number;
  /** Default `['polling', 'websocket']`; several processes behind a balancer need sticky sessions for polling. */
  readonly transports?: readonly ('polling' | 'websocket')[];
  /**
   * `local` (default): each gateway process tails the outbox itself and emits to its own sockets
   * only, so no event crosses between gateways twice. `cluster`: one relay emits through a
   * Socket.IO adapter (Redis, PostgreSQL) that fans out to every gateway.
   */
  readonly broadcast?: 'local' | 'cluster';
  /**
   * Decode every outgoing payload with its codec before sending it (a payload that does not
   * decode is logged and dropped). Default: on unless NODE_ENV is `production`.
   */
  readonly validatePayloads?: boolean;
  /**
   * `auction_ending` notices this process derives for the auction rooms it has sockets in
   * (`EndingTicker`): default the core's `DEFAULT_ENDING_NOTICE_POLICY` (every 30 s in the last
   * 5 minutes); `false` sends none. Off under `broadcast: 'cluster'`, where this process does not
   * see every event of its rooms.
   */
  readonly endingNotices?: EndingNoticePolicy | false;
}

export const DEFAULT_MAX_HTTP_BUFFER_SIZE = 16 * 1024;
export const DEFAULT_EVENTS_PER_SECOND = 20;
export const DEFAULT_MAX_SUBSCRIPTIONS = 100;
