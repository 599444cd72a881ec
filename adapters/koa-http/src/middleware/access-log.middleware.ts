import type Koa from 'koa';
import { requestState } from './request-state';

/**
 * One JSON line per request (SPEC "Operations"): request id (from the child logger), user id
 * when known, method, path, status, duration. 5xx at error, slow ones at warn, the rest at info.
 * It sits outside the error handler, so it logs the status the client really got.
 */
export const accessLogMiddleware = (slowRequestMs: number): Koa.Middleware => async (ctx, next) => {
  const started = process.hrtime.bigint();
  try {
    await next();
  } finally {
    const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
    const state = requestState(ctx);
    const entry = {
      userId: state.userId ?? null,
      method: ctx.method,
      path: ctx.path,
      status: ctx.status,
      durationMs,
    };
    if (ctx.status >= 500) state.log.error(entry, 'request failed');
    else if (durationMs >= slowRequestMs) state.log.warn(entry, 'slow request');
    else state.log.info(entry, 'request');
  }
};
