import type { IncomingMessage } from 'node:http';
import type { Actor, ErrorCode } from '@gavel/core';
import type { Socket } from 'socket.io';
import type { GatewayDeps } from './gateway-deps';

/** What the gateway keeps on each socket (`socket.data`). */
export interface SocketData {
  /** The authenticated user, or null for an anonymous watcher. */
  actor: Actor | null;
  /** When the handshake's access token expires (epoch ms): the gateway disconnects the socket then. */
  expiresAt?: number;
}

/** A connect_error the client can read: `err.message` and `err.data.code` (a core error code). */
export class HandshakeError extends Error {
  readonly data: { readonly code: ErrorCode };
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.data = { code };
  }
}

/**
 * Engine.IO's `allowRequest`, run on the first request of a connection, before any session
 * exists: a browser from an origin outside the list is refused with 403 (`message: FORBIDDEN`).
 * A request without `Origin` is a non-browser client, which CORS does not concern (as on the API).
 */
export const originCheck = (origins: readonly string[]) => {
  const allowed = new Set(origins);
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const origin = req.headers.origin;
    if (origin === undefined || allowed.has(origin)) callback(null, true);
    else callback('FORBIDDEN', false);
  };
};

/**
 * Checks `auth: { token }` once per connection. A token is verified, then its user looked up
 * (gone: INVALID_TOKEN, suspended: ACCOUNT_INACTIVE), like the API's bearer check; a bad token is
 * refused even when anonymous watching is allowed, since a client that sends one expects to be
 * recognised and would otherwise silently miss its personal events.
 */
export const authenticateSocket =
  (deps: Pick<GatewayDeps, 'accessTokens' | 'resolveActor' | 'logger'>, allowAnonymous: boolean) =>
  async (socket: Socket, next: (err?: Error) => void): Promise<void> => {
    const data = socket.data as SocketData;
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null ? (auth as Record<string, unknown>).token : undefined;
    if (token === undefined || token === null || token === '') {
      if (!allowAnonymous) return next(new HandshakeError('MISSING_TOKEN', 'An access token is required (auth: { token })'));
      data.actor = null;
      return next();
    }
    if (typeof token !== 'string') return next(new HandshakeError('INVALID_TOKEN', 'Invalid or expired token'));
    const verified = deps.accessTokens.verify(token);
    if (!verified.ok) return next(new HandshakeError('INVALID_TOKEN', 'Invalid or expired token'));
    data.expiresAt = verified.expiresAt;
    if (!deps.resolveActor) {
      data.actor = verified.claims;
      return next();
    }
    try {
      const resolved = await deps.resolveActor(verified.claims.userId);
      if (!resolved.ok) return next(new HandshakeError(resolved.error.code, resolved.error.message));
      data.actor = resolved.value;
      next();
    } catch (err) {
      deps.logger.error({ err, userId: verified.claims.userId }, 'realtime: resolving the actor failed');
      next(new HandshakeError('INTERNAL_ERROR', 'Internal error; retry later'));
    }
  };
