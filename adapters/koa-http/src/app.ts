import Router from '@koa/router';
import Koa from 'koa';
import { resolveHttpOptions } from './default-options';
import type { HttpDeps } from './http-deps';
import type { HttpOptions } from './http-options';
import { accessLogMiddleware } from './middleware/access-log.middleware';
import { bodyParserMiddleware } from './middleware/body-parser.middleware';
import { corsMiddleware } from './middleware/cors.middleware';
import { apiDocsMiddleware } from './middleware/docs.middleware';
import { errorHandlerMiddleware } from './middleware/error-handler.middleware';
import { healthMiddleware } from './middleware/health.middleware';
import { notFoundMiddleware } from './middleware/not-found.middleware';
import { requestIdMiddleware } from './middleware/request-id.middleware';
import { securityHeadersMiddleware } from './middleware/security-headers.middleware';
import { RateLimits } from './pipeline/rate-limits';
import { routePipeline, type PipelineContext } from './pipeline/route-pipeline';
import type { AnyRoute } from './route';
import { apiRoutes } from './routes';
import { registerSseHub } from './sse';
import { SseHub } from './sse/sse-hub';
import { defaultSseOptions, type SseOptions } from './sse/sse-options';
import { sseRouter } from './sse/sse.routes';

/** `createHttpApp`'s options: the HTTP options and those of the SSE streams. */
export type HttpAppOptions = Partial<HttpOptions> & { readonly sse?: Partial<SseOptions> };

/** The router of the API: one pipeline per route row, under the base path. */
export const buildRouter = (routes: readonly AnyRoute[], pc: PipelineContext): Router => {
  const router = new Router({ prefix: pc.options.basePath });
  for (const route of routes) router.register(route.path, [route.method.toUpperCase()], routePipeline(route, pc));
  return router;
};

/**
 * The HTTP API as a Koa app (not listening: see `createHttpServer`). Middleware, outermost
 * first: request id → access log → error handler → security headers → CORS → /health, /ready
 * → docs → 404 → body parser → router. The access log sits outside the error handler so it
 * logs the status actually sent; CORS sits outside everything that answers so errors carry it.
 */
export const createHttpApp = (deps: HttpDeps, options: HttpAppOptions = {}, routes: readonly AnyRoute[] = apiRoutes(deps)): Koa => {
  const opts = resolveHttpOptions(options);
  // Behind a proxy, only the address the proxy itself appended is trusted (maxIpsCount 1):
  // the left of X-Forwarded-For is whatever the client wrote, and would dodge IP limits.
  const app = new Koa({ proxy: opts.trustProxy, maxIpsCount: 1 });
  const pc: PipelineContext = { deps, options: opts, limits: new RateLimits(opts.rateLimits) };
  const router = buildRouter(routes, pc);

  app.use(requestIdMiddleware(deps.logger));
  app.use(accessLogMiddleware(opts.slowRequestMs));
  app.use(errorHandlerMiddleware(deps.clock));
  app.use(securityHeadersMiddleware());
  app.use(corsMiddleware(opts.corsOrigins));
  app.use(healthMiddleware(deps.clock, deps.readiness));
  if (opts.docs) app.use(apiDocsMiddleware(routes, opts.basePath));
  app.use(notFoundMiddleware(router, deps.clock));
  // Event streams (GET, no body) before the body parser; see src/sse/.
  const hub = new SseHub(deps, { ...defaultSseOptions, ...options.sse }, deps.logger);
  registerSseHub(app, hub);
  app.use(sseRouter(deps, hub, opts.basePath).routes());
  app.use(bodyParserMiddleware(deps.clock, opts.bodyLimitBytes));
  app.use(router.routes());
  // Errors Koa catches outside the middleware chain (a socket error while streaming a reply).
  app.on('error', (err: unknown) => deps.logger.error({ err }, 'koa error'));
  return app;
};
