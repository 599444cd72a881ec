import { buildDeps, json, startApi, USER, type RunningApi } from './support/http-test-kit';
import { Probe, testRoutes } from './support/test-routes';

const ID = '4f1c2b8e-8a6d-4c1e-9b7a-2f3d4e5a6b7c';

// PostgreSQL refuses U+0000 in text columns; no text of the API needs it, so the edge refuses
// it everywhere with the field's path, before any use case or database sees it.
describe('NUL characters in input', () => {
  let api: RunningApi;
  let kit: Awaited<ReturnType<typeof buildDeps>>;
  let probe: Probe;

  beforeEach(async () => {
    kit = await buildDeps();
    probe = new Probe();
    api = await startApi(kit.deps, testRoutes(probe));
  });
  afterEach(() => api.close());

  it('are a 400 VALIDATION_ERROR naming the field in a body, and nothing runs', async () => {
    const res = await fetch(`${api.url}/api/v1/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${kit.token(USER)}` },
      body: JSON.stringify({ name: 'a\u0000b', amount: 5 }),
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ code: 'VALIDATION_ERROR', details: { name: 'must not contain NUL (U+0000) characters' } });
    expect(probe.calls).toBe(0);
  });

  it('are refused in query strings and path parameters too', async () => {
    const inQuery = await fetch(`${api.url}/api/v1/echo/${ID}?page=%00`);
    expect(inQuery.status).toBe(400);
    expect(((await json(inQuery)) as { details: Record<string, string> }).details).toEqual({ page: 'must not contain NUL (U+0000) characters' });
    const inPath = await fetch(`${api.url}/api/v1/echo/a%00b`);
    expect(inPath.status).toBe(400);
    expect(((await json(inPath)) as { details: Record<string, string> }).details).toEqual({ id: 'must not contain NUL (U+0000) characters' });
  });

  it('leave other text alone', async () => {
    const res = await fetch(`${api.url}/api/v1/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${kit.token(USER)}` },
      body: JSON.stringify({ name: 'zürich \u0001 ☃', amount: 5 }),
    });
    expect(res.status).toBe(201);
  });
});
