import type { Clock } from '@gavel/core';
import type Router from '@koa/router';
import type Koa from 'koa';
import { sendError } from './request-state';

/**
 * After the router: a request nothing answered. A path that exists under other methods gets an
 * `Allow` header (and `OPTIONS` a 204 with it); the status stays 404 NOT_FOUND rather than 405,
 * because every error status comes from the one code table and SPEC's code list has no
 * "method not allowed" (a frontend handles 404 already).
 */
export const notFoundMiddleware = (router: Router, clock: Clock): Koa.Middleware => async (ctx, next) => {
  await next();
  if (ctx.body !== undefined || ctx.status !== 404) return;
  const methods = new Set(router.match(ctx.path, ctx.method).path.flatMap((layer) => layer.methods));
  if (methods.size > 0) {
    const allow = [...methods, 'OPTIONS'].join(', ');
    ctx.set('Allow', allow);
    if (ctx.method === 'OPTIONS') {
      ctx.status = 204;
      return;
    }
    return sendError(ctx, clock, 'NOT_FOUND', `${ctx.method} is not allowed here; use ${[...methods].join(', ')}`);
  }
  sendError(ctx, clock, 'NOT_FOUND', `No route for ${ctx.method} ${ctx.path}`);
};
