import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { HttpOptions, RateLimit } from '../http-options';
import type { RateLimitName } from '../route';

/** Who is asking, as far as the limits care. */
export interface RateLimitSubject {
  readonly ip: string;
  readonly userId: string | null;
  /** The decoded body, for the login name (`email` or `username`). */
  readonly body: unknown;
}

export type RateLimitOutcome =
  | { readonly ok: true; /** Gives the points back: login counts failed attempts only. */ readonly refund: () => Promise<void> }
  | { readonly ok: false; readonly retryAfterSeconds: number };

const limiter = (name: string, limit: RateLimit) =>
  new RateLimiterMemory({ keyPrefix: name, points: limit.points, duration: limit.durationSeconds });

const loginName = (body: unknown): string | null => {
  if (typeof body !== 'object' || body === null) return null;
  const { email, username } = body as { email?: unknown; username?: unknown };
  const name = typeof email === 'string' ? email : typeof username === 'string' ? username : null;
  return name === null ? null : name.trim().toLowerCase();
};

const noRefund = async (): Promise<void> => {};

/**
 * The named limits of `HttpOptions.rateLimits`, in process memory (one API process; a cluster
 * would swap in rate-limiter-flexible's Redis or Postgres store behind the same calls).
 * - `login`: per IP and, apart, per login name (email or username, lower-cased), so neither
 *   one address trying many accounts nor many addresses trying one account gets far. Every
 *   attempt takes a point up front (so parallel guesses cannot slip past the count) and a
 *   successful login gives it back: only failed attempts count toward the limit.
 * - `register`, `refresh`: per IP, every attempt. `bid`: per user (per IP if anonymous).
 */
export class RateLimits {
  private readonly loginIp: RateLimiterMemory;
  private readonly loginName: RateLimiterMemory;
  private readonly register: RateLimiterMemory;
  private readonly refresh: RateLimiterMemory;
  private readonly bid: RateLimiterMemory;

  constructor(limits: HttpOptions['rateLimits']) {
    this.loginIp = limiter('login-ip', limits.login);
    this.loginName = limiter('login-name', limits.login);
    this.register = limiter('register', limits.register);
    this.refresh = limiter('refresh', limits.refresh);
    this.bid = limiter('bid', limits.bid);
  }

  async consume(name: RateLimitName, subject: RateLimitSubject): Promise<RateLimitOutcome> {
    switch (name) {
      case 'login': {
        const account = loginName(subject.body);
        const takes: [RateLimiterMemory, string][] = [[this.loginIp, subject.ip]];
        if (account) takes.push([this.loginName, account]);
        return take(takes, true);
      }
      case 'register':
        return take([[this.register, subject.ip]], false);
      case 'refresh':
        return take([[this.refresh, subject.ip]], false);
      case 'bid':
        return take([[this.bid, subject.userId ?? `ip:${subject.ip}`]], false);
    }
  }
}

const take = async (takes: readonly [RateLimiterMemory, string][], refundable: boolean): Promise<RateLimitOutcome> => {
  const results = await Promise.allSettled(takes.map(([l, key]) => l.consume(key)));
  let waitMs = -1;
  for (const r of results) {
    if (r.status === 'rejected') {
      // rate-limiter-flexible rejects with a RateLimiterRes when over the limit, with an Error on a fault.
      if (!(r.reason instanceof RateLimiterRes)) throw r.reason;
      waitMs = Math.max(waitMs, r.reason.msBeforeNext);
    }
  }
  if (waitMs >= 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  if (!refundable) return { ok: true, refund: noRefund };
  return { ok: true, refund: async () => void (await Promise.all(takes.map(([l, key]) => l.reward(key)))) };
};
