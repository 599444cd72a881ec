import { createApiContainer, createLogger, createProbeServer, databaseCheck, listenProbeServer, stopServer, TOKENS } from '@gavel/app-api';
import type { KnexDatabase } from '@gavel/knex';
import type { Container } from 'inversify';
import type http from 'node:http';
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
  // Socket.IO answers its own path before the probe handler runs.
  const server = createProbeServer({ ready: databaseCheck(db), passThrough: '/socket.io' });
  const realtime = await attachRealtime(container, server, {
    corsOrigins: config.api.http.corsOrigins, allowAnonymous: config.allowAnonymous,
    maxHttpBufferSize: config.maxHttpBufferSize, eventsPerSecond: config.eventsPerSecond, endingNotices: config.endingNotices,
  });
  const url = await listenProbeServer(server, config.api.port, config.api.host);
  let closing: Promise<void> | null = null;
  return {
    url, server, realtime, container,
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
