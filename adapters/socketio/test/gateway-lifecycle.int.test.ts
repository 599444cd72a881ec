import type { AddressInfo } from 'node:net';
import { JwtAccessTokens } from '@gavel/auth';
import { fail } from '@gavel/core';
import { FakeClock } from '@gavel/memory';
import { createRealtimeGateway } from '@gavel/socketio';
import { io as connectClient } from 'socket.io-client';
import { ALICE, BOB, expectOk } from '../../../tests/builders/harness.builder';
import { T0 } from '../../../tests/builders/terms.builder';
import { connected, MemoryLogger, OutboxPump, settle, startWorld, Watcher, type World } from './support/gateway-test-kit';

describe('realtime gateway: lifecycle, publish and what it does not send', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.close());

  it('close() drops every socket as a transport close (clients reconnect), stops relaying and leaves the given server to its owner', async () => {
    const id = await world.liveAuction();
    const alice = await world.connect(ALICE);
    await alice.subscribe(id);
    const reason = new Promise((resolve) => alice.socket.once('disconnect', resolve));
    await world.gateway.close();
    expect(await reason).toBe('transport close');
    expect(world.server.listening).toBe(true);
    // Reconnecting clients are refused here while the process shuts down, so they go elsewhere.
    const res = await fetch(`${world.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ code: 4, message: 'SHUTTING_DOWN' });
    await expect(connected(world.client({ token: world.token(ALICE) }))).rejects.toThrow(/websocket error/);

    const relayed = world.gateway.stats().relayed;
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 1_000 }));
    await world.source.pump();
    expect(world.gateway.stats().relayed).toBe(relayed);
  });

  it('disconnects a socket when the access token it opened with expires; sockets with longer tokens stay', async () => {
    const id = await world.liveAuction();
    const short = world.client({ token: world.shortToken(ALICE, 1) });
    await connected(short);
    const shortWatcher = new Watcher(short);
    await shortWatcher.subscribe(id);
    const lasting = await world.connect(BOB);
    const reason = new Promise((resolve) => short.once('disconnect', resolve));
    // The gateway's clock says when: its own clock is at T0, like the token's issue time.
    expect(await reason).toBe('io server disconnect');
    expect(world.gateway.stats()).toMatchObject({ expiredSessions: 1, connections: 1 });
    expect(lasting.socket.connected).toBe(true);
  });

  it('publish() sends events built elsewhere through the codec check to their room; a bad one is logged and dropped', async () => {
    const id = await world.liveAuction();
    const [alice, bob] = await Promise.all([world.connect(ALICE), world.connect(BOB)]);
    await alice.subscribe(id);
    const ending = { auctionId: id, seq: 2, timestamp: '2026-01-01T12:55:00.000Z', endTime: '2026-01-01T13:00:00.000Z', timeRemaining: 300 };
    world.gateway.publish({ name: 'auction_ending', payload: ending });
    expect((await alice.next('auction_ending')).payload).toEqual(ending);
    const payment = { auctionId: id, seq: 9, timestamp: '2026-01-01T13:00:00.000Z', userId: BOB, amount: 10_500, currency: 'USD' };
    world.gateway.publish({ name: 'payment_completed', payload: payment });
    expect((await bob.next('payment_completed')).payload).toEqual(payment);

    world.gateway.publish({ name: 'auction_ending', payload: { ...ending, timeRemaining: -1 } });
    await settle(alice, bob);
    expect(alice.of('auction_ending')).toHaveLength(1);
    expect(world.gateway.stats().invalidPayloads).toBe(1);
    expect(world.logger.lines.find((l) => l.level === 'error')?.obj).toMatchObject({ event: 'auction_ending', details: { timeRemaining: 'must be a non-negative integer' } });
    expect(bob.names()).toEqual(['payment_completed']);
  });

  it('emits nothing for auctions no socket here watches, nor personal events for users not connected here', async () => {
    const watched = await world.liveAuction();
    const unwatched = await world.liveAuction();
    const alice = await world.connect(ALICE);
    await alice.subscribe(watched);
    const before = world.gateway.stats();
    expectOk(await world.gavel.placeBid.execute({ auctionId: unwatched, bidderId: BOB, amount: 1_000 }));
    expectOk(await world.gavel.placeBid.execute({ auctionId: unwatched, bidderId: ALICE, amount: 2_000 })); // outbids Bob, who is offline
    expectOk(await world.gavel.placeBid.execute({ auctionId: watched, bidderId: BOB, amount: 1_000 }));
    await world.source.pump();
    await settle(alice);
    const after = world.gateway.stats();
    expect(after.relayed - before.relayed).toBe(3);
    expect(after.emitted - before.emitted).toBe(1); // the watched auction's bid_update only
    expect(alice.names()).toEqual(['auction_snapshot', 'bid_update']);
  });

  it('a failing snapshot read answers INTERNAL_ERROR, logs it, and leaves the socket out of the room', async () => {
    const id = await world.liveAuction();
    const alice = await world.connect(ALICE);
    const original = world.gavel.getAuction.execute.bind(world.gavel.getAuction);
    let reads = 0;
    // The visibility check passes and the socket joins; the snapshot read after the join fails.
    world.gavel.getAuction.execute = async (input) => {
      reads += 1;
      if (reads === 2) throw new Error('database unavailable');
      return original(input);
    };
    expect(await alice.subscribe(id)).toEqual({ ok: false, code: 'INTERNAL_ERROR', message: 'Internal error; retry later' });
    expect(world.gateway.stats().auctionRooms).toBe(0);
    expect(world.logger.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(alice.names()).toEqual([]);
    world.gavel.getAuction.execute = async () => fail('AUCTION_NOT_FOUND', 'Auction not found');
    expect(await alice.subscribe(id)).toMatchObject({ ok: false, code: 'AUCTION_NOT_FOUND' });
  });
});

describe('realtime gateway on its own server', () => {
  it('listens on its own port, answers 404 off the Socket.IO path, and close() closes that server', async () => {
    const clock = new FakeClock(T0);
    const accessTokens = new JwtAccessTokens({ secret: 'own-server-test-secret-of-32-bytes!!!', issuer: 'gavel', audience: 'gavel-api', clock });
    const logger = new MemoryLogger();
    const gateway = createRealtimeGateway(
      { accessTokens, snapshot: async () => fail('AUCTION_NOT_FOUND', 'Auction not found'), events: new OutboxPump(async () => []), clock, logger },
      { corsOrigins: [], allowAnonymous: true },
    );
    const address: AddressInfo = await gateway.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${address.port}`;
    expect((await fetch(`${url}/anything`)).status).toBe(404);
    const socket = connectClient(url, { transports: ['websocket'], reconnection: false, auth: { token: accessTokens.issue({ userId: ALICE, role: 'user' }).token } });
    await connected(socket);
    const w = new Watcher(socket);
    expect(await w.subscribe('00000000-0000-4000-8000-00000000beef')).toMatchObject({ ok: false, code: 'AUCTION_NOT_FOUND' });
    expect(logger.lines[0]).toMatchObject({ level: 'info', obj: { nativeWs: { bufferutil: true } } });
    await gateway.close();
    expect(gateway.httpServer.listening).toBe(false);
    socket.disconnect();
  });
});
