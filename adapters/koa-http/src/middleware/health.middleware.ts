import { toIso, type Clock } from '@gavel/core';
import type Koa from 'koa';
import type { ReadinessCheck } from '../http-deps';
import { requestState } from './request-state';

/** A check that has not answered by then counts as failed: a probe must answer quickly. */
export const READINESS_TIMEOUT_MS = 2_000;

const runCheck = async (check: ReadinessCheck, timeoutMs: number): Promise<true | string> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve().then(check).catch((e: unknown) => (e instanceof Error ? e.message : String(e)) || 'failed'), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * `GET /health`: the process answers (liveness, no dependency touched, so a database outage
 * does not get the process restarted). `GET /ready`: every readiness check, run in parallel with
 * a timeout; 503 with each failing check's reason in `details` while one fails. 503 is outside
 * the error-code table on purpose: probes are read by orchestrators, not by API clients.
 */
export const healthMiddleware = (
  clock: Clock,
  checks: Readonly<Record<string, ReadinessCheck>>,
  timeoutMs = READINESS_TIMEOUT_MS,
): Koa.Middleware => async (ctx, next) => {
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
  if (ctx.path === '/health') {
    ctx.body = { success: true, data: { status: 'ok' }, timestamp: toIso(clock.now()) };
    return;
  }
  if (ctx.path !== '/ready') return next();
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => runCheck(checks[name]!, timeoutMs)));
  const failures: Record<string, string> = {};
  names.forEach((name, i) => {
    const r = results[i];
    if (r !== true) failures[name] = typeof r === 'string' && r.length > 0 ? r : 'failed';
  });
  const timestamp = toIso(clock.now());
  if (Object.keys(failures).length === 0) {
    ctx.body = { success: true, data: { status: 'ready', checks: Object.fromEntries(names.map((n) => [n, 'ok'])) }, timestamp };
    return;
  }
  requestState(ctx).log.warn({ failures }, 'not ready');
  ctx.status = 503;
  ctx.body = { success: false, error: 'Not ready', code: 'INTERNAL_ERROR', message: 'A dependency is not ready', details: failures, timestamp };
};
