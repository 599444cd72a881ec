import type { Socket as ClientSocket } from 'socket.io-client';
import { ALICE, BOB } from '../../../tests/builders/harness.builder';
import { connected, eventually, startWorld, type World } from './support/gateway-test-kit';

const disconnected = (socket: ClientSocket): Promise<string> => new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)));

describe('realtime gateway: limits', () => {
  let world: World;
  afterEach(() => world.close());

  it('closes the connection of a client sending a message over maxHttpBufferSize (16 KiB by default), not the others', async () => {
    world = await startWorld();
    const id = await world.liveAuction();
    const [alice, bob] = await Promise.all([world.connect(ALICE), world.connect(BOB)]);
    // Under the limit: answered (the unknown field is stripped by the codec).
    expect(await alice.request('subscribe', { auctionId: id, padding: 'x'.repeat(15_000) })).toMatchObject({ ok: true });
    const gone = disconnected(alice.socket);
    alice.socket.emit('subscribe', { auctionId: id, padding: 'x'.repeat(17 * 1024) });
    expect(await gone).toBe('transport close');
    expect(await bob.subscribe(id)).toMatchObject({ ok: true });
    expect(world.gateway.stats().connections).toBe(1);
  });

  it('closes a long-polling client sending a message over the limit too', async () => {
    world = await startWorld();
    const id = await world.liveAuction();
    const socket = world.client({ token: world.token(ALICE) }, { transports: ['polling'] });
    await connected(socket);
    const gone = disconnected(socket);
    socket.emit('subscribe', { auctionId: id, padding: 'x'.repeat(17 * 1024) });
    expect(await gone).toMatch(/^transport (close|error)$/);
    await eventually(() => world.gateway.stats().connections === 0);
  });

  it('answers RATE_LIMIT_EXCEEDED past eventsPerSecond, refills with time, and disconnects a socket that keeps pushing', async () => {
    world = await startWorld({ eventsPerSecond: 5, maxRefusals: 6 });
    const id = await world.liveAuction();
    const alice = await world.connect(ALICE);
    const answers = await Promise.all(Array.from({ length: 7 }, () => alice.subscribe(id)));
    expect(answers.filter((a) => a.ok === true)).toHaveLength(5);
    expect(answers.filter((a) => a.ok === false)).toEqual([
      { ok: false, code: 'RATE_LIMIT_EXCEEDED', message: 'Too many events; slow down' },
      { ok: false, code: 'RATE_LIMIT_EXCEEDED', message: 'Too many events; slow down' },
    ]);
    // A refused request does not run: five snapshots, not seven.
    expect(alice.of('auction_snapshot')).toHaveLength(5);

    world.gatewayClock.advance(400); // 5 a second: two tokens back
    expect(await alice.subscribe(id)).toMatchObject({ ok: true });
    expect(await alice.subscribe(id)).toMatchObject({ ok: true });
    expect(await alice.subscribe(id)).toMatchObject({ ok: false, code: 'RATE_LIMIT_EXCEEDED' });

    const gone = disconnected(alice.socket);
    for (let i = 0; i < 5; i++) alice.socket.emit('subscribe', { auctionId: id });
    expect(await gone).toBe('io server disconnect'); // told to go, so the client does not reconnect by itself
    expect(world.gateway.stats()).toMatchObject({ rateLimited: 6, abusiveDisconnects: 1, connections: 0 });
    expect(world.logger.lines.filter((l) => l.level === 'warn').map((l) => l.obj)).toEqual([expect.objectContaining({ userId: ALICE })]);
  });

  it('caps the auction rooms one socket may be in', async () => {
    world = await startWorld({ maxSubscriptions: 2 });
    const ids = [await world.liveAuction(), await world.liveAuction(), await world.liveAuction()];
    const alice = await world.connect(ALICE);
    expect(await alice.subscribe(ids[0]!)).toMatchObject({ ok: true });
    expect(await alice.subscribe(ids[1]!)).toMatchObject({ ok: true });
    expect(await alice.subscribe(ids[2]!)).toEqual({ ok: false, code: 'RATE_LIMIT_EXCEEDED', message: 'At most 2 subscriptions per connection' });
    expect(await alice.subscribe(ids[1]!)).toMatchObject({ ok: true }); // a resync of a room it is in
    expect(await alice.request('unsubscribe', { auctionId: ids[0] })).toMatchObject({ ok: true });
    expect(await alice.subscribe(ids[2]!)).toMatchObject({ ok: true });
  });
});
