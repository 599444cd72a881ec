import { ERROR_CODE_LIST, ErrorEnvelope } from '@gavel/contracts';
import { STATUS_OF_CODE } from '@gavel/koa-http';
import { ADMIN, buildDeps, DELETED, INACTIVE, json, startApi, T0, USER, type RunningApi } from './support/http-test-kit';
import { Probe, testRoutes } from './support/test-routes';

const ID = '4f1c2b8e-8a6d-4c1e-9b7a-2f3d4e5a6b7c';
const ISO_T0 = new Date(T0).toISOString();

describe('koa-http route pipeline over HTTP', () => {
  let api: RunningApi;
  let kit: Awaited<ReturnType<typeof buildDeps>>;
  let probe: Probe;
  const base = () => `${api.url}/api/v1`;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeEach(async () => {
    kit = await buildDeps();
    probe = new Probe();
    api = await startApi(kit.deps, testRoutes(probe));
  });
  afterEach(() => api.close());

  describe('bearer auth', () => {
    it('answers 401 MISSING_TOKEN without a token on a required route', async () => {
      const res = await fetch(`${base()}/whoami`);
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual({
        success: false, code: 'MISSING_TOKEN', error: expect.any(String), message: expect.any(String), timestamp: ISO_T0,
      });
    });

    it('answers 401 MISSING_TOKEN for another scheme than Bearer', async () => {
      const res = await fetch(`${base()}/whoami`, { headers: { Authorization: 'Basic dXNlcjpwYXNz' } });
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe('MISSING_TOKEN');
    });

    it.each([
      ['garbage', 'not.a.jwt'],
      ['a tampered signature', 'TAMPER'],
    ])('answers 401 INVALID_TOKEN for %s', async (_, token) => {
      const value = token === 'TAMPER' ? `${kit.token(USER).slice(0, -3)}AAA` : token;
      const res = await fetch(`${base()}/whoami`, { headers: bearer(value) });
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe('INVALID_TOKEN');
    });

    it('answers 401 INVALID_TOKEN once the token expired', async () => {
      const token = kit.token(USER);
      kit.clock.advance(16 * 60_000);
      const res = await fetch(`${base()}/whoami`, { headers: bearer(token) });
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe('INVALID_TOKEN');
    });

    it('answers 401 INVALID_TOKEN for a well-signed token of a user that no longer exists', async () => {
      const res = await fetch(`${base()}/whoami`, { headers: bearer(kit.token(DELETED)) });
      expect(res.status).toBe(401);
      expect((await json(res)).code).toBe('INVALID_TOKEN');
    });

    it('answers 403 ACCOUNT_INACTIVE for an inactive user', async () => {
      const res = await fetch(`${base()}/whoami`, { headers: bearer(kit.token(INACTIVE)) });
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe('ACCOUNT_INACTIVE');
    });

    it('passes the actor, with the role from storage rather than the token', async () => {
      // A token claiming admin for an ordinary user: storage says user.
      const res = await fetch(`${base()}/whoami`, { headers: bearer(kit.token(USER, 'admin')) });
      expect(res.status).toBe(200);
      expect((await json(res)).data).toEqual({ actor: { userId: USER, role: 'user' }, viewer: { userId: USER, role: 'user' } });
    });

    it('answers 403 FORBIDDEN to a non-admin on an admin route, and lets an admin through', async () => {
      const denied = await fetch(`${base()}/admin/things/x1`, { method: 'DELETE', headers: bearer(kit.token(USER)) });
      expect(denied.status).toBe(403);
      expect((await json(denied)).code).toBe('FORBIDDEN');
      const allowed = await fetch(`${base()}/admin/things/x1`, { method: 'DELETE', headers: bearer(kit.token(ADMIN, 'admin')) });
      expect(allowed.status).toBe(200);
      expect((await json(allowed)).data).toEqual({ deleted: 'x1' });
    });

    it('treats a request without a token as anonymous on an optional route, but a bad token as 401', async () => {
      const anonymous = await fetch(`${base()}/maybe`);
      expect(anonymous.status).toBe(200);
      expect((await json(anonymous)).data).toEqual({ actor: null, viewer: { userId: null, role: null } });
      const known = await fetch(`${base()}/maybe`, { headers: bearer(kit.token(USER)) });
      expect((await json(known)).data).toEqual({ actor: { userId: USER, role: 'user' }, viewer: { userId: USER, role: 'user' } });
      const bad = await fetch(`${base()}/maybe`, { headers: bearer('not.a.jwt') });
      expect(bad.status).toBe(401);
      expect((await json(bad)).code).toBe('INVALID_TOKEN');
    });
  });

  describe('decoding', () => {
    it('decodes params and query and hands them to the handler', async () => {
      const res = await fetch(`${base()}/echo/${ID}?page=3`, { headers: { 'X-Request-Id': 'req-42' } });
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual({
        success: true, data: { id: ID, page: 3, requestId: 'req-42', ip: '127.0.0.1' }, timestamp: ISO_T0,
      });
    });

    it('answers 400 VALIDATION_ERROR with details for bad params and query, all at once', async () => {
      const res = await fetch(`${base()}/echo/not-a-uuid?page=two`);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.code).toBe('VALIDATION_ERROR');
      expect(body.details).toEqual({ id: expect.stringMatching(/UUID/i), page: expect.any(String) });
      expect(ErrorEnvelope.is(body)).toBe(true);
    });

    it('does not turn a malformed percent-encoding in a path parameter into a 500', async () => {
      const res = await fetch(`${base()}/echo/%E0%A4%A`);
      expect(res.status).toBe(400);
      expect((await json(res)).code).toBe('VALIDATION_ERROR');
    });

    it('decodes an absent body as {} so the codec names every missing field', async () => {
      const res = await fetch(`${base()}/things`, { method: 'POST', headers: bearer(kit.token(USER)) });
      expect(res.status).toBe(400);
      expect((await json(res)).details).toEqual({ name: 'is required', amount: 'is required' });
    });

    it('answers 400 VALIDATION_ERROR with the field for a wrong body', async () => {
      const res = await fetch(`${base()}/things`, {
        method: 'POST', headers: { ...bearer(kit.token(USER)), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'lamp', amount: -5 }),
      });
      expect(res.status).toBe(400);
      expect((await json(res)).details).toEqual({ amount: expect.any(String) });
      expect(probe.calls).toBe(0);
    });

    it('refuses a body in another content type than JSON with 400 VALIDATION_ERROR', async () => {
      const res = await fetch(`${base()}/things`, {
        method: 'POST', headers: { ...bearer(kit.token(USER)), 'Content-Type': 'text/plain' }, body: 'name=lamp',
      });
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.code).toBe('VALIDATION_ERROR');
      expect(body.details).toEqual({ 'content-type': 'must be application/json' });
    });

    it('checks the token before the body: an anonymous bad body is 401, not 400', async () => {
      const res = await fetch(`${base()}/things`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(401);
    });
  });

  describe('replies', () => {
    it('wraps a success in the envelope with the route status and the clock time', async () => {
      const res = await fetch(`${base()}/things`, {
        method: 'POST', headers: { ...bearer(kit.token(USER)), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'lamp', amount: 500 }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await json(res)).toEqual({
        success: true, data: { run: 1, name: 'lamp', amount: 500, by: USER, existed: false }, timestamp: ISO_T0,
      });
    });

    it('answers 200 instead of 201 when the route says nothing was created', async () => {
      const res = await fetch(`${base()}/things`, {
        method: 'POST', headers: { ...bearer(kit.token(USER)), 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'existing', amount: 500 }),
      });
      expect(res.status).toBe(200);
    });

    it.each(ERROR_CODE_LIST.map((code) => [code, STATUS_OF_CODE[code]] as const))(
      'answers %s from a handler with status %i and the error envelope',
      async (code, status) => {
        const res = await fetch(`${base()}/fail/${code}`);
        expect(res.status).toBe(status);
        const body = await json(res);
        expect(body).toEqual({ success: false, error: `failed with ${code}`, code, message: `failed with ${code}`, timestamp: ISO_T0 });
        expect(ErrorEnvelope.is(body)).toBe(true);
      },
    );

    it('answers an unexpected throw with 500 INTERNAL_ERROR, leaking nothing, and logs the stack', async () => {
      const res = await fetch(`${base()}/crash`);
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        success: false, error: 'Internal server error', code: 'INTERNAL_ERROR', message: 'Internal server error', timestamp: ISO_T0,
      });
      expect(text).not.toMatch(/hunter2|postgres|stack|Error:/);
      const logged = kit.logs.lines.find((l) => l.msg === 'unexpected error') as { err?: { stack?: string } } | undefined;
      expect(logged?.err?.stack).toMatch(/hunter2/);
    });
  });
});
