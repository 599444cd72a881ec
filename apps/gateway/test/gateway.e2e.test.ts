import { readGatewayConfig, type RunningGateway, startGateway } from '@gavel/app-gateway';
import { BidUpdateEvent, NotificationEvent, OutbidEvent } from '@gavel/contracts';
import { isRight } from 'fp-ts/Either';
import { io, type Socket } from 'socket.io-client';
import { type E2eApp, E2E_JWT_AUDIENCE, E2E_JWT_ISSUER, E2E_JWT_SECRET, startE2eApp } from '../../../tests/e2e/support/e2e-app';
import { e2eDialects } from '../../../tests/e2e/support/e2e-database';
import { createAuction, placeBidOk, registerUser, type TestUser } from '../../../tests/e2e/support/e2e-fixtures';

jest.setTimeout(30_000);

/** Resolves with the next `name` event the socket receives (or fails after `ms`). */
const next = <T>(socket: Socket, name: string, ms = 5_000): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms);
    socket.once(name, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });

/**
 * The gateway app as its own process would run it, next to the api app on one database: a bid
 * over HTTP reaches the watchers through the outbox, the relay and Socket.IO.
 */
describe.each(e2eDialects())('the gateway app beside the api app (%s)', (dialect) => {
  let app: E2eApp;
  let gateway: RunningGateway;
  let seller: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  const sockets: Socket[] = [];

  const connect = async (token: string | null): Promise<Socket> => {
    const socket = io(gateway.url, { transports: ['websocket'], auth: token ? { token } : {}, reconnection: false, forceNew: true });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  };

  beforeAll(async () => {
    app = await startE2eApp(dialect);
    const decoded = readGatewayConfig({
      NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: app.config.database.url, DATABASE_MIGRATE: 'false',
      JWT_SECRET: E2E_JWT_SECRET, JWT_ISSUER: E2E_JWT_ISSUER, JWT_AUDIENCE: E2E_JWT_AUDIENCE, LOG_LEVEL: 'silent',
      RELAY_POLL_MS: '50', SHUTDOWN_TIMEOUT_MS: '2000',
    });
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.problems));
    gateway = await startGateway(decoded.value);
    [seller, alice, bob] = [await registerUser(app), await registerUser(app), await registerUser(app)];
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await gateway?.close();
    await app?.close();
  });

  it('answers /health and refuses a socket without a token', async () => {
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
    await expect(connect(null)).rejects.toMatchObject({ data: { code: 'MISSING_TOKEN' } });
  });

  it('relays a bid placed over HTTP to the room with the next seq, and outbid to the outbid bidder only', async () => {
    const lot = await createAuction(app, seller, { startingPrice: 1_000, increment: 100 });
    const [watcher, aliceSocket] = [await connect(seller.accessToken), await connect(alice.accessToken)];
    const snapshot = next<{ seq: number }>(watcher, 'auction_snapshot');
    const ack = await watcher.timeout(5_000).emitWithAck('subscribe', { auctionId: lot.id });
    expect(ack).toMatchObject({ ok: true });
    const base = (await snapshot).seq;
    // ENDING_NOTICE_* default on: the watched auction (an hour left) has its auction_ending timer.
    expect(gateway.realtime.gateway.stats()).toMatchObject({ auctionRooms: 1, endingTimers: 1 });

    const first = next<unknown>(watcher, 'bid_update');
    await placeBidOk(app, alice, lot.id, 1_000);
    const update = await first;
    expect(isRight(BidUpdateEvent.decode(update))).toBe(true);
    expect(update).toMatchObject({ auctionId: lot.id, seq: base + 1, currentPrice: 1_000 });

    let sellerOutbid = 0;
    watcher.on('outbid', () => sellerOutbid++);
    let sellerNotified = 0;
    watcher.on('notification', () => sellerNotified++);
    const outbid = next<unknown>(aliceSocket, 'outbid');
    const stored = next<{ id: string }>(aliceSocket, 'notification');
    await placeBidOk(app, bob, lot.id, 1_100);
    const notice = await outbid;
    expect(isRight(OutbidEvent.decode(notice))).toBe(true);
    expect(notice).toMatchObject({ auctionId: lot.id, seq: base + 2 });

    // The stored notification, as GET /notifications lists it, pushed by the gateway process.
    const pushed = await stored;
    expect(isRight(NotificationEvent.decode(pushed))).toBe(true);
    expect(pushed).toMatchObject({ auctionId: lot.id, seq: base + 2, userId: alice.id, type: 'outbid' });
    const listed = await fetch(`${app.url}/api/v1/notifications`, { headers: { authorization: `Bearer ${alice.accessToken}` } });
    expect(((await listed.json()) as { data: { items: { id: string }[] } }).data.items.map((n) => n.id)).toEqual([pushed.id]);
    expect(sellerOutbid).toBe(0);
    expect(sellerNotified).toBe(0);
  });
});
