import type { Clock, DomainError, ErrorCode } from '@gavel/core';
import { toIso } from '@gavel/core';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { errorReply, type Reply } from '../errors/envelope';

/** What the middleware chain leaves on `ctx.state` for the ones after it. */
export interface RequestState {
  /** Set first, by the request id middleware. */
  requestId: string;
  /** The request's child logger (carries `requestId`). */
  log: Logger;
  /** Set by bearer auth once the caller is known, for the access log. */
  userId?: string;
  /** When the caller's access token expires (epoch ms): an event stream it opens ends then. */
  tokenExpiresAt?: number;
}

export const requestState = (ctx: Koa.Context): RequestState => ctx.state as RequestState;

export const send = (ctx: Koa.Context, reply: Reply): void => {
  ctx.status = reply.status;
  if (reply.headers) ctx.set(reply.headers);
  ctx.body = reply.body;
};

/** Answers an error envelope now; the one path every edge failure takes (auth, decoding, 404...). */
export const sendError = (
  ctx: Koa.Context,
  clock: Clock,
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, string>>,
): void => {
  const error: DomainError = details ? { code, message, details } : { code, message };
  send(ctx, errorReply(error, toIso(clock.now())));
};
