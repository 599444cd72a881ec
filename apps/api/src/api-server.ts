import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KnexDatabase } from '@gavel/knex';
import { createHttpServer } from '@gavel/koa-http';
import type { Container } from 'inversify';
import type { Logger } from 'pino';
import type { ApiConfig } from './config';
import { createApiContainer, type HttpApp } from './container';
import { createLogger } from './logger';
import type { RelayRuntime } from './relay-loop';
import { TOKENS } from './tokens';

export interface ApiOptions {
  /** Default: pino at `config.logLevel`. */
  readonly logger?: Logger;
  /** A container built already (the standalone app adds its own services to the api's). */
  readonly container?: Container;
  /** Runs after migrations, before the port opens (seeding, background jobs). */
  readonly beforeListen?: (built: BuiltApi) => Promise<void>;
  /**
   * Runs before the database closes, at shutdown and when the start fails after `beforeListen`
   * (stopping background jobs that use the database).
   */
  readonly beforeClose?: () => Promise<void>;
}

export interface BuiltApi {
  readonly container: Container;
  readonly app: HttpApp;
  readonly database: KnexDatabase;
  readonly logger: Logger;
}

export interface RunningApi extends BuiltApi {
  readonly server: Server;
  /** Where it answers, e.g. `http://localhost:3000` (a wildcard host is shown as localhost). */
  readonly url: string;
  /** Graceful: stop accepting, let in-flight requests finish (up to the shutdown timeout), close the pool. Idempotent. */
  close(): Promise<void>;
}

/** The container, with the schema brought up to date when `DATABASE_MIGRATE` says so. */
export const buildApi = async (config: ApiConfig, options: ApiOptions = {}): Promise<BuiltApi> => {
  const logger = options.logger ?? createLogger(config.logLevel, 'api');
  const container = options.container ?? createApiContainer(config, logger);
  const database = container.get<KnexDatabase>(TOKENS.Database);
  if (config.database.migrate) {
    try {
      await database.migrate();
    } catch (err) {
      await database.close().catch(() => undefined);
      throw err;
    }
    logger.debug({ dialect: database.dialect.name }, 'migrations applied');
  }
  return { container, app: container.get<HttpApp>(TOKENS.HttpApp), database, logger };
};

const urlOf = (server: Server, host: string): string => {
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${port}`;
};

const listen = (server: Server, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

/**
 * Stops accepting, then waits for in-flight requests. Keep-alive connections that turn idle
 * are closed as they do (Node closes the idle ones only once, at `close()`); whatever is still
 * open after `timeoutMs` is cut.
 */
export const stopServer = (server: Server, timeoutMs: number, logger: Logger): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) return resolve();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const deadline = setTimeout(() => {
      logger.warn({ timeoutMs }, 'shutdown timeout: closing the remaining connections');
      server.closeAllConnections();
    }, timeoutMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });

/** Builds the api and serves it on `config.host:config.port`. */
export const startApi = async (config: ApiConfig, options: ApiOptions = {}): Promise<RunningApi> => {
  const built = await buildApi(config, options);
  const server = createHttpServer(built.app, config.http);
  const relay = built.container.get<RelayRuntime>(TOKENS.Relay);
  try {
    await options.beforeListen?.(built);
    await relay.start();
    await listen(server, config.port, config.host);
  } catch (err) {
    await options.beforeClose?.().catch(() => undefined);
    await relay.stop().catch(() => undefined);
    await built.database.close();
    throw err;
  }
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await stopServer(server, config.shutdownTimeoutMs, built.logger);
      await options.beforeClose?.();
      await relay.stop();
      await built.database.close();
    })();
    return closing;
  };
  return { ...built, server, url: urlOf(server, config.host), close };
};
