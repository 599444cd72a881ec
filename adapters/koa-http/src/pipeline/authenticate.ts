import { fail, ok, type Actor, type Result } from '@gavel/core';
import type Koa from 'koa';
import type { HttpDeps } from '../http-deps';
import { requestState } from '../middleware/request-state';
import type { AuthMode } from '../route';

// RFC 6750 §2.1: `Bearer` (any case), one space, the token in b64token characters.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The caller of a route, per its auth mode. A token is checked for its signature and claims,
 * then the user is looked up (`resolveActor`): a deleted user's token is INVALID_TOKEN, an
 * inactive one ACCOUNT_INACTIVE, and the role comes from storage, not from the token, so a
 * demoted admin loses admin rights before the token expires.
 * `optional`: no bearer token = anonymous (`null`); a bad one is still 401, since a client that
 * sends a token expects to be recognised and would otherwise silently see the public view.
 */
export const authenticate = async (
  ctx: Koa.Context,
  mode: AuthMode,
  deps: Pick<HttpDeps, 'accessTokens' | 'marketplace'>,
): Promise<Result<Actor | null>> => {
  if (mode === 'none') return ok(null);
  const header = ctx.get('Authorization').trim();
  const isBearer = /^bearer(\s|$)/i.test(header);
  if (!isBearer || header.length <= 'bearer'.length) {
    return mode === 'optional' ? ok(null) : fail('MISSING_TOKEN', 'A bearer token is required (Authorization: Bearer <token>)');
  }
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) return fail('INVALID_TOKEN', 'Invalid or expired token');
  const verified = deps.accessTokens.verify(token);
  if (!verified.ok) return fail('INVALID_TOKEN', 'Invalid or expired token');
  requestState(ctx).tokenExpiresAt = verified.expiresAt;
  const resolved = await deps.marketplace.resolveActor.execute({ userId: verified.claims.userId });
  if (!resolved.ok) return resolved;
  if (mode === 'admin' && resolved.value.role !== 'admin') return fail('FORBIDDEN', 'This needs an administrator');
  return ok(resolved.value);
};
