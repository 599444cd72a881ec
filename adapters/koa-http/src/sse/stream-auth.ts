import { fail, type Actor, type Result } from '@gavel/core';
import type Koa from 'koa';
import type { HttpDeps } from '../http-deps';
import { requestState } from '../middleware/request-state';
import { authenticate } from '../pipeline/authenticate';

/**
 * The caller of a stream. A browser's `EventSource` cannot send headers, so besides
 * `Authorization: Bearer` the access token may come as `?access_token=` (RFC 6750 §2.3). The
 * header wins when both are present. The URL form is what EventSource allows, at a cost: URLs
 * end up in proxy logs and browser history (this app logs the path only, never the query), so
 * access tokens must stay short-lived. Checked as the routes check a header: signature and
 * claims, then the stored user (deleted → INVALID_TOKEN, inactive → ACCOUNT_INACTIVE).
 */
export const authenticateStream = async (
  ctx: Koa.Context,
  mode: 'optional' | 'required',
  deps: Pick<HttpDeps, 'accessTokens' | 'marketplace'>,
): Promise<Result<Actor | null>> => {
  const token = ctx.query.access_token;
  if (ctx.get('Authorization') !== '' || token === undefined) return authenticate(ctx, mode, deps);
  if (typeof token !== 'string' || token === '') return fail('INVALID_TOKEN', 'Invalid or expired token');
  const verified = deps.accessTokens.verify(token);
  if (!verified.ok) return fail('INVALID_TOKEN', 'Invalid or expired token');
  requestState(ctx).tokenExpiresAt = verified.expiresAt;
  return deps.marketplace.resolveActor.execute({ userId: verified.claims.userId });
};

const LAST_EVENT_ID = /^\d{1,15}$/;

/**
 * `Last-Event-ID` (sent by a reconnecting EventSource), or `?lastEventId=` for clients that can
 * set neither headers nor ids (polyfills). Anything but a plain number is ignored: the stream
 * then starts afresh rather than failing a reconnect.
 */
export const lastEventIdOf = (ctx: Koa.Context): number | null => {
  const raw = ctx.get('Last-Event-ID') || (typeof ctx.query.lastEventId === 'string' ? ctx.query.lastEventId : '');
  return LAST_EVENT_ID.test(raw.trim()) ? Number(raw.trim()) : null;
};
