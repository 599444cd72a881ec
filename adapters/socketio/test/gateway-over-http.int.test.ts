import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { BcryptPasswordHasher, CryptoSecretTokens, JwtAccessTokens } from '@gavel/auth';
import { createAdmin, createAuth, createMarketplace, EventRelay, type UserId } from '@gavel/core';
import { createHttpApp, createHttpServer, type HttpDeps } from '@gavel/koa-http';
import { MemoryIdempotencyStore } from '@gavel/memory';
import { createRealtimeGateway, type RealtimeGateway } from '@gavel/socketio';
import { io as connectClient } from 'socket.io-client';
import { actor, ALICE, BOB, CAROL, expectOk, harness, SELLER } from '../../../tests/builders/harness.builder';
import { forwardTerms, HOUR, T0 } from '../../../tests/builders/terms.builder';
import { connected, MemoryLogger, settle, Watcher } from './support/gateway-test-kit';

const SECRET = 'socketio-http-test-secret-of-32-bytes!!';

/**
 * The standalone shape without the app: the HTTP API and the gateway on one `http.Server` (one
 * port), the outbox tailed by the core's EventRelay every few milliseconds. Bids go over HTTP.
 */
const startStack = async () => {
  const h = await harness();
  const accessTokens = new JwtAccessTokens({ secret: SECRET, issuer: 'gavel', audience: 'gavel-api', clock: h.clock });
  const marketplace = createMarketplace({ uow: h.db.uow, clock: h.clock, catalog: h.db.catalog, categories: h.db.categories, watchlist: h.db.watchlist, directory: h.db.directory });
  const deps: HttpDeps = {
    gavel: h.gavel,
    auth: createAuth({
      uow: h.db.uow, clock: h.clock, ids: h.ids, accessTokens,
      passwords: new BcryptPasswordHasher({ cost: 4, allowWeakCostForTests: true }), secrets: new CryptoSecretTokens(),
    }),
    marketplace,
    admin: createAdmin({ uow: h.db.uow, clock: h.clock, categories: h.db.categories }),
    accessTokens,
    idempotency: new MemoryIdempotencyStore(),
    clock: h.clock,
    logger: pino({ level: 'warn' }, new Writable({ write: (_c, _e, done) => done() })),
    readiness: {},
  };
  const server = createHttpServer(createHttpApp(deps, { docs: false }));
  // The core's relay, pumped on a short timer as an app would (beside its outbox signal).
  const relay = new EventRelay({ stream: h.db.events });
  await relay.start('end');
  const tail = setInterval(() => void relay.pump(), 5);
  const gateway: RealtimeGateway = createRealtimeGateway(
    {
      accessTokens,
      resolveActor: (userId) => marketplace.resolveActor.execute({ userId }),
      snapshot: (auctionId, viewer) => h.gavel.getAuction.execute({ auctionId, viewer }),
      events: relay,
      clock: h.clock,
      logger: new MemoryLogger(),
    },
    { corsOrigins: [], allowAnonymous: false, httpServer: server },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const token = (userId: UserId) => accessTokens.issue({ userId, role: 'user' }).token;
  const sockets: Watcher[] = [];

  const watcher = async (userId: UserId) => {
    const socket = connectClient(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: token(userId) } });
    await connected(socket);
    const w = new Watcher(socket);
    sockets.push(w);
    return w;
  };
  const bid = async (userId: UserId, auctionId: string, amount: number) => {
    const res = await fetch(`${url}/api/v1/bids/place`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token(userId)}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ auction_id: auctionId, bid_amount: amount }),
    });
    expect(res.status).toBe(201);
  };
  const close = async () => {
    clearInterval(tail);
    for (const w of sockets) w.socket.disconnect();
    await gateway.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { ...h, url, gateway, watcher, bid, close };
};

describe('realtime gateway beside the HTTP API on one port', () => {
  let stack: Awaited<ReturnType<typeof startStack>>;
  beforeEach(async () => {
    stack = await startStack();
  });
  afterEach(() => stack.close());

  it('a bid over HTTP reaches every watcher as bid_update with the next seq; outbid only the outbid bidder; the soft close as auction_extended', async () => {
    const { commissionBps: _c, ...terms } = forwardTerms({ endTime: T0 + HOUR });
    const auction = expectOk(await stack.gavel.createAuction.execute({ actor: actor(SELLER), terms, publish: true }));
    const [alice, bob, carol] = await Promise.all([stack.watcher(ALICE), stack.watcher(BOB), stack.watcher(CAROL)]);
    const seq0 = (await alice.subscribe(auction.id)).seq as number;
    for (const w of [bob, carol]) expect(await w.subscribe(auction.id)).toEqual({ ok: true, seq: seq0 });

    await stack.bid(ALICE, auction.id, 1_000);
    for (const w of [alice, bob, carol]) expect((await w.next('bid_update')).payload).toMatchObject({ seq: seq0 + 1, currentPrice: 1_000 });

    await stack.bid(BOB, auction.id, 1_500);
    expect((await alice.next('outbid')).payload).toMatchObject({ seq: seq0 + 2, userId: ALICE, currentPrice: 1_500 });
    for (const w of [alice, bob, carol]) await w.next('bid_update', (p) => p.seq === seq0 + 2);

    stack.clock.set(T0 + HOUR - 30_000);
    await stack.bid(CAROL, auction.id, 2_000);
    for (const w of [alice, bob, carol]) {
      expect((await w.next('auction_extended')).payload).toMatchObject({ seq: seq0 + 4, endTime: new Date(T0 + HOUR + 90_000).toISOString() });
    }
    expect((await bob.next('outbid')).payload).toMatchObject({ seq: seq0 + 3 });
    await settle(alice, bob, carol);
    expect(alice.of('outbid')).toHaveLength(1);
    expect(carol.of('outbid')).toHaveLength(0);
    expect(carol.received.map((r) => r.payload.seq)).toEqual([seq0, seq0 + 1, seq0 + 2, seq0 + 3, seq0 + 4]);

    // The API is still the API on that port.
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
  });
});
