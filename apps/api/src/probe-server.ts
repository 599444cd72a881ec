import type { ReadinessCheck } from '@gavel/koa-http';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

export interface ProbeServerOptions {
  /** `/ready`'s database check. */
  readonly ready: ReadinessCheck;
  /** More JSON routes by path (`/stats`): each answers the `data` of a 200 envelope. */
  readonly routes?: Readonly<Record<string, (req: http.IncomingMessage) => unknown>>;
  /** Paths another handler on this server answers (Socket.IO's `/socket.io`): no 404 from here. */
  readonly passThrough?: string;
}

/**
 * The HTTP server of a process without the API (gateway, worker): `GET /health` (liveness,
 * touches nothing), `GET /ready` (the database check; 503 with the reason) and the given
 * routes, in the API's envelope; anything else is a 404 envelope.
 */
export const createProbeServer = (opts: ProbeServerOptions): http.Server =>
  http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const timestamp = new Date().toISOString();
    if (path === '/health') return json(res, 200, { success: true, data: { status: 'ok' }, timestamp });
    if (path === '/ready') {
      void opts.ready().then((r) => (r === true
        ? json(res, 200, { success: true, data: { status: 'ok' }, timestamp })
        : json(res, 503, { success: false, error: 'Not ready', code: 'INTERNAL_ERROR', message: 'Not ready', details: { database: r }, timestamp })));
      return;
    }
    const route = opts.routes?.[path];
    if (route) return json(res, 200, { success: true, data: route(req), timestamp });
    if (opts.passThrough !== undefined && path.startsWith(opts.passThrough)) return;
    json(res, 404, { success: false, error: 'Not found', code: 'NOT_FOUND', message: 'Not found', timestamp });
  });

/** Listens; resolves with the URL to reach it (`localhost` for a wildcard host). */
export const listenProbeServer = async (server: http.Server, port: number, host: string): Promise<string> => {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  return `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${bound}`;
};
