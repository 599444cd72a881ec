import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connectClient, type Socket as ClientSocket } from 'socket.io-client';
import { JwtAccessTokens } from '@gavel/auth';
import { decode, ServerEvents, type ServerEventName } from '@gavel/contracts';
import { type AuctionId, type AuctionTerms, type Clock, createMarketplace, NotificationRelay, type Role, type StoredEvent, type UserId, UserId as toUserId } from '@gavel/core';
import { createRealtimeGateway, type EventSource, type GatewayLogger, type GatewayOptions, type RealtimeGateway } from '@gavel/socketio';
import { actor, expectOk, harness, SELLER } from '../../../../tests/builders/harness.builder';
import { forwardTerms, T0 } from '../../../../tests/builders/terms.builder';
import { FakeClock } from '@gavel/memory';

export const INACTIVE = toUserId('1dae0000-0000-4000-8000-000000000006');
export const APP_ORIGIN = 'http://app.gavel.test';
const SECRET = 'socketio-test-secret-of-at-least-32-bytes';

/**
 * The committed outbox, handed to the gateway like the core's relay would: each event once, in
 * position order (so per-auction seq order). Tests call `pump()` after each use case call.
 */
export class OutboxPump implements EventSource {
  private cursor = 0;
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  constructor(private readonly read: (after: number, limit: number) => Promise<StoredEvent[]>) {}

  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async pump(): Promise<StoredEvent[]> {
    const events = await this.read(this.cursor, 10_000);
    for (const event of events) {
      this.cursor = event.position;
      for (const listener of this.listeners) listener(event);
    }
    return events;
  }
}

/** Log lines kept for assertions (the gateway logs errors it does not throw). */
export class MemoryLogger implements GatewayLogger {
  readonly lines: { level: string; obj: object; msg?: string }[] = [];
  info = (obj: object, msg?: string) => void this.lines.push({ level: 'info', obj, ...(msg ? { msg } : {}) });
  warn = (obj: object, msg?: string) => void this.lines.push({ level: 'warn', obj, ...(msg ? { msg } : {}) });
  error = (obj: object, msg?: string) => void this.lines.push({ level: 'error', obj, ...(msg ? { msg } : {}) });
  debug = (obj: object, msg?: string) => void this.lines.push({ level: 'debug', obj, ...(msg ? { msg } : {}) });
}

/**
 * The core on memory adapters (fake clock at T0), real JWTs, and a gateway on an ephemeral loopback
 * port. `kit.gatewayClock` replaces the gateway's fake clock (the ending notices' timers are real).
 */
export const startWorld = async (options: Partial<GatewayOptions> = {}, kit: { readonly notifications?: boolean; readonly gatewayClock?: Clock } = {}) => {
  const h = await harness();
  await h.db.users.save({ id: INACTIVE, status: 'SUSPENDED', role: 'user', knownIps: [], knownDevices: [] });
  const accessTokens = new JwtAccessTokens({ secret: SECRET, issuer: 'gavel', audience: 'gavel-api', clock: h.clock });
  const marketplace = createMarketplace({ uow: h.db.uow, clock: h.clock, catalog: h.db.catalog, categories: h.db.categories, watchlist: h.db.watchlist, directory: h.db.directory });
  const source = new OutboxPump((after, limit) => h.db.events.readAfter(after, limit));
  const logger = new MemoryLogger();
  // The gateway's own clock (its rate limit): apart from the auctions' clock, so a test can move one without the other.
  const gatewayClock = new FakeClock(T0);
  const notifications = kit.notifications === true ? new NotificationRelay({ feed: marketplace.notificationFeed, clock: h.clock }) : undefined;
  const server = http.createServer();
  const gateway: RealtimeGateway = createRealtimeGateway(
    {
      accessTokens,
      resolveActor: (userId) => marketplace.resolveActor.execute({ userId }),
      snapshot: (auctionId, viewer) => h.gavel.getAuction.execute({ auctionId, viewer }),
      events: source,
      ...(notifications ? { notifications } : {}),
      clock: kit.gatewayClock ?? gatewayClock,
      logger,
    },
    { corsOrigins: [APP_ORIGIN], allowAnonymous: false, httpServer: server, ...options },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];

  const token = (userId: UserId, role: Role = 'user'): string => accessTokens.issue({ userId, role }).token;
  /** A token of this deployment that lives `seconds` only (issued on the auctions' clock). */
  const shortToken = (userId: UserId, seconds: number): string =>
    new JwtAccessTokens({ secret: SECRET, issuer: 'gavel', audience: 'gavel-api', clock: h.clock, expiresInSeconds: seconds }).issue({ userId, role: 'user' }).token;

  /** A socket.io-client on WebSocket (unless told), not yet connected: call `connected()`. */
  const client = (auth: { token?: unknown } | null, opts: { origin?: string; transports?: ('polling' | 'websocket')[] } = {}) => {
    const socket = connectClient(url, {
      path: '/socket.io',
      transports: opts.transports ?? ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 10_000,
      ...(auth ? { auth: auth as Record<string, unknown> } : {}),
      ...(opts.origin ? { extraHeaders: { Origin: opts.origin } } : {}),
    });
    clients.push(socket);
    return socket;
  };

  /** A connected client of `userId` (a token of theirs), or anonymous with `null`. */
  const connect = async (userId: UserId | null, opts: { origin?: string } = {}) => {
    const socket = client(userId ? { token: token(userId) } : null, opts);
    await connected(socket);
    return new Watcher(socket);
  };

  const liveAuction = async (overrides: Partial<AuctionTerms> = {}): Promise<AuctionId> => {
    const { commissionBps: _c, ...terms } = forwardTerms(overrides);
    const created = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms, publish: true }));
    await source.pump();
    return created.id;
  };

  const close = async () => {
    for (const socket of clients) socket.disconnect();
    await gateway.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };

  return { ...h, gatewayClock, accessTokens, marketplace, source, notifications, logger, gateway, server, url, token, shortToken, client, connect, liveAuction, close };
};

export type World = Awaited<ReturnType<typeof startWorld>>;

export const connected = (socket: ClientSocket): Promise<void> =>
  new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });

/** The error a refused handshake ends with. */
export const connectError = (socket: ClientSocket): Promise<Error & { data?: { code?: string }; description?: unknown }> =>
  new Promise((resolve, reject) => {
    socket.once('connect', () => reject(new Error('connected, but a refusal was expected')));
    socket.once('connect_error', (err) => resolve(err as Error & { data?: { code?: string } }));
  });

export interface Received {
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

/** A client socket that records every event it receives, in order, for assertions. */
export class Watcher {
  readonly received: Received[] = [];
  private waiters: { test: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];

  constructor(readonly socket: ClientSocket) {
    socket.onAny((name: string, payload: Record<string, unknown>) => {
      const r = { name, payload };
      this.received.push(r);
      this.waiters = this.waiters.filter((w) => (w.test(r) ? (w.resolve(r), false) : true));
    });
  }

  /** Resolves with the first received event (past or future) of that name matching `where`. */
  next(name: ServerEventName, where: (p: Record<string, unknown>) => boolean = () => true, timeoutMs = 5_000): Promise<Received> {
    const test = (r: Received) => r.name === name && where(r.payload);
    const seen = this.received.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${name} within ${timeoutMs} ms; got ${JSON.stringify(this.names())}`)), timeoutMs);
      this.waiters.push({ test, resolve: (r) => (clearTimeout(timer), resolve(r)) });
    });
  }

  names(): string[] {
    return this.received.map((r) => r.name);
  }

  of(name: ServerEventName): Record<string, unknown>[] {
    return this.received.filter((r) => r.name === name).map((r) => r.payload);
  }

  request(event: 'subscribe' | 'unsubscribe', body: unknown): Promise<Record<string, unknown>> {
    return this.socket.timeout(5_000).emitWithAck(event, body) as Promise<Record<string, unknown>>;
  }

  subscribe(auctionId: string): Promise<Record<string, unknown>> {
    return this.request('subscribe', { auctionId });
  }
}

/** Lets in-flight frames land: a round trip through the server on each given socket. */
export const settle = async (...watchers: Watcher[]): Promise<void> => {
  await Promise.all(watchers.map((w) => w.request('unsubscribe', { auctionId: '00000000-0000-4000-8000-0000000fffff' })));
};

/** Every payload decodes with its codec and comes back unchanged (nothing the codec would strip). */
export const expectDecodes = (r: Received): void => {
  const codec = ServerEvents[r.name as ServerEventName];
  if (!codec) throw new Error(`unknown event ${r.name}`);
  const decoded = decode(codec, r.payload);
  if (!decoded.ok) throw new Error(`${r.name} ${JSON.stringify(r.payload)}: ${JSON.stringify(decoded.details)}`);
  expect(decoded.value).toEqual(r.payload);
};

/** Waits until `check` holds (the server side of a close lands a little after the client's). */
export const eventually = async (check: () => boolean, timeoutMs = 3_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
