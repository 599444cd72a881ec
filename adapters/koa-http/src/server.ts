import http from 'node:http';
import type Koa from 'koa';
import { resolveHttpOptions } from './default-options';
import type { HttpOptions } from './http-options';

/**
 * A Node HTTP server for the app, with the timeouts that close a slowloris client (one that
 * trickles its headers) within seconds. Node enforces `headersTimeout` and `requestTimeout` only
 * when it sweeps its connections, every `connectionsCheckingInterval` (30 s by default), so that
 * interval is set too. Not listening yet: the caller picks the port and owns shutdown.
 */
export const createHttpServer = (app: Koa, options: Partial<HttpOptions> = {}): http.Server => {
  const { server: s } = resolveHttpOptions(options);
  // Node refuses a headers timeout longer than the request timeout (both bound the same wait).
  const requestTimeout = s.requestTimeoutMs;
  const headersTimeout = requestTimeout > 0 ? Math.min(s.headersTimeoutMs, requestTimeout) : s.headersTimeoutMs;
  const server = http.createServer(
    {
      headersTimeout,
      requestTimeout,
      keepAliveTimeout: s.keepAliveTimeoutMs,
      connectionsCheckingInterval: s.connectionsCheckingIntervalMs,
    },
    app.callback(),
  );
  server.headersTimeout = headersTimeout;
  server.requestTimeout = requestTimeout;
  server.keepAliveTimeout = s.keepAliveTimeoutMs;
  return server;
};
