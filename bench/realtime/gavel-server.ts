import { BcryptPasswordHasher } from '@gavel/auth';
import { type ApiConfig, createApiContainer, createLogger, readApiConfig, startApi, TOKENS } from '@gavel/app-api';
import { attachRealtime, readGatewayConfig, startGateway } from '@gavel/app-gateway';
import { bidVelocityPolicy, type Clock, createGavel, type EventRelay, type Gavel, type IdGenerator, type PasswordHasher, sharedIdentityPolicy } from '@gavel/core';
import type { KnexDatabase } from '@gavel/knex';
import { nativeWsAddons, type RealtimeGateway } from '@gavel/socketio';
import type { Container } from 'inversify';
import { failStart, serveChild } from './child';
import { LatencySamples } from './latency';
import { loopDelay } from './loop-delay';

/**
 * Gavel's side of the realtime bench, one role per process (BENCH_RT_ROLE):
 * - `api`: the api app as the HTTP bench runs it (bench/http/bench-server.ts: limits a load test
 *   would hit raised, bcrypt cost 4 for the set-up's registrations);
 * - `gateway`: the gateway app as shipped (`startGateway`: its own relay woken by LISTEN/NOTIFY
 *   and a poll), anonymous watchers allowed, NODE_ENV=production (no payload re-validation);
 * - `combined`: the api with the realtime gateway attached to its own port and the in-process
 *   commit signal, as the standalone app composes them (without its timer and demo data).
 * The environment gives DATABASE_URL and a JWT_SECRET shared by the api and the gateway.
 */

const UNREACHABLE = 1_000_000_000;

const baseEnv = (env: NodeJS.ProcessEnv) => ({
  NODE_ENV: 'production',
  JWT_SECRET: env.JWT_SECRET,
  PORT: '0',
  HOST: '127.0.0.1',
  LOG_LEVEL: env.BENCH_RT_LOG_LEVEL ?? 'warn',
  DOCS_ENABLED: 'false',
  DATABASE_URL: env.DATABASE_URL,
});

const apiConfig = (env: NodeJS.ProcessEnv): ApiConfig => {
  const decoded = readApiConfig({ ...baseEnv(env), RATE_LIMIT_BIDS_PER_SECOND: '1000000' });
  if (!decoded.ok) throw new Error(`bench api config: ${JSON.stringify(decoded.problems)}`);
  const config = decoded.value;
  return {
    ...config,
    http: { ...config.http, rateLimits: { ...config.http.rateLimits, register: { points: UNREACHABLE, durationSeconds: 1 } }, slowRequestMs: 60_000 },
  };
};

/** The bench api's container: the same rebinding as the HTTP bench (cheap hashing, an unreachable bid-velocity limit). */
const apiContainer = (config: ApiConfig): Container => {
  const container = createApiContainer(config, createLogger(config.logLevel, 'bench-api'));
  container.rebind<PasswordHasher>(TOKENS.PasswordHasher).toDynamicValue(() => new BcryptPasswordHasher({ cost: 4, allowWeakCostForTests: true })).inSingletonScope();
  container.rebind<Gavel>(TOKENS.Gavel).toDynamicValue((ctx) => createGavel({
    uow: ctx.get<KnexDatabase>(TOKENS.Database).uow,
    clock: ctx.get<Clock>(TOKENS.Clock),
    ids: ctx.get<IdGenerator>(TOKENS.Ids),
    fraudPolicies: [bidVelocityPolicy({ maxBids: UNREACHABLE, windowMs: 60_000 }), sharedIdentityPolicy()],
  })).inSingletonScope();
  return container;
};

interface Started {
  readonly url: string;
  readonly gateway: RealtimeGateway | null;
  readonly relay: EventRelay | null;
  close(): Promise<void>;
}

const start = async (role: string, env: NodeJS.ProcessEnv): Promise<Started> => {
  if (role === 'api') {
    const config = apiConfig(env);
    const api = await startApi(config, { container: apiContainer(config) });
    return { url: api.url, gateway: null, relay: null, close: api.close };
  }
  if (role === 'gateway') {
    const decoded = readGatewayConfig({ ...baseEnv(env), ALLOW_ANONYMOUS_WATCHERS: 'true', DATABASE_MIGRATE: 'false' });
    if (!decoded.ok) throw new Error(`bench gateway config: ${JSON.stringify(decoded.problems)}`);
    const gw = await startGateway(decoded.value, { logger: createLogger(decoded.value.api.logLevel, 'bench-gateway') });
    return { url: gw.url, gateway: gw.realtime.gateway, relay: gw.realtime.relay, close: gw.close };
  }
  if (role === 'combined') {
    const config = apiConfig(env);
    const container = apiContainer(config);
    const api = await startApi(config, { container });
    const realtime = await attachRealtime(container, api.server, { corsOrigins: [], allowAnonymous: true });
    return { url: api.url, gateway: realtime.gateway, relay: realtime.relay, close: async () => {
      await realtime.close();
      await api.close();
    } };
  }
  throw new Error(`unknown BENCH_RT_ROLE ${role}`);
};

/**
 * The relay's lag: from an event's `occurredAt` to the moment this process's relay hands it to
 * the gateway (which then writes it to every socket at once). It splits a watcher's latency into
 * the way to the gateway (commit, NOTIFY, the outbox read) and the fan-out itself.
 */
const relayLag = new LatencySamples();
const loop = loopDelay();

const role = process.env.BENCH_RT_ROLE ?? '';
start(role, process.env).then((s) => {
  s.relay?.subscribe((e) => relayLag.add(Date.now() - e.occurredAt));
  serveChild({ url: s.url, role, nativeWs: nativeWsAddons() }, {
    resetStats: () => {
      relayLag.clear();
      loop.reset();
    },
    stats: () => (s.gateway
      ? { gateway: s.gateway.stats(), relay: s.relay?.stats() ?? null, relayLagMs: relayLag.summary(), loopDelayMs: loop.summary() }
      : null),
  }, s.close);
}, failStart(`bench ${role}`));
