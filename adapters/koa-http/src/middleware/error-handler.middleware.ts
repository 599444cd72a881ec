import type { Clock } from '@gavel/core';
import type Koa from 'koa';
import { requestState, sendError } from './request-state';

interface HttpLikeError {
  readonly status?: unknown;
  readonly expose?: unknown;
  readonly message?: unknown;
}

/**
 * Last line of defence: anything thrown below becomes an envelope. A 4xx thrown by Koa or its
 * parsers (they mark those `expose`) keeps its meaning; anything else is a bug or an outage:
 * 500 INTERNAL_ERROR with a fixed message (SPEC: never leak internals), the stack goes to the log.
 */
export const errorHandlerMiddleware = (clock: Clock): Koa.Middleware => async (ctx, next) => {
  try {
    await next();
  } catch (thrown: unknown) {
    const err = (typeof thrown === 'object' && thrown !== null ? thrown : {}) as HttpLikeError;
    const status = typeof err.status === 'number' ? err.status : 500;
    if (ctx.headerSent || !ctx.writable) {
      requestState(ctx).log.error({ err: thrown }, 'error after the reply was sent');
      return;
    }
    if (status === 413) {
      sendError(ctx, clock, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
    } else if (status >= 400 && status < 500 && err.expose === true && typeof err.message === 'string') {
      sendError(ctx, clock, 'VALIDATION_ERROR', err.message);
    } else {
      requestState(ctx).log.error({ err: thrown }, 'unexpected error');
      sendError(ctx, clock, 'INTERNAL_ERROR', 'Internal server error');
    }
  }
};
