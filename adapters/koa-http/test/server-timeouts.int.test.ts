import net from 'node:net';
import { createHttpApp, createHttpServer, defaultHttpOptions } from '@gavel/koa-http';
import { buildDeps, startApi, type RunningApi } from './support/http-test-kit';

const SERVER = { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, keepAliveTimeoutMs: 500, connectionsCheckingIntervalMs: 200 };

/** Opens a raw socket and resolves, with what the server sent, once the server closes it. */
const watchClose = (port: number, onConnect: (socket: net.Socket) => void) =>
  new Promise<{ closedAfterMs: number; received: string }>((resolve, reject) => {
    const started = Date.now();
    let received = '';
    const socket = net.connect(port, '127.0.0.1', () => onConnect(socket));
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', () => {}); // a reset after the server gave up is fine: `close` follows
    socket.on('close', () => resolve({ closedAfterMs: Date.now() - started, received }));
    setTimeout(() => reject(new Error('the server kept the connection open')), 10_000).unref();
  });

describe('koa-http server timeouts', () => {
  let api: RunningApi;
  let port: number;
  const timers: NodeJS.Timeout[] = [];

  beforeEach(async () => {
    const kit = await buildDeps();
    api = await startApi(kit.deps, [], { server: SERVER });
    port = Number(new URL(api.url).port);
  });
  afterEach(async () => {
    timers.forEach(clearInterval);
    await api.close();
  });

  it('applies the configured timeouts to the Node server', () => {
    expect(api.server.headersTimeout).toBe(1_000);
    expect(api.server.requestTimeout).toBe(2_000);
    expect(api.server.keepAliveTimeout).toBe(500);
  });

  it('closes a slowloris client that sends its headers one byte a second, within seconds', async () => {
    const { closedAfterMs, received } = await watchClose(port, (socket) => {
      socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
      timers.push(setInterval(() => socket.writable && socket.write('a'), 1_000));
    });
    // headersTimeout (1 s) + one checking interval (0.2 s), with slack for a loaded machine.
    expect(closedAfterMs).toBeGreaterThanOrEqual(900);
    expect(closedAfterMs).toBeLessThan(3_500);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
  });

  it('closes a client that sends its headers but trickles the body, after the request timeout', async () => {
    const { closedAfterMs } = await watchClose(port, (socket) => {
      socket.write('POST /api/v1/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
      timers.push(setInterval(() => socket.writable && socket.write(' '), 300));
    });
    expect(closedAfterMs).toBeLessThan(4_500);
  });

  it('closes an idle keep-alive connection after the keep-alive timeout', async () => {
    const { closedAfterMs, received } = await watchClose(port, (socket) => {
      socket.write('GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n');
    });
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    // Node 20 adds a second of buffer to the keep-alive timeout before it closes the socket.
    expect(closedAfterMs).toBeLessThan(3_000);
  });

  it('still serves a normal client', async () => {
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
  });

  it('keeps the headers timeout within the request timeout, as Node requires', async () => {
    const kit = await buildDeps();
    const server = createHttpServer(createHttpApp(kit.deps, {}, []), {
      server: { ...defaultHttpOptions.server, headersTimeoutMs: 60_000, requestTimeoutMs: 5_000 },
    });
    expect(server.headersTimeout).toBe(5_000);
    expect(server.requestTimeout).toBe(5_000);
  });
});
