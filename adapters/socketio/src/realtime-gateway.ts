import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANONYMOUS, AuctionId, checkEndingNoticePolicy, DEFAULT_ENDING_NOTICE_POLICY, type EndingNoticePolicy, type StoredEvent } from '@gavel/core';
import { Server, type Socket } from 'socket.io';
import { EndingTicker } from './ending-ticker';
import { EventFanout, userRoom } from './event-fanout';
import {
  DEFAULT_EVENTS_PER_SECOND, DEFAULT_MAX_HTTP_BUFFER_SIZE, DEFAULT_MAX_SUBSCRIPTIONS, type GatewayDeps, type GatewayOptions,
} from './gateway-deps';
import { authenticateSocket, originCheck, type SocketData } from './handshake.middleware';
import { nativeWsAddons } from './native-addons';
import { NotificationPush } from './notification-push';
import { handleSubscriptions } from './subscriptions.handler';
import { TokenBucket } from './token-bucket';
import { encodeAck, refusal } from './wire-encoder';
import type { WireEvent } from './wire-events.mapper';

/** setTimeout's largest delay (about 24.8 days), beyond any access token's lifetime (ACCESS_TOKEN_TTL is at most a day). */
const MAX_TIMER_MS = 2_147_483_647;

/** Events whose transaction may have written notifications (`notificationsOf`). */
const NOTIFYING: ReadonlySet<StoredEvent['type']> = new Set(['BidPlaced', 'AuctionEnded']);

export interface GatewayStats {
  /** Connected sockets, and how many of them are anonymous. */
  readonly connections: number;
  readonly anonymous: number;
  /** Auction rooms with at least one socket on this process. */
  readonly auctionRooms: number;
  /** Users whose new notifications this process reads (they have a socket here). */
  readonly notifiedUsers: number;
  /** Stream events received, room emits made, payloads refused by their codec. */
  readonly relayed: number;
  readonly emitted: number;
  readonly invalidPayloads: number;
  /** Handshakes refused (token or account), client events refused by the rate limit, sockets cut for abuse. */
  readonly refusedHandshakes: number;
  readonly rateLimited: number;
  readonly abusiveDisconnects: number;
  /** Sockets disconnected because the access token they opened with expired. */
  readonly expiredSessions: number;
  /** `auction_ending` timers armed (at most one per auction room here) and notices sent. */
  readonly endingTimers: number;
  readonly endingNotices: number;
}

export interface RealtimeGateway {
  readonly io: Server;
  /** The server Socket.IO listens on: the one given, or its own. */
  readonly httpServer: http.Server;
  /** Listens on the gateway's own server (when none was given); resolves with the bound address. */
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Sends one event built elsewhere (`notification`, `payment_*`; `auction_ending` comes from the
   * gateway's own `EndingTicker`) through the same codec check, to `user:<userId>` or `auction:<auctionId>`.
   */
  publish(event: WireEvent): void;
  /**
   * Stops relaying and closes every connection so clients reconnect (to this process when it
   * comes back, or to another). A server that was given is left open for its owner to close.
   */
  close(): Promise<void>;
  stats(): GatewayStats;
}

/**
 * The realtime gateway (SPEC, "Realtime"): handshake with the access token, `subscribe` /
 * `unsubscribe` with an ack and a snapshot, and every committed stream event relayed to its
 * auction room and its personal rooms, each payload encoded with its `contracts` codec.
 */
export const createRealtimeGateway = (deps: GatewayDeps, options: GatewayOptions): RealtimeGateway => {
  const own = options.httpServer === undefined;
  const httpServer = options.httpServer ?? http.createServer((_req, res) => res.writeHead(404).end());
  const rate = options.eventsPerSecond ?? DEFAULT_EVENTS_PER_SECOND;
  const maxRefusals = options.maxRefusals ?? 2 * rate;
  const validate = options.validatePayloads ?? process.env.NODE_ENV !== 'production';
  const checkOrigin = originCheck(options.corsOrigins);
  // A bad policy is a configuration bug: refused before anything is created.
  const endingNotices = options.endingNotices === false ? false : checkEndingNoticePolicy(options.endingNotices ?? DEFAULT_ENDING_NOTICE_POLICY);
  let closing = false;
  const io = new Server(httpServer, {
    path: '/socket.io',
    serveClient: false,
    maxHttpBufferSize: options.maxHttpBufferSize ?? DEFAULT_MAX_HTTP_BUFFER_SIZE,
    // Compression costs CPU per socket for every broadcast; payloads are small JSON.
    perMessageDeflate: false,
    httpCompression: false,
    // While closing, new connections are refused so that reconnecting clients go elsewhere.
    allowRequest: (req, callback) => (closing ? callback('SHUTTING_DOWN', false) : checkOrigin(req, callback)),
    cors: { origin: [...options.corsOrigins], credentials: false },
    transports: [...(options.transports ?? ['polling', 'websocket'])],
    connectTimeout: 10_000,
    ...(options.pingInterval === undefined ? {} : { pingInterval: options.pingInterval }),
    ...(options.pingTimeout === undefined ? {} : { pingTimeout: options.pingTimeout }),
  });
  const fanout = new EventFanout(io, deps.logger, { local: (options.broadcast ?? 'local') === 'local', validate });
  const counters = { refusedHandshakes: 0, rateLimited: 0, abusiveDisconnects: 0, expiredSessions: 0 };
  const push = deps.notifications ? new NotificationPush(deps.notifications, (e) => fanout.publish(e), deps.logger) : null;
  const ticker = endingTicker(io, fanout, deps, endingNotices, options.broadcast ?? 'local');

  /** Over the rate, a request is answered RATE_LIMIT_EXCEEDED and not run; persisting, the socket is cut. */
  const limitRate = (socket: Socket): void => {
    const bucket = new TokenBucket(rate, deps.clock);
    socket.use((packet, next) => {
      // Packets already read from the wire still come through once the socket is cut.
      if (socket.disconnected) return;
      if (bucket.take()) return next();
      counters.rateLimited += 1;
      const ack = packet[packet.length - 1];
      if (typeof ack === 'function') (ack as (a: unknown) => void)(encodeAck(refusal('RATE_LIMIT_EXCEEDED', 'Too many events; slow down')));
      if (bucket.refused >= maxRefusals) {
        counters.abusiveDisconnects += 1;
        deps.logger.warn({ socketId: socket.id, userId: (socket.data as SocketData).actor?.userId ?? null }, 'realtime: socket over its event rate; disconnected');
        socket.disconnect(true);
      }
    });
  };

  /**
   * A socket lives no longer than the access token it opened with: at its expiry the server
   * disconnects it (the client sees `io server disconnect`, refreshes its token and connects
   * again), so a revoked session or a deactivated account loses its personal events within one
   * token lifetime, as on the API.
   */
  const expireWithToken = (socket: Socket): void => {
    const expiresAt = (socket.data as SocketData).expiresAt;
    if (expiresAt === undefined) return;
    const timer = setTimeout(() => {
      counters.expiredSessions += 1;
      socket.disconnect(true);
    }, Math.min(Math.max(0, expiresAt - deps.clock.now()), MAX_TIMER_MS));
    timer.unref();
    socket.once('disconnect', () => clearTimeout(timer));
  };

  const authenticate = authenticateSocket(deps, options.allowAnonymous);
  io.use((socket, next) =>
    void authenticate(socket, (err) => {
      if (err) counters.refusedHandshakes += 1;
      next(err);
    }),
  );
  io.on('connection', (socket: Socket) => {
    const { actor } = socket.data as SocketData;
    if (actor) {
      void socket.join(userRoom(actor.userId));
      push?.add(actor.userId);
      socket.once('disconnect', () => push?.remove(actor.userId));
      expireWithToken(socket);
    }
    limitRate(socket);
    handleSubscriptions(socket, {
      deps, fanout, maxSubscriptions: options.maxSubscriptions ?? DEFAULT_MAX_SUBSCRIPTIONS, validate,
      ...(ticker ? { onSnapshot: (view) => ticker.observeView(view) } : {}),
    });
  });

  const unsubscribe = deps.events.subscribe((event) => {
    fanout.relay(event);
    ticker?.observe(event);
    if (NOTIFYING.has(event.type)) push?.wake();
  });
  deps.logger.info({ nativeWs: nativeWsAddons(), validatePayloads: validate }, 'realtime: gateway ready');

  return {
    io,
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      }),
    publish: (event) => fanout.publish(event),
    close: async () => {
      closing = true;
      unsubscribe();
      push?.close();
      ticker?.close();
      // Closing Engine.IO closes every transport: clients see "transport close" and reconnect.
      io.engine.close();
      await io.of('/').adapter.close();
      if (own && httpServer.listening) {
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      }
    },
    stats: () => {
      let anonymous = 0;
      for (const socket of io.of('/').sockets.values()) if ((socket.data as SocketData).actor === null) anonymous += 1;
      let auctionRooms = 0;
      for (const room of io.of('/').adapter.rooms.keys()) if (room.startsWith('auction:')) auctionRooms += 1;
      return {
        connections: io.of('/').sockets.size,
        anonymous,
        auctionRooms,
        notifiedUsers: push?.size ?? 0,
        relayed: fanout.counters.relayed,
        emitted: fanout.counters.emitted,
        invalidPayloads: fanout.counters.invalid,
        endingTimers: ticker?.timers ?? 0,
        endingNotices: ticker?.sent ?? 0,
        ...counters,
      };
    },
  };
};

/**
 * The ticker of `options.endingNotices` (the core's default policy unless `false`). Under `broadcast:
 * 'cluster'` none: this process does not relay every event of its rooms, so it could not follow
 * their ends, and its notices would reach the other processes' sockets too.
 */
const endingTicker = (
  io: Server, fanout: EventFanout, deps: GatewayDeps, policy: EndingNoticePolicy | false, broadcast: 'local' | 'cluster',
): EndingTicker | null => {
  if (policy === false) return null;
  if (broadcast === 'cluster') {
    deps.logger.info({}, 'realtime: no auction_ending notices under broadcast: cluster');
    return null;
  }
  return new EndingTicker(
    { io, fanout, clock: deps.clock, logger: deps.logger, publicView: (auctionId) => deps.snapshot(AuctionId(auctionId), ANONYMOUS) },
    policy,
  );
};
