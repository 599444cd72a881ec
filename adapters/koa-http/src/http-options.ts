/** A limit of `points` requests per `durationSeconds` window. */
export interface RateLimit {
  readonly points: number;
  readonly durationSeconds: number;
}

/** Everything configurable about the HTTP adapter; `defaultHttpOptions` fills the gaps. */
export interface HttpOptions {
  /** `/api/v1`. */
  readonly basePath: string;
  /** Exact origins allowed by CORS (and by the gateway's Origin check); empty = none. */
  readonly corsOrigins: readonly string[];
  /** Largest JSON body accepted, in bytes; larger → 413 PAYLOAD_TOO_LARGE. */
  readonly bodyLimitBytes: number;
  /** Trust `X-Forwarded-For` for the client IP (behind a proxy only). */
  readonly trustProxy: boolean;
  readonly rateLimits: {
    /** Per IP and, separately, per account login name (SPEC: 5 per 15 minutes). */
    readonly login: RateLimit;
    readonly register: RateLimit;
    readonly refresh: RateLimit;
    /** Per user (SPEC: bids per user per second). */
    readonly bid: RateLimit;
  };
  /** How long an `Idempotency-Key` is kept (SPEC: 24 h). */
  readonly idempotencyTtlMs: number;
  /** How long a request waits for a concurrent one with the same key before answering 409. */
  readonly idempotencyWaitMs: number;
  /** Requests slower than this are logged at warn. */
  readonly slowRequestMs: number;
  /** Serve `/docs` and `/api/v1/openapi.json`. */
  readonly docs: boolean;
  readonly server: {
    /** Time to receive a request's headers (slowloris). */
    readonly headersTimeoutMs: number;
    /** Time to receive a whole request. */
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    /** How often Node checks the two timeouts above (its default, 30 s, is too coarse). */
    readonly connectionsCheckingIntervalMs: number;
  };
}
