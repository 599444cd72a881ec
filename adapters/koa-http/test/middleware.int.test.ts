import { buildDeps, json, startApi, T0, USER, type RunningApi } from './support/http-test-kit';
import { Probe, testRoutes } from './support/test-routes';

const ORIGIN = 'https://app.example.com';
const ID = '4f1c2b8e-8a6d-4c1e-9b7a-2f3d4e5a6b7c';

describe('koa-http middleware over HTTP', () => {
  let api: RunningApi;
  let kit: Awaited<ReturnType<typeof buildDeps>>;

  const start = async (readiness: Parameters<typeof buildDeps>[0] = {}) => {
    kit = await buildDeps(readiness);
    api = await startApi(kit.deps, testRoutes(new Probe()), { corsOrigins: [ORIGIN], bodyLimitBytes: 1_024, slowRequestMs: 50 });
  };
  afterEach(() => api.close());

  describe('CORS', () => {
    beforeEach(() => start());

    it('allows a listed origin and exposes Retry-After and X-Request-Id', async () => {
      const res = await fetch(`${api.url}/api/v1/echo/${ID}`, { headers: { Origin: ORIGIN } });
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
      expect(res.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/);
      expect(res.headers.get('vary')).toMatch(/Origin/);
    });

    it('gives no CORS header to an origin not in the list', async () => {
      const res = await fetch(`${api.url}/api/v1/echo/${ID}`, { headers: { Origin: 'https://evil.example.com' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('answers a preflight of a listed origin with a max-age of a day and the allowed headers', async () => {
      const res = await fetch(`${api.url}/api/v1/things`, {
        method: 'OPTIONS',
        headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,idempotency-key' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
      expect(res.headers.get('access-control-max-age')).toBe('86400');
      const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
      for (const h of ['authorization', 'content-type', 'idempotency-key', 'x-request-id']) expect(allowed).toContain(h);
    });

    it('answers a preflight of another origin without CORS headers', async () => {
      const res = await fetch(`${api.url}/api/v1/things`, {
        method: 'OPTIONS', headers: { Origin: 'https://evil.example.com', 'Access-Control-Request-Method': 'POST' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-max-age')).toBeNull();
    });

    it('keeps the CORS header on error replies, so the browser can read them', async () => {
      const res = await fetch(`${api.url}/api/v1/whoami`, { headers: { Origin: ORIGIN } });
      expect(res.status).toBe(401);
      expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    });
  });

  describe('security headers and request id', () => {
    beforeEach(() => start());

    it('sends helmet headers and a CSP that allows only this origin for scripts', async () => {
      const res = await fetch(`${api.url}/api/v1/echo/${ID}`);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('x-powered-by')).toBeNull();
    });

    it('sends security headers on a 500 too', async () => {
      const res = await fetch(`${api.url}/api/v1/crash`);
      expect(res.status).toBe(500);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    });

    it('echoes a well-formed X-Request-Id and logs under it', async () => {
      const res = await fetch(`${api.url}/api/v1/echo/${ID}`, { headers: { 'X-Request-Id': 'abc-123' } });
      expect(res.headers.get('x-request-id')).toBe('abc-123');
      expect(kit.logs.lines.some((l) => l.requestId === 'abc-123' && l.msg === 'request')).toBe(true);
    });

    it('makes a UUID when none (or an unsafe one) comes', async () => {
      const none = await fetch(`${api.url}/api/v1/echo/${ID}`);
      const unsafe = await fetch(`${api.url}/api/v1/echo/${ID}`, { headers: { 'X-Request-Id': 'a b"<script>' } });
      const long = await fetch(`${api.url}/api/v1/echo/${ID}`, { headers: { 'X-Request-Id': 'x'.repeat(129) } });
      const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
      expect(none.headers.get('x-request-id')).toMatch(uuid);
      expect(unsafe.headers.get('x-request-id')).toMatch(uuid);
      expect(long.headers.get('x-request-id')).toMatch(uuid);
      expect(none.headers.get('x-request-id')).not.toBe(unsafe.headers.get('x-request-id'));
    });
  });

  describe('access log', () => {
    beforeEach(() => start());

    it('logs one line per request with user id, method, path, status and duration', async () => {
      await fetch(`${api.url}/api/v1/whoami`, { headers: { Authorization: `Bearer ${kit.token(USER)}`, 'X-Request-Id': 'log-1' } });
      const line = kit.logs.lines.find((l) => l.requestId === 'log-1');
      expect(line).toMatchObject({ level: 30, userId: USER, method: 'GET', path: '/api/v1/whoami', status: 200, durationMs: expect.any(Number) });
    });

    it('logs a slow request at warn and a 5xx at error', async () => {
      await fetch(`${api.url}/api/v1/slow`, { headers: { 'X-Request-Id': 'slow-1' } });
      await fetch(`${api.url}/api/v1/crash`, { headers: { 'X-Request-Id': 'crash-1' } });
      const slow = kit.logs.lines.find((l) => l.requestId === 'slow-1' && l.path !== undefined);
      const crash = kit.logs.lines.find((l) => l.requestId === 'crash-1' && l.path !== undefined);
      expect(slow).toMatchObject({ level: 40, status: 200 });
      expect(Number(slow?.durationMs)).toBeGreaterThanOrEqual(50);
      expect(crash).toMatchObject({ level: 50, status: 500, userId: null });
    });
  });

  describe('routing and bodies', () => {
    beforeEach(() => start());

    it('answers an unknown route 404 NOT_FOUND in the envelope', async () => {
      const res = await fetch(`${api.url}/api/v1/nowhere`);
      expect(res.status).toBe(404);
      expect(await json(res)).toMatchObject({ success: false, code: 'NOT_FOUND', timestamp: new Date(T0).toISOString() });
    });

    it('answers a known path with a wrong method 404 NOT_FOUND with an Allow header', async () => {
      const res = await fetch(`${api.url}/api/v1/things`, { method: 'PUT' });
      expect(res.status).toBe(404);
      expect((await json(res)).code).toBe('NOT_FOUND');
      expect(res.headers.get('allow')).toBe('POST, OPTIONS');
    });

    it('answers HEAD on a GET route', async () => {
      const res = await fetch(`${api.url}/api/v1/echo/${ID}`, { method: 'HEAD' });
      expect(res.status).toBe(200);
    });

    it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE before the route runs', async () => {
      const res = await fetch(`${api.url}/api/v1/things`, {
        method: 'POST', headers: { Authorization: `Bearer ${kit.token(USER)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(2_000), amount: 1 }),
      });
      expect(res.status).toBe(413);
      expect(await json(res)).toMatchObject({ success: false, code: 'PAYLOAD_TOO_LARGE' });
    });

    it('answers 413 to a body far over the limit too (the client still reads the reply)', async () => {
      const res = await fetch(`${api.url}/api/v1/things`, {
        method: 'POST', headers: { Authorization: `Bearer ${kit.token(USER)}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'x'.repeat(4_000_000), amount: 1 }),
      });
      expect(res.status).toBe(413);
      expect((await json(res)).code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('answers malformed JSON with 400 VALIDATION_ERROR', async () => {
      const res = await fetch(`${api.url}/api/v1/things`, {
        method: 'POST', headers: { Authorization: `Bearer ${kit.token(USER)}`, 'Content-Type': 'application/json' }, body: '{"name": "lamp",',
      });
      expect(res.status).toBe(400);
      expect(await json(res)).toMatchObject({ code: 'VALIDATION_ERROR', details: { $: expect.any(String) } });
    });

    it('answers a JSON scalar body with 400 VALIDATION_ERROR', async () => {
      const res = await fetch(`${api.url}/api/v1/things`, {
        method: 'POST', headers: { Authorization: `Bearer ${kit.token(USER)}`, 'Content-Type': 'application/json' }, body: '"lamp"',
      });
      expect(res.status).toBe(400);
      expect((await json(res)).code).toBe('VALIDATION_ERROR');
    });
  });

  describe('health and readiness', () => {
    it('answers /health without touching dependencies', async () => {
      await start({ database: async () => 'down' });
      const res = await fetch(`${api.url}/health`);
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({ success: true, data: { status: 'ok' }, timestamp: new Date(T0).toISOString() });
    });

    it('answers /ready 200 when every check passes', async () => {
      await start({ database: async () => true, cache: async () => true });
      const res = await fetch(`${api.url}/ready`);
      expect(res.status).toBe(200);
      expect((await json(res)).data).toEqual({ status: 'ready', checks: { database: 'ok', cache: 'ok' } });
    });

    it('answers /ready 503 with each failing check and its reason', async () => {
      await start({
        database: async () => true,
        cache: async () => 'connection refused',
        broker: async () => {
          throw new Error('no route to host');
        },
      });
      const res = await fetch(`${api.url}/ready`);
      expect(res.status).toBe(503);
      expect(await json(res)).toMatchObject({ success: false, details: { cache: 'connection refused', broker: 'no route to host' } });
    });

    it('counts a check that does not answer in time as failed', async () => {
      await start({ database: () => new Promise<true>(() => {}) });
      const started = Date.now();
      const res = await fetch(`${api.url}/ready`);
      expect(res.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(4_000);
      expect((await json(res)).details).toEqual({ database: expect.stringMatching(/no answer/) });
    });
  });
});
