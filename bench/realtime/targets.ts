import { randomBytes, randomUUID } from 'node:crypto';
import { type FreshDatabase, freshPostgres, freshSqlite, postgresVersion } from '../http/fresh-database';
import { JsonClient } from '../http/http-client';
import { createAuctions, registerAccounts } from '../http/market';
import type { BroadcastArgs } from './bare-server';
import { BidDriver, type BidRun } from './bid-driver';
import { type Child, forkChild } from './child';

/**
 * What the watchers connect to, and what makes its events: Gavel (bids over HTTP to the api,
 * delivered by the gateway) or the bare Socket.IO server (broadcasts on its own timer).
 */

export type TargetName = 'gavel-pg' | 'gavel-sqlite' | 'bare';

export interface ServerInfo {
  readonly url: string;
  readonly nativeWs: { readonly bufferutil: boolean; readonly utf8Validate: boolean };
}

export interface Fired {
  /** Events that reached the room: every watcher should receive each once. */
  readonly events: number;
  /** From the first event's due time to the last one made (the last 201, the last emit). */
  readonly ms: number;
  readonly bids: BidRun | null;
  /** When each accepted bid's 201 reached the bench (epoch ms, by bid id); null for the bare server. */
  readonly replyAt: Record<string, number> | null;
}

export interface Target {
  readonly name: TargetName;
  readonly description: string;
  readonly auctionId: string;
  /** Where the watchers connect. */
  readonly url: string;
  /** The process that writes to the sockets: the gateway, or the bare server. */
  readonly fanout: Child<ServerInfo>;
  /** The api process, when it is a separate one. */
  readonly api: Child<ServerInfo> | null;
  readonly nativeWs: ServerInfo['nativeWs'];
  fire(perSecond: number, count: number): Promise<Fired>;
  /** Starts a window for the server's own figures (the relay's lag), read by `stats`. */
  resetStats(): Promise<void>;
  stats(): Promise<unknown>;
  close(): Promise<void>;
}

/** One seller, bidders taking turns (fewer than the rate, so nobody outbids themselves), one live auction. */
const BIDDERS = 20;

const seed = async (apiUrl: string) => {
  const client = new JsonClient(apiUrl, 64);
  const [seller] = await registerAccounts(client, 'seller', 1);
  const bidders = await registerAccounts(client, 'bidder', BIDDERS);
  const [auctionId] = await createAuctions(client, seller!, 1);
  return { client, auctionId: auctionId!, driver: new BidDriver(client, auctionId!, bidders) };
};

const stopAll = async (children: readonly (Child<unknown> | null)[]) => {
  for (const c of children) await c?.stop().catch(() => undefined);
};

/** Gavel on PostgreSQL the way it is deployed: the api app and the gateway app in two processes. */
const gavelPostgres = async (serverUrl: string): Promise<Target> => {
  const db: FreshDatabase = await freshPostgres(serverUrl);
  const version = await postgresVersion(serverUrl);
  const env = { DATABASE_URL: db.url, JWT_SECRET: randomBytes(48).toString('base64url') };
  let api: Child<ServerInfo> | null = null;
  let gateway: Child<ServerInfo> | null = null;
  try {
    api = await forkChild<ServerInfo>('gavel-server.js', { ...env, BENCH_RT_ROLE: 'api' });
    gateway = await forkChild<ServerInfo>('gavel-server.js', { ...env, BENCH_RT_ROLE: 'gateway' });
    const s = await seed(api.info.url);
    const gw = gateway;
    const apiChild = api;
    return {
      name: 'gavel-pg',
      description: `Gavel on PostgreSQL ${version}: apps/api and apps/gateway in two processes; a bid commits in the api, ` +
        'NOTIFY wakes the gateway\'s relay, which reads the outbox and emits to the room',
      auctionId: s.auctionId, url: gw.info.url, fanout: gw, api: apiChild, nativeWs: gw.info.nativeWs,
      fire: async (perSecond, count) => {
        const { run, replyAt } = await s.driver.run(perSecond, count);
        return { events: run.accepted, ms: run.ms, bids: run, replyAt };
      },
      resetStats: () => gw.call('resetStats'),
      stats: () => gw.call('stats'),
      close: async () => {
        s.client.close();
        await stopAll([gw, apiChild]);
        await db.drop();
      },
    };
  } catch (err) {
    await stopAll([gateway, api]);
    await db.drop();
    throw err;
  }
};

/** Gavel in one process on SQLite: the api with the gateway on its port, as the standalone app runs. */
const gavelSqlite = async (): Promise<Target> => {
  const db = freshSqlite();
  let server: Child<ServerInfo> | null = null;
  try {
    server = await forkChild<ServerInfo>('gavel-server.js', { DATABASE_URL: db.url, JWT_SECRET: randomBytes(48).toString('base64url'), BENCH_RT_ROLE: 'combined' });
    const s = await seed(server.info.url);
    const one = server;
    return {
      name: 'gavel-sqlite',
      description: 'Gavel on SQLite in one process: the api with the realtime gateway attached to its port (the standalone ' +
        'composition); a commit fires the in-process outbox signal, the relay reads the outbox and emits',
      auctionId: s.auctionId, url: one.info.url, fanout: one, api: null, nativeWs: one.info.nativeWs,
      fire: async (perSecond, count) => {
        const { run, replyAt } = await s.driver.run(perSecond, count);
        return { events: run.accepted, ms: run.ms, bids: run, replyAt };
      },
      resetStats: () => one.call('resetStats'),
      stats: () => one.call('stats'),
      close: async () => {
        s.client.close();
        await stopAll([one]);
        await db.drop();
      },
    };
  } catch (err) {
    await stopAll([server]);
    await db.drop();
    throw err;
  }
};

const bare = async (): Promise<Target> => {
  const server = await forkChild<ServerInfo>('bare-server.js', {});
  const auctionId = randomUUID();
  return {
    name: 'bare',
    description: 'bare Socket.IO 4.8 (the ceiling): the same engine options, broadcasting a bid_update of the same shape ' +
      'to the room on its own timer; no database, relay or codec',
    auctionId, url: server.info.url, fanout: server, api: null, nativeWs: server.info.nativeWs,
    fire: async (perSecond, count) => {
      const r = await server.call<{ sent: number; ms: number }>('broadcast', { auctionId, perSecond, count } satisfies BroadcastArgs);
      return { events: r.sent, ms: r.ms, bids: null, replyAt: null };
    },
    resetStats: () => server.call('resetStats'),
    stats: () => server.call('stats'),
    close: () => stopAll([server]),
  };
};

export const startTarget = (name: TargetName, pgUrl: string | undefined): Promise<Target> => {
  if (name === 'gavel-pg') {
    if (!pgUrl) throw new Error('gavel-pg needs GAVEL_TEST_PG_URL');
    return gavelPostgres(pgUrl);
  }
  return name === 'gavel-sqlite' ? gavelSqlite() : bare();
};
