import type { HttpOptions } from './http-options';

const MINUTE = 60;

/**
 * Defaults of the HTTP adapter. Limits follow issue 4 (login 5 per 15 minutes per IP and per
 * login name, bids per user per second); the server timeouts close a slowloris client within
 * seconds because Node checks them every `connectionsCheckingIntervalMs` (its own default is 30 s).
 */
export const defaultHttpOptions: HttpOptions = {
  basePath: '/api/v1',
  corsOrigins: [],
  bodyLimitBytes: 100 * 1024,
  trustProxy: false,
  rateLimits: {
    login: { points: 5, durationSeconds: 15 * MINUTE },
    register: { points: 10, durationSeconds: 60 * MINUTE },
    refresh: { points: 60, durationSeconds: MINUTE },
    bid: { points: 5, durationSeconds: 1 },
  },
  idempotencyTtlMs: 24 * 60 * MINUTE * 1000,
  idempotencyWaitMs: 5_000,
  slowRequestMs: 1_000,
  docs: true,
  server: {
    headersTimeoutMs: 10_000,
    requestTimeoutMs: 30_000,
    keepAliveTimeoutMs: 5_000,
    connectionsCheckingIntervalMs: 1_000,
  },
};

/** The defaults overridden by `options`; the nested groups are merged field by field. */
export const resolveHttpOptions = (options: Partial<HttpOptions> = {}): HttpOptions => ({
  ...defaultHttpOptions,
  ...options,
  rateLimits: { ...defaultHttpOptions.rateLimits, ...options.rateLimits },
  server: { ...defaultHttpOptions.server, ...options.server },
});
