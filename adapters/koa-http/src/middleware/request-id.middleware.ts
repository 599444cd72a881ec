import { randomUUID } from 'node:crypto';
import type Koa from 'koa';
import type { Logger } from 'pino';
import type { RequestState } from './request-state';

export const REQUEST_ID_HEADER = 'X-Request-Id';

// A caller's id is echoed only when it is a plain token: it lands in logs and headers, so no
// spaces, quotes or control characters (log injection), and not longer than a UUID needs by far.
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Takes the caller's `X-Request-Id` (a proxy's) or makes one, echoes it, and opens a child logger. */
export const requestIdMiddleware = (logger: Logger): Koa.Middleware => async (ctx, next) => {
  const given = ctx.get(REQUEST_ID_HEADER);
  const requestId = SAFE_ID.test(given) ? given : randomUUID();
  const state = ctx.state as RequestState;
  state.requestId = requestId;
  state.log = logger.child({ requestId });
  ctx.set(REQUEST_ID_HEADER, requestId);
  await next();
};
