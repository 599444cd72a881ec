import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** A database made for one run and removed after it (the same scheme as bench/db-bench.ts). */
export interface FreshDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

const shortId = () => randomUUID().replace(/-/g, '').slice(0, 12);

export const freshSqlite = (): FreshDatabase => {
  const file = join(tmpdir(), `gavel-http-bench-${shortId()}.db`);
  return {
    url: `sqlite:${file}`,
    drop: async () => {
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    },
  };
};

const adminQuery = async (serverUrl: string, sql: string): Promise<unknown[]> => {
  const client = new Client({ connectionString: serverUrl });
  client.on('error', () => undefined); // a failed query still rejects; this only keeps a dying socket quiet
  await client.connect();
  try {
    return (await client.query(sql)).rows as unknown[];
  } finally {
    await client.end();
  }
};

/** A new database on the server `serverUrl` points at, dropped by `drop`. */
export const freshPostgres = async (serverUrl: string): Promise<FreshDatabase> => {
  const name = `gavel_http_bench_${shortId()}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => void (await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name}`)) };
};

export const postgresVersion = async (serverUrl: string): Promise<string> => {
  const [row] = (await adminQuery(serverUrl, 'SHOW server_version')) as { server_version?: string }[];
  return row?.server_version?.split(' ')[0] ?? 'unknown';
};

export const withFresh = async <T>(db: FreshDatabase, work: (url: string) => Promise<T>): Promise<T> => {
  try {
    return await work(db.url);
  } finally {
    await db.drop().catch((err: Error) => console.warn(`could not remove the bench database: ${err.message}`));
  }
};
