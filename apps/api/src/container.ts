import { BcryptPasswordHasher, CryptoSecretTokens, JwtAccessTokens } from '@gavel/auth';
import {
  type AccessTokens, type Admin, type Auth, type Clock, createAdmin, createAuth, createGavel, createMarketplace, EventRelay, type EventStream, type Gavel,
  type IdempotencyStore, type IdGenerator, type Marketplace, type PasswordHasher, type SecretTokens,
} from '@gavel/core';
import { KnexDatabase, KnexIdempotencyStore, knexUserReader, RowMapper } from '@gavel/knex';
import { RelayRuntime } from './relay-loop';
import { createHttpApp, type HttpDeps, type ReadinessCheck } from '@gavel/koa-http';
import { RandomUuidGenerator, SystemClock } from '@gavel/memory';
import { Container, type ResolutionContext } from 'inversify';
import type { Logger } from 'pino';
import type { ApiConfig } from './config';
import { TOKENS } from './tokens';

/** The Koa application the HTTP adapter builds. */
export type HttpApp = ReturnType<typeof createHttpApp>;

/** `/ready`'s database check: one round trip on the pool (the adapter bounds it with a timeout). */
export const databaseCheck = (db: KnexDatabase): ReadinessCheck => async () => {
  await db.ping();
  return true;
};

/**
 * The api app's one container (CONVENTIONS 8). Core and adapter classes carry no decorators, so
 * everything is bound with `toDynamicValue`, as a singleton: one pool, one set of use cases.
 */
export const createApiContainer = (config: ApiConfig, logger: Logger): Container => {
  const c = new Container();
  const single = <T>(id: symbol, make: (ctx: ResolutionContext) => T) => c.bind<T>(id).toDynamicValue(make).inSingletonScope();

  c.bind<ApiConfig>(TOKENS.Config).toConstantValue(config);
  c.bind<Logger>(TOKENS.Logger).toConstantValue(logger);
  single<Clock>(TOKENS.Clock, () => new SystemClock());
  single<IdGenerator>(TOKENS.Ids, () => new RandomUuidGenerator());

  single<KnexDatabase>(TOKENS.Database, (ctx) => {
    const log = ctx.get<Logger>(TOKENS.Logger);
    return new KnexDatabase({
      url: config.database.url,
      pool: { max: config.database.poolMax },
      clock: ctx.get<Clock>(TOKENS.Clock),
      // An idle connection broken by a database restart: the pool replaces it; say so.
      onConnectionError: (err) => log.warn({ err }, 'database connection lost'),
    });
  });
  single<EventStream>(TOKENS.EventStream, (ctx) => ctx.get<KnexDatabase>(TOKENS.Database).events);
  single<IdempotencyStore>(TOKENS.Idempotency, (ctx) => {
    const db = ctx.get<KnexDatabase>(TOKENS.Database);
    return new KnexIdempotencyStore(db.knex, db.dialect);
  });

  single<PasswordHasher>(TOKENS.PasswordHasher, () => new BcryptPasswordHasher({ cost: config.bcryptCost }));
  single<SecretTokens>(TOKENS.SecretTokens, () => new CryptoSecretTokens());
  single<AccessTokens>(TOKENS.AccessTokens, (ctx) => new JwtAccessTokens({
    secret: config.jwt.secret,
    issuer: config.jwt.issuer,
    audience: config.jwt.audience,
    expiresInSeconds: config.jwt.accessTtlSeconds,
    clock: ctx.get<Clock>(TOKENS.Clock),
  }));

  single<Gavel>(TOKENS.Gavel, (ctx) => createGavel({
    uow: ctx.get<KnexDatabase>(TOKENS.Database).uow,
    clock: ctx.get<Clock>(TOKENS.Clock),
    ids: ctx.get<IdGenerator>(TOKENS.Ids),
  }));
  single<Auth>(TOKENS.Auth, (ctx) => createAuth({
    uow: ctx.get<KnexDatabase>(TOKENS.Database).uow,
    clock: ctx.get<Clock>(TOKENS.Clock),
    ids: ctx.get<IdGenerator>(TOKENS.Ids),
    passwords: ctx.get<PasswordHasher>(TOKENS.PasswordHasher),
    accessTokens: ctx.get<AccessTokens>(TOKENS.AccessTokens),
    secrets: ctx.get<SecretTokens>(TOKENS.SecretTokens),
    refreshTtlMs: config.refreshTtlSeconds * 1000,
  }));
  single<Marketplace>(TOKENS.Marketplace, (ctx) => {
    const db = ctx.get<KnexDatabase>(TOKENS.Database);
    return createMarketplace({
      uow: db.uow, clock: ctx.get<Clock>(TOKENS.Clock),
      catalog: db.catalog, categories: db.categories, watchlist: db.watchlist, directory: db.directory,
      // The bearer check of every authenticated request: one SELECT, not a transaction around it.
      users: knexUserReader(db.knex, new RowMapper(db.dialect)),
    });
  });

  single<Admin>(TOKENS.Admin, (ctx) => {
    const db = ctx.get<KnexDatabase>(TOKENS.Database);
    return createAdmin({ uow: db.uow, clock: ctx.get<Clock>(TOKENS.Clock), categories: db.categories });
  });

  single<RelayRuntime>(TOKENS.Relay, (ctx) => {
    const db = ctx.get<KnexDatabase>(TOKENS.Database);
    const log = ctx.get<Logger>(TOKENS.Logger);
    const relay = new EventRelay({
      stream: db.events,
      clock: ctx.get<Clock>(TOKENS.Clock),
      onListenerError: (err, event) => log.error({ err, auctionId: event.auctionId, seq: event.seq }, 'relay: a listener failed'),
      onSkip: (skip) => log.warn({ skip }, 'relay: gave up waiting for an event; watchers resync from snapshots'),
    });
    return new RelayRuntime(relay, { intervalMs: config.relayPollMs, signal: db.outboxSignal, logger: log });
  });

  single<HttpDeps>(TOKENS.HttpDeps, (ctx) => ({
    gavel: ctx.get<Gavel>(TOKENS.Gavel),
    auth: ctx.get<Auth>(TOKENS.Auth),
    marketplace: ctx.get<Marketplace>(TOKENS.Marketplace),
    admin: ctx.get<Admin>(TOKENS.Admin),
    accessTokens: ctx.get<AccessTokens>(TOKENS.AccessTokens),
    idempotency: ctx.get<IdempotencyStore>(TOKENS.Idempotency),
    clock: ctx.get<Clock>(TOKENS.Clock),
    logger: ctx.get<Logger>(TOKENS.Logger),
    readiness: { database: databaseCheck(ctx.get<KnexDatabase>(TOKENS.Database)) },
    // SSE streams follow this process's relay; startApi starts it before the port opens.
    sse: { events: ctx.get<RelayRuntime>(TOKENS.Relay).relay, stream: ctx.get<KnexDatabase>(TOKENS.Database).events },
  }));
  single<HttpApp>(TOKENS.HttpApp, (ctx) => createHttpApp(ctx.get<HttpDeps>(TOKENS.HttpDeps), config.http));
  return c;
};
