import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exitOnSignals, stopServer } from '@gavel/app-api';
import { pino } from 'pino';

const silent = pino({ level: 'silent' });

describe('exitOnSignals', () => {
  let remove: (() => void) | undefined;
  afterEach(() => remove?.());

  it('closes on SIGTERM and exits 0 once closed', async () => {
    const exits: number[] = [];
    let closed = false;
    remove = exitOnSignals(async () => {
      closed = true;
    }, silent, (code) => exits.push(code));
    process.emit('SIGTERM', 'SIGTERM');
    await new Promise((r) => setImmediate(r));
    expect(closed).toBe(true);
    expect(exits).toEqual([0]);
  });

  it('exits 1 at once on a second signal while closing, and 1 when closing fails', async () => {
    const exits: number[] = [];
    let finish: (err?: Error) => void = () => undefined;
    remove = exitOnSignals(() => new Promise<void>((resolve, reject) => {
      finish = (err) => (err ? reject(err) : resolve());
    }), silent, (code) => exits.push(code));
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([]);
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    finish(new Error('pool would not close'));
    await new Promise((r) => setImmediate(r));
    expect(exits).toEqual([1, 1]);
  });
});

describe('stopServer', () => {
  const serve = async (handler: http.RequestListener) => {
    const server = http.createServer(handler);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };

  it('lets an in-flight request finish, then refuses new connections', async () => {
    const { server, url } = await serve((_req, res) => setTimeout(() => res.end('done'), 300));
    const inFlight = fetch(url).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    const stopped = stopServer(server, 5_000, silent);
    expect(await inFlight).toBe('done');
    await stopped;
    await expect(fetch(url)).rejects.toThrow();
  });

  it('cuts a request still running after the timeout', async () => {
    const { server, url } = await serve(() => undefined); // never answers
    const hanging = fetch(url).then(() => 'answered', () => 'cut');
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await stopServer(server, 300, silent);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await hanging).toBe('cut');
  });
});
