import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoredEvent } from '@gavel/core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, readStandaloneConfig, type RunningStandalone, startStandalone } from '@gavel/app-standalone';
import { pino } from 'pino';

type Json = Record<string, any>;

const start = (databaseUrl: string): Promise<RunningStandalone> => {
  const r = readStandaloneConfig({
    NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent',
    // Jobs are re-derived from the table at start only: nothing else can close what ended meanwhile.
    RECONCILE_INTERVAL_MS: '0',
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return startStandalone(r.value, { logger: pino({ level: 'silent' }) });
};

const call = async (app: RunningStandalone, method: string, path: string, body?: unknown, token?: string) => {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Json };
};

const login = async (app: RunningStandalone, email: string): Promise<string> => {
  const res = await call(app, 'POST', '/api/v1/auth/login', { email, password: DEMO_PASSWORD });
  expect(res.status).toBe(200);
  return res.body.data.accessToken as string;
};

const createAuction = async (app: RunningStandalone, token: string, title: string, times: { startTime?: number; endTime: number }) => {
  const res = await call(app, 'POST', '/api/v1/auctions', {
    title, description: 'e2e', type: 'forward', currency: 'USD', startingPrice: 1_000, publish: true,
    endTime: new Date(times.endTime).toISOString(),
    ...(times.startTime ? { startTime: new Date(times.startTime).toISOString() } : {}),
  }, token);
  expect(res.status).toBe(201);
  return res.body.data as Json;
};

const statusOf = async (app: RunningStandalone, id: string): Promise<string> => (await call(app, 'GET', `/api/v1/auctions/${id}`)).body.data.status;

const waitFor = async (what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('standalone app (in process, embedded SQLite file)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gavel-standalone-'));
  const url = `sqlite:${join(dir, 'gavel.db')}`;
  let app: RunningStandalone | undefined;
  const ids: Record<string, string> = {};
  // Login is rate limited (5 per 15 minutes per IP): one login per account, tokens reused.
  const tokens: Record<string, string> = {};

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts with migrations and demo data, and answers /health and /ready', async () => {
    app = await start(url);
    expect(app.demo?.created).toBe(true);
    expect((await call(app, 'GET', '/health')).status).toBe(200);
    expect((await call(app, 'GET', '/ready')).status).toBe(200);
  }, 30_000);

  it('lists the demo auctions: live, one with a reserve, one reverse', async () => {
    const list = await call(app!, 'GET', '/api/v1/auctions?limit=100');
    expect(list.status).toBe(200);
    const items = list.body.data.items as Json[];
    expect(items).toHaveLength(3);
    expect(items.every((a) => a.status === 'LIVE')).toBe(true);
    expect(items.filter((a) => a.hasReserve)).toHaveLength(1);
    expect(items.filter((a) => a.type === 'reverse')).toHaveLength(1);
    const categories = await call(app!, 'GET', '/api/v1/categories');
    expect(JSON.stringify(categories.body.data)).toContain('cameras');
    for (const a of DEMO_ACCOUNTS) tokens[a.email] = await login(app!, a.email);
  }, 30_000);

  it('closes an auction at its end and opens a scheduled one at its start, by the in-process scheduler', async () => {
    const events: StoredEvent[] = [];
    const unsubscribe = app!.feed.subscribe((e) => void events.push(e));
    const token = tokens['seller@demo.gavel']!;
    const now = Date.now();
    const ending = await createAuction(app!, token, 'Ends in two seconds', { endTime: now + 2_000 });
    const scheduled = await createAuction(app!, token, 'Starts in one second', { startTime: now + 1_000, endTime: now + 3_600_000 });
    ids.ending = ending.id;
    ids.scheduled = scheduled.id;
    expect(ending.status).toBe('LIVE');
    expect(scheduled.status).toBe('SCHEDULED');
    await waitFor('the auction to end', async () => (await statusOf(app!, ending.id)) === 'ENDED', 8_000);
    await waitFor('the scheduled auction to open', async () => (await statusOf(app!, scheduled.id)) === 'LIVE', 8_000);
    // The feed delivered the commits in process, in order.
    await waitFor('the feed', async () => events.some((e) => e.auctionId === ending.id && e.type === 'AuctionEnded'), 3_000);
    expect(events.some((e) => e.auctionId === scheduled.id && e.type === 'AuctionStarted')).toBe(true);
    const positions = events.map((e) => e.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    unsubscribe();
  }, 30_000);

  it('on restart keeps the data, adds no second demo, and closes what ended while it was down', async () => {
    const token = tokens['seller@demo.gavel']!;
    const overdue = await createAuction(app!, token, 'Ends while the app is down', { endTime: Date.now() + 1_500 });
    ids.overdue = overdue.id;
    await app!.close();
    app = undefined;
    await sleep(1_700);

    // The in-process scheduler lost its jobs with the process: the start re-derives them from the table.
    app = await start(url);
    expect(app.demo?.created).toBe(false);
    await waitFor('the overdue auction to close', async () => (await statusOf(app!, overdue.id)) === 'ENDED', 3_000);
    expect(app.scheduling.stats()).toMatchObject({ closed: 1, reconciled: 1 });
    expect(await statusOf(app, ids.ending!)).toBe('ENDED');
    expect(await statusOf(app, ids.scheduled!)).toBe('LIVE');
    const list = await call(app, 'GET', '/api/v1/auctions?limit=100');
    expect(list.body.data.pagination.total).toBe(6); // 3 demo + 3 created here
    const accounts = await app.database.knex('users').where('email', 'like', '%@demo.gavel').count({ n: '*' });
    expect(Number(accounts[0]!.n)).toBe(3);
    await login(app, 'alice@demo.gavel');
  }, 30_000);
});
