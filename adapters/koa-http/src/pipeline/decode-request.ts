import { decode } from '@gavel/contracts';
import { fail, ok, type Result } from '@gavel/core';
import type Koa from 'koa';
import type { AnyRoute } from '../route';

export interface DecodedRequest {
  readonly params: unknown;
  readonly query: unknown;
  readonly body: unknown;
}

export const CONTENT_TYPE_DETAIL = 'content-type';

/** True when the request carries body bytes (a length above 0, or a chunked body). */
const hasBody = (ctx: Koa.Context): boolean =>
  ctx.get('Transfer-Encoding') !== '' || (ctx.request.length ?? 0) > 0;

/**
 * Params, query and body through the route's codecs (SPEC: every input is decoded; a failure is
 * 400 VALIDATION_ERROR with per-field `details`, never a 500). All three are checked so the
 * client learns every problem at once. An absent body decodes as `{}`, so the codec names the
 * missing fields. A body in another content type than JSON is refused with 400 (not 415: SPEC's
 * list of statuses has no 415, and the frontend handles 400 VALIDATION_ERROR already).
 */
/**
 * Dotted paths of every string holding U+0000. No text of the API needs it, and PostgreSQL
 * refuses it in `text` columns (an error the client would otherwise see as a 500).
 */
const nulPaths = (value: unknown, path: string, out: string[]): string[] => {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) out.push(path || '$');
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, path ? `${path}.${i}` : String(i), out));
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) nulPaths(v, path ? `${path}.${k}` : k, out);
  }
  return out;
};

export const decodeRequest = (ctx: Koa.Context, route: AnyRoute, routeParams: Record<string, string>): Result<DecodedRequest> => {
  // A Map, not an object: a field may be named `__proto__`, `constructor` or `toString`.
  const details = new Map<string, string>();
  const note = (field: string, reason: string) => {
    if (!details.has(field)) details.set(field, reason);
  };
  const part = (codec: AnyRoute['params'], input: unknown): unknown => {
    if (!codec) return undefined;
    const nul = nulPaths(input, '', []);
    if (nul.length > 0) {
      for (const field of nul) note(field, 'must not contain NUL (U+0000) characters');
      return undefined;
    }
    const decoded = decode(codec, input);
    if (decoded.ok) return decoded.value;
    for (const [field, reason] of Object.entries(decoded.details)) note(field, reason);
    return undefined;
  };
  const params = part(route.params, routeParams);
  const query = part(route.query, ctx.query);
  let body: unknown;
  if (route.body) {
    if (hasBody(ctx) && !ctx.request.is('json', '+json')) note(CONTENT_TYPE_DETAIL, 'must be application/json');
    else body = part(route.body, ctx.request.body ?? {});
  }
  if (details.size > 0) return fail('VALIDATION_ERROR', 'The request is not valid', Object.fromEntries(details));
  return ok({ params, query, body });
};
