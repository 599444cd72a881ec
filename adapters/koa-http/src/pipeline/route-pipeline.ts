import { ANONYMOUS, asViewer, toIso, type Actor } from '@gavel/core';
import type Koa from 'koa';
import { errorReply, successReply, type Reply } from '../errors/envelope';
import type { HttpDeps } from '../http-deps';
import type { HttpOptions } from '../http-options';
import { requestState, send, sendError } from '../middleware/request-state';
import type { AnyRoute, RequestInfo } from '../route';
import { authenticate } from './authenticate';
import { decodeRequest, type DecodedRequest } from './decode-request';
import { IDEMPOTENCY_KEY_HEADER, isValidIdempotencyKey, REPLAYED_HEADER, requestHash, runIdempotent } from './idempotency';
import type { RateLimits } from './rate-limits';

export interface PipelineContext {
  readonly deps: HttpDeps;
  readonly options: HttpOptions;
  readonly limits: RateLimits;
}

const MAX_DEVICE_ID = 200;

const requestInfo = (ctx: Koa.Context): RequestInfo => {
  const device = ctx.get('X-Device-Id');
  return {
    requestId: requestState(ctx).requestId,
    ip: ctx.ip,
    userAgent: ctx.get('User-Agent') || null,
    deviceId: device && device.length <= MAX_DEVICE_ID ? device : null,
  };
};

/**
 * One route's request, in order: bearer auth → decoding → idempotency claim → rate limit →
 * handler → envelope. The rate limit comes after the claim on purpose: retries of one
 * idempotent request (seed 003's frontend retries a bid 3 times) are answered from the store
 * and spend no points; a 429 is never stored, so the retry after `Retry-After` runs.
 */
export const routePipeline = (route: AnyRoute, pc: PipelineContext): Koa.Middleware => async (ctx) => {
  const { deps } = pc;
  const state = requestState(ctx);
  const caller = await authenticate(ctx, route.auth, deps);
  if (!caller.ok) return send(ctx, errorReply(caller.error, toIso(deps.clock.now())));
  const actor = caller.value;
  if (actor) state.userId = actor.userId;

  const decoded = decodeRequest(ctx, route, (ctx as Koa.Context & { params?: Record<string, string> }).params ?? {});
  if (!decoded.ok) return send(ctx, errorReply(decoded.error, toIso(deps.clock.now())));
  const execute = () => runRoute(ctx, route, pc, actor, decoded.value);

  const key = ctx.headers[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (!route.idempotent || key === undefined) return send(ctx, await execute());
  if (typeof key !== 'string' || !isValidIdempotencyKey(key)) {
    return sendError(ctx, deps.clock, 'VALIDATION_ERROR', 'Invalid Idempotency-Key', {
      [IDEMPOTENCY_KEY_HEADER]: 'must be 1 to 255 printable ASCII characters',
    });
  }
  // Keys are scoped per user (SPEC); without a user there is no scope to keep them in.
  if (!actor) return sendError(ctx, deps.clock, 'MISSING_TOKEN', 'An Idempotency-Key needs an authenticated request');
  const outcome = await runIdempotent(
    { store: deps.idempotency, clock: deps.clock, ttlMs: pc.options.idempotencyTtlMs, waitMs: pc.options.idempotencyWaitMs, log: state.log },
    actor.userId,
    key,
    requestHash(ctx.method, ctx.path, decoded.value.body),
    execute,
  );
  if (outcome.replayed) ctx.set(REPLAYED_HEADER, 'true');
  send(ctx, outcome.reply);
};

const runRoute = async (ctx: Koa.Context, route: AnyRoute, pc: PipelineContext, actor: Actor | null, input: DecodedRequest): Promise<Reply> => {
  const { deps } = pc;
  const request = requestInfo(ctx);
  let refund = async (): Promise<void> => {};
  if (route.rateLimit) {
    const limited = await pc.limits.consume(route.rateLimit, { ip: request.ip, userId: actor?.userId ?? null, body: input.body });
    if (!limited.ok) {
      const reply = errorReply({ code: 'RATE_LIMIT_EXCEEDED', message: 'Too many requests; retry later' }, toIso(deps.clock.now()));
      return { ...reply, headers: { 'Retry-After': String(limited.retryAfterSeconds) } };
    }
    refund = limited.refund;
  }
  const result = await route.handle({
    params: input.params,
    query: input.query,
    body: input.body,
    actor,
    viewer: actor ? asViewer(actor) : ANONYMOUS,
    request,
  });
  const timestamp = toIso(deps.clock.now());
  if (!result.ok) return errorReply(result.error, timestamp);
  await refund();
  const status = route.created && !route.created(result.value) ? 200 : route.status;
  return successReply(status, route.response.encode(result.value), timestamp);
};
