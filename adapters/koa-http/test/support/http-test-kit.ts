import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { BcryptPasswordHasher, CryptoSecretTokens, JwtAccessTokens } from '@gavel/auth';
import { createAdmin, createAuth, createGavel, createMarketplace, UserId, type Role } from '@gavel/core';
import { createHttpApp, createHttpServer, type AnyRoute, type HttpDeps, type HttpOptions, type ReadinessCheck } from '@gavel/koa-http';
import { FakeClock, MemoryDatabase, MemoryIdempotencyStore, SequentialIdGenerator } from '@gavel/memory';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const USER = UserId('a11ce000-0000-4000-8000-000000000002');
export const ALICE_OTHER = UserId('b0b00000-0000-4000-8000-000000000003');
export const ADMIN = UserId('ad310000-0000-4000-8000-000000000005');
export const INACTIVE = UserId('1dae0000-0000-4000-8000-000000000006');
/** Has a valid token but no stored user (deleted after the token was issued). */
export const DELETED = UserId('de1e7ed0-0000-4000-8000-000000000007');

const SECRET = 'koa-http-test-secret-of-at-least-32-bytes';

/** Every JSON line the app logged, parsed. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    done();
  }
}

/** The core on the memory adapters, real JWTs, a fake clock at T0, and a user, an admin and an inactive user. */
export const buildDeps = async (readiness: Record<string, ReadinessCheck> = {}) => {
  const db = new MemoryDatabase();
  const clock = new FakeClock(T0);
  const ids = new SequentialIdGenerator();
  const accessTokens = new JwtAccessTokens({ secret: SECRET, issuer: 'gavel', audience: 'gavel-api', clock });
  const logs = new LogCapture();
  const deps: HttpDeps = {
    gavel: createGavel({ uow: db.uow, clock, ids, fraudPolicies: [] }),
    auth: createAuth({
      uow: db.uow, clock, ids, accessTokens,
      passwords: new BcryptPasswordHasher({ cost: 4, allowWeakCostForTests: true }),
      secrets: new CryptoSecretTokens(),
    }),
    marketplace: createMarketplace({ uow: db.uow, clock, catalog: db.catalog, categories: db.categories, watchlist: db.watchlist, directory: db.directory }),
    admin: createAdmin({ uow: db.uow, clock, categories: db.categories }),
    accessTokens,
    idempotency: new MemoryIdempotencyStore(),
    clock,
    logger: pino({ level: 'info' }, logs),
    readiness,
  };
  await db.users.save({ id: USER, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
  await db.users.save({ id: ALICE_OTHER, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
  await db.users.save({ id: ADMIN, status: 'ACTIVE', role: 'admin', knownIps: [], knownDevices: [] });
  await db.users.save({ id: INACTIVE, status: 'SUSPENDED', role: 'user', knownIps: [], knownDevices: [] });
  const token = (userId: UserId, role: Role = 'user'): string => accessTokens.issue({ userId, role }).token;
  /** A token of this app that lives `seconds` only (issued on the fake clock). */
  const shortToken = (userId: UserId, seconds: number): string =>
    new JwtAccessTokens({ secret: SECRET, issuer: 'gavel', audience: 'gavel-api', clock, expiresInSeconds: seconds }).issue({ userId, role: 'user' }).token;
  return { db, clock, deps, logs, token, shortToken };
};

export interface RunningApi {
  readonly url: string;
  readonly server: http.Server;
  close(): Promise<void>;
}

/** `createHttpApp` + `createHttpServer` listening on an ephemeral loopback port. */
export const startApi = async (deps: HttpDeps, routes: readonly AnyRoute[], options: Partial<HttpOptions> = {}): Promise<RunningApi> => {
  const opts: Partial<HttpOptions> = { docs: false, ...options };
  const server = createHttpServer(createHttpApp(deps, opts, routes), opts);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
};

export const json = async (res: Response): Promise<Record<string, unknown>> => (await res.json()) as Record<string, unknown>;
