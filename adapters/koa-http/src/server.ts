import http from 'node:http';
import type Koa from 'koa';
import { resolveHttpOptions } from './default-options';
import { closeStreams } from './sse';
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
  // SSE responses never finish on their own: `close()` ends them first (with a `disconnected`
  // event), so a graceful stop waits for in-flight requests, not for streams. `requestTimeout`
  // does not cut a stream: it bounds receiving the request, which for a GET ends with its headers.
  const close = server.close.bind(server);
  server.close = ((callback?: (err?: Error) => void) => {
    closeStreams(app);
    return close(callback);
  }) as typeof server.close;
  return server;
};
