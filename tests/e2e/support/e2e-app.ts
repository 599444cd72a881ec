import { BcryptPasswordHasher } from '@gavel/auth';
import {
  type ApiConfig, createApiContainer, readApiConfig, type RunningApi, startApi, TOKENS,
} from '@gavel/app-api';
import type { Gavel, PasswordHasher, UserId } from '@gavel/core';
import { type AnyRoute, apiRoutes, type HttpDeps, type HttpOptions } from '@gavel/koa-http';
import pino from 'pino';
import { ApiClient } from './api-client';
import { type E2eDialect, freshDatabase } from './e2e-database';
import { MovingClock } from './moving-clock';

/** The HMAC key the tests give the app, so they can forge tokens with it (auth attacks). */
export const E2E_JWT_SECRET = 'e2e-secret-of-at-least-thirty-two-bytes-long!';
export const E2E_JWT_ISSUER = 'gavel-e2e';
export const E2E_JWT_AUDIENCE = 'gavel-e2e-api';

/** Generous limits: a test about something else must never meet a 429 by accident. */
const ROOMY = { points: 100_000, durationSeconds: 1 };

export interface E2eOptions {
  /** Limits to keep tight (the 429 tests); the rest stay roomy. */
  readonly rateLimits?: Partial<HttpOptions['rateLimits']>;
  readonly bodyLimitBytes?: number;
  readonly accessTokenTtlSeconds?: number;
}

export interface E2eApp {
  readonly dialect: E2eDialect;
  readonly url: string;
  readonly client: ApiClient;
  readonly clock: MovingClock;
  readonly config: ApiConfig;
  readonly api: RunningApi;
  /** The core's use cases of the running app: closes auctions as the scheduler would. */
  readonly gavel: Gavel;
  /** The route table the app serves (what the error-code coverage is derived from). */
  readonly routes: readonly AnyRoute[];
  /** Gives a user a role no route can give without an admin (there is no public way). */
  setRole(userId: string, role: 'user' | 'admin'): Promise<void>;
  /** Deletes a user row (there is no route for it): its tokens outlive it. */
  deleteUser(userId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real api app (`@gavel/app-api`'s container and `startApi`) on a fresh database of the
 * dialect, on a loopback port, with three test seams rebound in its container: a movable clock,
 * bcrypt at cost 4, and the rate limits above.
 */
export const startE2eApp = async (dialect: E2eDialect, options: E2eOptions = {}): Promise<E2eApp> => {
  const db = await freshDatabase(dialect);
  const decoded = readApiConfig({
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATABASE_POOL_MAX: '10',
    JWT_SECRET: E2E_JWT_SECRET, JWT_ISSUER: E2E_JWT_ISSUER, JWT_AUDIENCE: E2E_JWT_AUDIENCE,
    // A day: tests move the clock past auction ends without their sessions expiring on the way.
    ACCESS_TOKEN_TTL: String(options.accessTokenTtlSeconds ?? 86_400),
    LOG_LEVEL: 'silent', DOCS_ENABLED: 'false', SHUTDOWN_TIMEOUT_MS: '2000',
  });
  if (!decoded.ok) throw new Error(`e2e config: ${JSON.stringify(decoded.problems)}`);
  const base = decoded.value;
  const config: ApiConfig = {
    ...base,
    http: {
      ...base.http,
      ...(options.bodyLimitBytes !== undefined ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
      rateLimits: { login: ROOMY, register: ROOMY, refresh: ROOMY, bid: ROOMY, ...options.rateLimits },
    },
  };
  const logger = pino({ level: 'silent' });
  const container = createApiContainer(config, logger);
  const clock = new MovingClock();
  container.rebind(TOKENS.Clock).toConstantValue(clock);
  container.rebind<PasswordHasher>(TOKENS.PasswordHasher).toConstantValue(new BcryptPasswordHasher({ cost: 4, allowWeakCostForTests: true }));

  let api: RunningApi;
  try {
    api = await startApi(config, { logger, container });
  } catch (err) {
    await db.drop().catch(() => undefined);
    throw err;
  }
  const database = api.database;
  const setRole = async (userId: string, role: 'user' | 'admin'): Promise<void> => {
    const user = await database.users.get(userId as UserId);
    if (!user) throw new Error(`no user ${userId}`);
    await database.users.save({ ...user, role });
  };
  const deleteUser = async (userId: string): Promise<void> => {
    await database.knex.transaction(async (trx) => {
      await trx('refresh_tokens').where({ user_id: userId }).delete();
      await trx('watchlist').where({ user_id: userId }).delete();
      await trx('idempotency_keys').where({ user_id: userId }).delete();
      await trx('users').where({ id: userId }).delete();
    });
  };
  let closed: Promise<void> | null = null;
  return {
    dialect,
    url: api.url,
    client: new ApiClient(api.url),
    clock,
    config,
    api,
    gavel: api.container.get<Gavel>(TOKENS.Gavel),
    routes: apiRoutes(api.container.get<HttpDeps>(TOKENS.HttpDeps)),
    setRole,
    deleteUser,
    close: () => {
      closed ??= api.close().finally(() => db.drop());
      return closed;
    },
  };
};
