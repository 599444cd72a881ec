import { randomBytes } from 'node:crypto';
import { bool, type CleanedEnv, str } from 'envalid';
import { defaultHttpOptions, type HttpOptions } from '@gavel/koa-http';
import { databaseUrl, type Decoded, decodeEnv, intIn, jwtSecret, listenPort, originList } from './env-validators';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export type NodeEnv = (typeof NODE_ENVS)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where the embedded database lives unless `DATABASE_URL` says otherwise (SPEC "Persistence"). */
export const DEFAULT_SQLITE_URL = 'sqlite:./data/gavel.db';

const DAY_SECONDS = 86_400;

/** Everything the api app reads from its environment, decoded. */
export interface ApiConfig {
  readonly nodeEnv: NodeEnv;
  readonly port: number;
  readonly host: string;
  readonly database: { readonly url: string; readonly poolMax: number; readonly migrate: boolean };
  readonly jwt: {
    readonly secret: string;
    /** True when no JWT_SECRET was given (never in production): tokens die with the process. */
    readonly generated: boolean;
    readonly issuer: string;
    readonly audience: string;
    readonly accessTtlSeconds: number;
  };
  readonly refreshTtlSeconds: number;
  readonly bcryptCost: number;
  readonly logLevel: LogLevel;
  /** How long a shutdown waits for in-flight requests before cutting connections. */
  readonly shutdownTimeoutMs: number;
  /** Poll period of this process's outbox relay (SSE; the gateway's Socket.IO). */
  readonly relayPollMs: number;
  readonly http: HttpOptions;
}

export interface ApiEnvDefaults {
  /**
   * The database when DATABASE_URL is unset. The api app uses the SQLite file outside production
   * only (a production server must name its database); the standalone app always.
   */
  readonly databaseUrl: 'development-only' | 'always';
}

const ms = (min: number, max: number, def: number, desc: string) => intIn(min, max)({ default: def, desc });

/** The envalid specs of the api app; the standalone app adds its own to these. */
export const apiEnvSpecs = (defaults: ApiEnvDefaults = { databaseUrl: 'development-only' }) => ({
  NODE_ENV: str({ choices: NODE_ENVS, default: 'development', desc: 'development, production or test' }),
  PORT: listenPort({ default: 3000, desc: 'HTTP port (0: any free port)' }),
  HOST: str({ default: '0.0.0.0', desc: 'interface to listen on' }),
  // Unset means the SQLite file (mapped below); envalid's own devDefault would not apply when
  // NODE_ENV is unset, which is how a newcomer starts the app.
  DATABASE_URL: databaseUrl({
    default: undefined,
    requiredWhen: (env) => defaults.databaseUrl === 'development-only' && env.NODE_ENV === 'production',
    desc: 'in production, the database, e.g. postgres://user:password@host:5432/gavel',
  }),
  DATABASE_POOL_MAX: intIn(1, 1000)({ default: 10, desc: 'largest connection pool (PostgreSQL, MySQL)' }),
  DATABASE_MIGRATE: bool({ default: true, desc: 'apply migrations at start' }),
  RELAY_POLL_MS: intIn(10, 60_000)({ default: 250, desc: 'how often the outbox relay reads without a signal (SSE streams, Socket.IO)' }),
  JWT_SECRET: jwtSecret({
    default: undefined,
    // SPEC "Auth": secrets come from the environment, never defaults in production mode.
    requiredWhen: (env) => env.NODE_ENV === 'production',
    desc: 'in production, an HMAC key of at least 32 bytes (e.g. openssl rand -base64 48)',
  }),
  JWT_ISSUER: str({ default: 'gavel', desc: 'iss claim of access tokens' }),
  JWT_AUDIENCE: str({ default: 'gavel-api', desc: 'aud claim of access tokens' }),
  ACCESS_TOKEN_TTL: intIn(30, DAY_SECONDS)({ default: 900, desc: 'access token lifetime, seconds' }),
  REFRESH_TOKEN_TTL: intIn(60, 365 * DAY_SECONDS)({ default: 14 * DAY_SECONDS, desc: 'refresh token lifetime, seconds' }),
  BCRYPT_COST: intIn(12, 31)({ default: 12, desc: 'bcrypt work factor (log2)' }),
  CORS_ORIGINS: originList({ default: [], desc: 'comma-separated allowed origins' }),
  BODY_LIMIT: intIn(1024, 100 * 1024 * 1024)({ default: defaultHttpOptions.bodyLimitBytes, desc: 'largest JSON body, bytes' }),
  TRUST_PROXY: bool({ default: false, desc: 'trust X-Forwarded-For (behind a proxy only)' }),
  RATE_LIMIT_LOGIN_POINTS: intIn(1, 1_000_000)({ default: defaultHttpOptions.rateLimits.login.points, desc: 'login attempts per window, per IP and per account' }),
  RATE_LIMIT_LOGIN_WINDOW_SECONDS: intIn(1, DAY_SECONDS)({ default: defaultHttpOptions.rateLimits.login.durationSeconds, desc: 'login rate-limit window, seconds' }),
  RATE_LIMIT_BIDS_PER_SECOND: intIn(1, 1_000_000)({ default: bidsPerSecond(defaultHttpOptions), desc: 'bids per user per second' }),
  LOG_LEVEL: str({ choices: LOG_LEVELS, default: 'info', desc: 'pino level' }),
  DOCS_ENABLED: bool({ default: defaultHttpOptions.docs, desc: 'serve /docs and /api/v1/openapi.json' }),
  SHUTDOWN_TIMEOUT_MS: ms(0, 600_000, 10_000, 'grace period for in-flight requests at shutdown'),
  HTTP_HEADERS_TIMEOUT_MS: ms(1000, 600_000, defaultHttpOptions.server.headersTimeoutMs, 'time to receive request headers'),
  HTTP_REQUEST_TIMEOUT_MS: ms(1000, 3_600_000, defaultHttpOptions.server.requestTimeoutMs, 'time to receive a whole request'),
  HTTP_KEEP_ALIVE_TIMEOUT_MS: ms(0, 600_000, defaultHttpOptions.server.keepAliveTimeoutMs, 'idle keep-alive connection lifetime'),
  HTTP_CONNECTIONS_CHECK_INTERVAL_MS: ms(100, 60_000, defaultHttpOptions.server.connectionsCheckingIntervalMs, 'how often the two timeouts above are checked'),
});

function bidsPerSecond(o: HttpOptions): number {
  return Math.max(1, Math.round(o.rateLimits.bid.points / o.rateLimits.bid.durationSeconds));
}

export type ApiEnv = CleanedEnv<ReturnType<typeof apiEnvSpecs>>;

/** Relations between variables that no single validator sees. */
const crossProblems = (env: ApiEnv): Record<string, string> => {
  const p: Record<string, string> = {};
  // Node refuses a headers timeout above the request timeout.
  if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
    p.HTTP_HEADERS_TIMEOUT_MS = `must not exceed HTTP_REQUEST_TIMEOUT_MS (${env.HTTP_REQUEST_TIMEOUT_MS})`;
  }
  return p;
};

/** Maps decoded variables onto the app's config (the HTTP part onto the adapter's options). */
export const toApiConfig = (env: ApiEnv): ApiConfig => {
  const secret = env.JWT_SECRET;
  const d = defaultHttpOptions;
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    database: { url: env.DATABASE_URL ?? DEFAULT_SQLITE_URL, poolMax: env.DATABASE_POOL_MAX, migrate: env.DATABASE_MIGRATE },
    relayPollMs: env.RELAY_POLL_MS,
    jwt: {
      secret: secret ?? randomBytes(48).toString('base64url'),
      generated: secret === undefined,
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      accessTtlSeconds: env.ACCESS_TOKEN_TTL,
    },
    refreshTtlSeconds: env.REFRESH_TOKEN_TTL,
    bcryptCost: env.BCRYPT_COST,
    logLevel: env.LOG_LEVEL,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    http: {
      ...d,
      corsOrigins: env.CORS_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT,
      trustProxy: env.TRUST_PROXY,
      rateLimits: {
        ...d.rateLimits,
        login: { points: env.RATE_LIMIT_LOGIN_POINTS, durationSeconds: env.RATE_LIMIT_LOGIN_WINDOW_SECONDS },
        bid: { points: env.RATE_LIMIT_BIDS_PER_SECOND, durationSeconds: 1 },
      },
      docs: env.DOCS_ENABLED,
      server: {
        headersTimeoutMs: env.HTTP_HEADERS_TIMEOUT_MS,
        requestTimeoutMs: env.HTTP_REQUEST_TIMEOUT_MS,
        keepAliveTimeoutMs: env.HTTP_KEEP_ALIVE_TIMEOUT_MS,
        connectionsCheckingIntervalMs: env.HTTP_CONNECTIONS_CHECK_INTERVAL_MS,
      },
    },
  };
};

/** The config from decoded variables, once their relations are checked too. */
export const apiConfigFrom = (env: ApiEnv): Decoded<ApiConfig> => {
  const problems = crossProblems(env);
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, value: toApiConfig(env) };
};

/** Decodes and checks the whole environment: every problem at once, or the config. */
export const readApiConfig = (env: NodeJS.ProcessEnv, defaults?: ApiEnvDefaults): Decoded<ApiConfig> => {
  const decoded = decodeEnv(env, apiEnvSpecs(defaults));
  return decoded.ok ? apiConfigFrom(decoded.value) : decoded;
};
