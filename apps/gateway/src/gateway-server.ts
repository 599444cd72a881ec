import { createApiContainer, createLogger, databaseCheck, stopServer, TOKENS } from '@gavel/app-api';
import type { KnexDatabase } from '@gavel/knex';
import type { Container } from 'inversify';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config';
import { attachRealtime, type Realtime } from './realtime-composition';

export interface RunningGateway {
  readonly url: string;
  readonly server: http.Server;
  readonly realtime: Realtime;
  readonly container: Container;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

/**
 * The gateway process: `/health`, `/ready` and Socket.IO on one port, its own relay tailing the
 * outbox. Several gateways serve one deployment side by side; each delivers every event to its
 * own sockets, so no Socket.IO cross-process adapter is needed (docs/realtime.md).
 */
export const startGateway = async (config: GatewayConfig, options: { readonly logger?: Logger; readonly container?: Container } = {}): Promise<RunningGateway> => {
  const logger = options.logger ?? createLogger(config.api.logLevel, 'gateway');
  const container = options.container ?? createApiContainer(config.api, logger);
  const db = container.get<KnexDatabase>(TOKENS.Database);
  if (config.api.database.migrate) await db.migrate();
  const ready = databaseCheck(db);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const timestamp = new Date().toISOString();
    if (path === '/health') return json(res, 200, { success: true, data: { status: 'ok' }, timestamp });
    if (path === '/ready') {
      void ready().then((r) => (r === true
        ? json(res, 200, { success: true, data: { status: 'ok' }, timestamp })
        : json(res, 503, { success: false, error: 'Not ready', code: 'INTERNAL_ERROR', message: 'Not ready', details: { database: r }, timestamp })));
      return;
    }
    // Socket.IO answers its own path before this handler runs.
    if (!path.startsWith('/socket.io')) json(res, 404, { success: false, error: 'Not found', code: 'NOT_FOUND', message: 'Not found', timestamp });
  });
  const realtime = await attachRealtime(container, server, {
    corsOrigins: config.api.http.corsOrigins, allowAnonymous: config.allowAnonymous,
    maxHttpBufferSize: config.maxHttpBufferSize, eventsPerSecond: config.eventsPerSecond, endingNotices: config.endingNotices,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.api.port, config.api.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.api.host === '0.0.0.0' || config.api.host === '::' ? 'localhost' : config.api.host;
  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}`, server, realtime, container,
    close: () => {
      closing ??= (async () => {
        await realtime.close();
        await stopServer(server, config.api.shutdownTimeoutMs, logger);
        await realtime.runtime.stop();
        await db.close();
      })();
      return closing;
    },
  };
};
