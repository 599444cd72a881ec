import cors from '@koa/cors';
import type Koa from 'koa';
import { REQUEST_ID_HEADER } from './request-id.middleware';

/** A day: browsers cap it lower (Chromium at 2 h) but the issue asks for 24 h. */
const MAX_AGE_SECONDS = 86_400;

/**
 * CORS by exact origin list (SPEC). An origin not in the list gets no CORS header at all, so the
 * browser refuses the reply; requests without `Origin` (curl, servers) are not affected.
 * No credentials: the API authenticates with a bearer header, never with cookies.
 */
export const corsMiddleware = (origins: readonly string[]): Koa.Middleware => {
  const allowed = new Set(origins);
  return cors({
    origin: (ctx) => {
      const origin = ctx.get('Origin');
      return allowed.has(origin) ? origin : '';
    },
    allowMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    // X-Device-Id: the fraud signal RouteInput.request.deviceId reads.
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', REQUEST_ID_HEADER, 'X-Device-Id'],
    exposeHeaders: ['Retry-After', REQUEST_ID_HEADER, 'Idempotent-Replayed'],
    maxAge: MAX_AGE_SECONDS,
  });
};
