import { randomBytes } from 'node:crypto';
import { BcryptPasswordHasher } from '@gavel/auth';
import { type ApiConfig, createApiContainer, createLogger, readApiConfig, startApi, TOKENS } from '@gavel/app-api';
import { bidVelocityPolicy, type Clock, createGavel, type Gavel, type IdGenerator, type PasswordHasher, sharedIdentityPolicy } from '@gavel/core';
import type { KnexDatabase } from '@gavel/knex';
import type { ServerMessage, ServerRequest } from './server-messages';

/**
 * The API under test, in its own process (forked by server-process.ts): the api app as shipped,
 * on the database DATABASE_URL names, with three changes a load test needs and says so in
 * `settings`: limits that would answer 429 to a storm of bids are raised (the bid rate limit,
 * the register limit, and the bid-velocity fraud policy, which stays on with a limit no bidder
 * reaches so its lookback query still runs), and passwords are hashed at bcrypt cost 4, since
 * registering the bidders is set-up, not measured.
 */

const UNREACHABLE = 1_000_000_000;

const configFor = (env: NodeJS.ProcessEnv): ApiConfig => {
  const decoded = readApiConfig({
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: env.BENCH_HTTP_LOG_LEVEL ?? 'warn',
    DOCS_ENABLED: 'false',
    RATE_LIMIT_BIDS_PER_SECOND: '1000000', // the variable's maximum
    DATABASE_URL: env.DATABASE_URL,
    ...(env.DATABASE_POOL_MAX ? { DATABASE_POOL_MAX: env.DATABASE_POOL_MAX } : {}),
  });
  if (!decoded.ok) throw new Error(`bench server config: ${JSON.stringify(decoded.problems)}`);
  const config = decoded.value;
  const limits = config.http.rateLimits;
  return {
    ...config,
    http: {
      ...config.http,
      rateLimits: { ...limits, register: { points: UNREACHABLE, durationSeconds: 1 } },
      // The bench measures latency itself; a warn line per slow request would flood its output.
      slowRequestMs: 60_000,
    },
  };
};

const main = async () => {
  const config = configFor(process.env);
  const logger = createLogger(config.logLevel, 'bench-api');
  const container = createApiContainer(config, logger);
  container.rebind<PasswordHasher>(TOKENS.PasswordHasher).toDynamicValue(() => new BcryptPasswordHasher({ cost: 4, allowWeakCostForTests: true })).inSingletonScope();
  // The api's own Gavel binding, with the default policies but an unreachable velocity limit.
  container.rebind<Gavel>(TOKENS.Gavel).toDynamicValue((ctx) => createGavel({
    uow: ctx.get<KnexDatabase>(TOKENS.Database).uow,
    clock: ctx.get<Clock>(TOKENS.Clock),
    ids: ctx.get<IdGenerator>(TOKENS.Ids),
    fraudPolicies: [bidVelocityPolicy({ maxBids: UNREACHABLE, windowMs: 60_000 }), sharedIdentityPolicy()],
  })).inSingletonScope();

  const api = await startApi(config, { logger, container });
  const send = (m: ServerMessage) => process.send?.(m);
  process.on('message', (m: ServerRequest) => {
    if (m.kind === 'cpu') send({ kind: 'cpu', id: m.id, usage: process.cpuUsage() });
    if (m.kind === 'stop') void api.close().then(() => process.exit(0), () => process.exit(1));
  });
  // The bench died: do not outlive it.
  process.on('disconnect', () => void api.close().finally(() => process.exit(0)));
  send({ kind: 'ready', url: api.url, dialect: api.database.dialect.name, poolMax: config.database.poolMax });
};

main().catch((err: unknown) => {
  console.error('bench server failed:', err);
  process.exit(1);
});
