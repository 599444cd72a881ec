import { defaultHttpOptions, type HttpOptions } from '@gavel/koa-http';
import { ALICE_OTHER, buildDeps, json, startApi, USER, type RunningApi } from './support/http-test-kit';
import { Probe, testRoutes } from './support/test-routes';

describe('koa-http rate limits over HTTP', () => {
  let api: RunningApi;
  let kit: Awaited<ReturnType<typeof buildDeps>>;

  const start = async (rateLimits: Partial<HttpOptions['rateLimits']>, trustProxy = false) => {
    kit = await buildDeps();
    api = await startApi(kit.deps, testRoutes(new Probe()), { trustProxy, rateLimits: { ...defaultHttpOptions.rateLimits, ...rateLimits } });
  };
  afterEach(() => api.close());

  const login = (body: Record<string, string>, forwardedFor?: string) =>
    fetch(`${api.url}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(forwardedFor ? { 'X-Forwarded-For': forwardedFor } : {}) },
      body: JSON.stringify(body),
    });

  it('limits failed logins per login name, across addresses, case-insensitively, with Retry-After', async () => {
    await start({}, true);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login({ email: i % 2 ? 'Ann@Example.com' : 'ann@example.com', password: 'wrong' }, `10.0.0.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await login({ email: 'ANN@example.com', password: 'right' }, '10.0.0.99');
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(await json(limited)).toMatchObject({ success: false, code: 'RATE_LIMIT_EXCEEDED' });
    // Another account from a fresh address is not affected.
    expect((await login({ username: 'bob', password: 'wrong' }, '10.0.1.1')).status).toBe(401);
  });

  it('limits failed logins per IP across login names', async () => {
    await start({});
    for (let i = 0; i < 5; i++) expect((await login({ username: `user${i}`, password: 'wrong' })).status).toBe(401);
    const limited = await login({ username: 'someone-else', password: 'right' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('counts only failed logins: successful ones give their point back', async () => {
    await start({});
    for (let i = 0; i < 8; i++) expect((await login({ email: 'ann@example.com', password: 'right' })).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login({ email: 'ann@example.com', password: 'wrong' })).status).toBe(401);
    expect((await login({ email: 'ann@example.com', password: 'wrong' })).status).toBe(429);
  });

  it('cannot be slipped past with parallel attempts', async () => {
    await start({});
    const statuses = (await Promise.all(Array.from({ length: 12 }, () => login({ email: 'ann@example.com', password: 'wrong' })))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
  });

  it('limits bids per user, not per address, and frees them after the window', async () => {
    await start({ bid: { points: 2, durationSeconds: 1 } });
    const bid = (user: typeof USER) =>
      fetch(`${api.url}/api/v1/bid`, {
        method: 'POST', headers: { Authorization: `Bearer ${kit.token(user)}`, 'Content-Type': 'application/json' }, body: '{"amount":100}',
      });
    expect([(await bid(USER)).status, (await bid(USER)).status]).toEqual([201, 201]);
    const limited = await bid(USER);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await bid(ALICE_OTHER)).status).toBe(201);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await bid(USER)).status).toBe(201);
  });

  it('trusts only the address the proxy appended, not one the client wrote in X-Forwarded-For', async () => {
    await start({}, true);
    for (let i = 0; i < 5; i++) expect((await login({ username: `u${i}`, password: 'wrong' }, `1.2.3.${i}, 10.9.9.9`)).status).toBe(401);
    expect((await login({ username: 'fresh', password: 'wrong' }, '1.2.3.200, 10.9.9.9')).status).toBe(429);
  });
});
