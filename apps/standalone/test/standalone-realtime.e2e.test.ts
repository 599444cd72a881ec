import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuctionEndedEvent, AuctionSnapshotEvent } from '@gavel/contracts';
import { DEMO_PASSWORD, readStandaloneConfig, type RunningStandalone, startStandalone } from '@gavel/app-standalone';
import { isRight } from 'fp-ts/Either';
import { pino } from 'pino';
import { io, type Socket } from 'socket.io-client';

jest.setTimeout(30_000);

const next = <T>(socket: Socket, name: string, ms = 10_000): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms);
    socket.once(name, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });

/**
 * The standalone app serves Socket.IO on the API's own port, and an auction created to end a
 * couple of seconds later is closed by its timer with `auction_ended` reaching the watchers.
 */
describe('standalone app: sockets on the API port', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-standalone-rt-'));
  let app: RunningStandalone;
  let socket: Socket;

  beforeAll(async () => {
    const r = readStandaloneConfig({
      NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'gavel.db')}`, LOG_LEVEL: 'silent',
      RELAY_POLL_MS: '100',
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    app = await startStandalone(r.value, { logger: pino({ level: 'silent' }) });
  });
  afterAll(async () => {
    socket?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets an anonymous watcher subscribe on the same port and tells it when the timer closes the auction', async () => {
    const login = await fetch(`${app.url}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'seller@demo.gavel', password: DEMO_PASSWORD }),
    });
    const token = ((await login.json()) as { data: { accessToken: string } }).data.accessToken;
    const created = await fetch(`${app.url}/api/v1/auctions`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'Ends soon', description: '', type: 'forward', currency: 'USD', startingPrice: 1_000, publish: true,
        endTime: new Date(Date.now() + 2_500).toISOString(), extension: { windowSeconds: 0, extendBySeconds: 0 },
      }),
    });
    expect(created.status).toBe(201);
    const auctionId = ((await created.json()) as { data: { id: string; endTime: string } }).data.id;

    socket = io(app.url, { transports: ['websocket'], reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const snapshot = next<unknown>(socket, 'auction_snapshot');
    expect(await socket.timeout(5_000).emitWithAck('subscribe', { auctionId })).toMatchObject({ ok: true });
    expect(isRight(AuctionSnapshotEvent.decode(await snapshot))).toBe(true);

    const ended = await next<{ auctionId: string; timestamp: string }>(socket, 'auction_ended');
    expect(isRight(AuctionEndedEvent.decode(ended))).toBe(true);
    expect(ended).toMatchObject({ auctionId, outcome: 'NO_BIDS' });
  });
});
