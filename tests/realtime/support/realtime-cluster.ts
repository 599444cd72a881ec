import { describeWith } from '../../builders/describe-with-service';
import { freshDatabase, type FreshDatabase } from '../../e2e/support/e2e-database';
import { API_MAIN, ChildService, freePort, GATEWAY_MAIN } from './child-service';

/** Shared by every process of a cluster: a token one API issued opens a socket on any gateway. */
const JWT = {
  JWT_SECRET: 'realtime-e2e-secret-of-at-least-thirty-two-bytes',
  JWT_ISSUER: 'gavel-realtime-e2e',
  JWT_AUDIENCE: 'gavel-realtime-e2e-api',
};

/** The multi-process tests need PostgreSQL (LISTEN/NOTIFY across processes); the test command sets this. */
export const pgUrl = (): string | undefined => process.env.GAVEL_TEST_PG_URL;

/** `describe` when PostgreSQL is there, else a skipped `describe` saying why (a failure in CI). */
export const describeOnPg = (name: string, body: () => void): void =>
  describeWith({ env: 'GAVEL_TEST_PG_URL', what: 'PostgreSQL' }, name, body);

export interface ClusterOptions {
  readonly apis: number;
  readonly gateways: number;
  /** Extra gateway variables (RELAY_POLL_MS, WS_EVENTS_PER_SECOND...). */
  readonly gatewayEnv?: Readonly<Record<string, string>>;
}

export interface RealtimeCluster {
  readonly db: FreshDatabase;
  readonly apis: readonly ChildService[];
  readonly gateways: readonly ChildService[];
  /** Every process's kept output (for a failure message). */
  logs(): string;
  /** Log lines at warn and above from every process, with their process name. */
  warnings(): string[];
  /** Stops every process (SIGKILL after a short grace) and drops the database. Idempotent. */
  close(): Promise<void>;
}

/**
 * A deployment in child processes on a fresh PostgreSQL database: `apis` API processes
 * (`apps/api/dist/main.js`) and `gateways` gateway processes (`apps/gateway/dist/main.js`), each
 * on its own loopback port. The first API migrates the database before the others start.
 */
export const startCluster = async (opts: ClusterOptions): Promise<RealtimeCluster> => {
  const server = pgUrl();
  if (!server) throw new Error('GAVEL_TEST_PG_URL is not set');
  const db = await freshDatabase('pg');
  const base = {
    NODE_ENV: 'test', DATABASE_URL: db.url, DATABASE_POOL_MAX: '5', DATABASE_MIGRATE: 'false', LOG_LEVEL: 'warn',
    SHUTDOWN_TIMEOUT_MS: '2000', ...JWT,
  };
  const apiEnv = {
    ...base, DOCS_ENABLED: 'false', ACCESS_TOKEN_TTL: '3600',
    // The drivers bid far above the default 5 a second per user.
    RATE_LIMIT_BIDS_PER_SECOND: '100000',
  };
  const gatewayEnv = { ...base, ALLOW_ANONYMOUS_WATCHERS: 'true', ...opts.gatewayEnv };
  const apis: ChildService[] = [];
  const gateways: ChildService[] = [];
  const all = () => [...apis, ...gateways];
  let closed: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closed ??= (async () => {
      await Promise.all(all().map((s) => s.stop('SIGTERM', 3_000).catch(() => s.stop('SIGKILL'))));
      await db.drop().catch(() => undefined);
    })();
    return closed;
  };
  try {
    for (let i = 0; i < opts.apis; i++) {
      apis.push(new ChildService({ name: `api-${i + 1}`, main: API_MAIN, port: await freePort(), env: { ...apiEnv, DATABASE_MIGRATE: i === 0 ? 'true' : 'false' } }));
    }
    for (let i = 0; i < opts.gateways; i++) {
      gateways.push(new ChildService({ name: `gateway-${i + 1}`, main: GATEWAY_MAIN, port: await freePort(), env: gatewayEnv }));
    }
    const [first, ...rest] = apis;
    await first?.start();
    await Promise.all([...rest, ...gateways].map((s) => s.start()));
  } catch (err) {
    await close();
    throw err;
  }
  return {
    db, apis, gateways, close,
    logs: () => all().map((s) => s.log()).join('\n'),
    warnings: () => all().flatMap((s) => s.warnings.map((w) => `${s.name}: ${w}`)),
  };
};
