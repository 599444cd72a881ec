import { buildDeps, startApi, type RunningApi } from './support/http-test-kit';
import { Probe, testRoutes } from './support/test-routes';

describe('koa-http docs over HTTP', () => {
  let api: RunningApi;
  afterEach(() => api.close());

  const start = async (docs: boolean) => {
    const kit = await buildDeps();
    api = await startApi(kit.deps, testRoutes(new Probe()), { docs });
  };

  it('serves the OpenAPI document generated from the routes it serves', async () => {
    await start(true);
    const res = await fetch(`${api.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    expect(doc.openapi).toMatch(/^3\.1/);
    expect(doc.paths['/echo/{id}']?.get?.operationId).toBe('echo');
    expect(doc.paths['/things']?.post?.operationId).toBe('createThing');
  });

  it('serves the viewer page and its scripts from this origin, under a CSP that allows them', async () => {
    await start(true);
    const page = await fetch(`${api.url}/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const scripts = [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      expect(src.startsWith('/docs/')).toBe(true);
      const script = await fetch(`${api.url}${src}`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toMatch(/javascript/);
    }
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const initializer = await (await fetch(`${api.url}/docs/swagger-initializer.js`)).text();
    expect(initializer).toContain('"/api/v1/openapi.json"');
  });

  it('serves neither when docs are off', async () => {
    await start(false);
    expect((await fetch(`${api.url}/api/v1/openapi.json`)).status).toBe(404);
    expect((await fetch(`${api.url}/docs`)).status).toBe(404);
  });
});
