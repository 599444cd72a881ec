import { readFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import Koa from 'koa';
import { docsMiddleware } from '../src/openapi/docs-viewer';

const DIST = join(require.resolve('swagger-ui-dist/package.json'), '..');
const SPEC_URL = '/api/v1/openapi.json';

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** Raw HTTP, so paths such as `/docs/../package.json` go out exactly as written. */
const send = (server: Server, method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> =>
  new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });

const listen = (app: Koa): Promise<Server> =>
  new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });

/** The initializer's call to SwaggerUIBundle, run with stand-ins for the browser globals. */
const initializerConfig = (js: string): Record<string, unknown> => {
  let config: Record<string, unknown> = {};
  const SwaggerUIBundle = Object.assign((c: Record<string, unknown>) => { config = c; return 'ui'; }, {
    presets: { apis: 'apis-preset' },
    plugins: { DownloadUrl: 'download-plugin' },
  });
  const window = { addEventListener: (event: string, f: () => void) => { if (event === 'load') f(); } };
  runInNewContext(js, { window, SwaggerUIBundle, SwaggerUIStandalonePreset: 'standalone-preset' });
  return config;
};

describe('docsMiddleware: Swagger UI from swagger-ui-dist at /docs', () => {
  let server: Server;
  beforeAll(async () => {
    const app = new Koa();
    app.use(docsMiddleware({ path: '/docs', specUrl: SPEC_URL }));
    app.use(async (ctx, next) => {
      if (ctx.path === SPEC_URL) ctx.body = { openapi: '3.1.1' };
      else await next();
    });
    server = await listen(app);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the page at /docs and /docs/, loading only same-origin scripts, none inline', async () => {
    const page = await send(server, 'GET', '/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = page.body.toString('utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map((m) => /src="([^"]+)"/.exec(m[1]!)?.[1])).toEqual([
      '/docs/swagger-ui-bundle.js', '/docs/swagger-ui-standalone-preset.js', '/docs/swagger-initializer.js',
    ]);
    expect(scripts.every((m) => m[2]!.trim() === '')).toBe(true);
    expect(html).toContain('<link rel="stylesheet" href="/docs/swagger-ui.css">');
    expect(html).not.toMatch(/https?:\/\//);
    const slash = await send(server, 'GET', '/docs/');
    expect(slash.status).toBe(200);
    expect(slash.body.toString('utf8')).toBe(html);
  });

  it('serves the bundle from the package, as JavaScript, cached and revalidated by ETag', async () => {
    const bundle = await send(server, 'GET', '/docs/swagger-ui-bundle.js');
    expect(bundle.status).toBe(200);
    expect(bundle.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(bundle.body.equals(readFileSync(join(DIST, 'swagger-ui-bundle.js')))).toBe(true);
    expect(bundle.headers['cache-control']).toBe('public, max-age=86400');
    const etag = bundle.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await send(server, 'GET', '/docs/swagger-ui-bundle.js', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await send(server, 'HEAD', '/docs/swagger-ui-standalone-preset.js');
    expect(head).toMatchObject({ status: 200, headers: expect.objectContaining({ 'content-type': 'application/javascript; charset=utf-8' }) });
    expect(Number(head.headers['content-length'])).toBe(readFileSync(join(DIST, 'swagger-ui-standalone-preset.js')).length);
  });

  it('serves the styles and icons with their types', async () => {
    expect((await send(server, 'GET', '/docs/swagger-ui.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await send(server, 'GET', '/docs/index.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const icon = await send(server, 'GET', '/docs/favicon-32x32.png');
    expect(icon.headers['content-type']).toBe('image/png');
    expect(icon.body.subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('the initializer is a same-origin script pointing the viewer at the spec URL, never at a remote validator', async () => {
    const init = await send(server, 'GET', '/docs/swagger-initializer.js');
    expect(init.status).toBe(200);
    expect(init.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(init.headers['cache-control']).toBe('no-cache');
    expect(initializerConfig(init.body.toString('utf8'))).toMatchObject({
      url: SPEC_URL, dom_id: '#swagger-ui', validatorUrl: null,
      presets: ['apis-preset', 'standalone-preset'], layout: 'StandaloneLayout',
    });
  });

  it('an odd spec URL stays a string (no script injection through the option); a path given with a slash', async () => {
    const odd = "/x'); alert(1); ('\"</script>";
    const app = new Koa();
    app.use(docsMiddleware({ path: '/d/', specUrl: odd, title: '<Docs>' }));
    const other = await listen(app);
    try {
      const init = await send(other, 'GET', '/d/swagger-initializer.js');
      expect(initializerConfig(init.body.toString('utf8')).url).toBe(odd);
      const page = (await send(other, 'GET', '/d')).body.toString('utf8');
      expect(page).toContain('<title>&lt;Docs&gt;</title>');
      expect(page).toContain('src="/d/swagger-ui-bundle.js"');
    } finally {
      await new Promise<void>((resolve) => other.close(() => resolve()));
    }
  });

  it('answers nothing else: unknown files, other package files, path traversal, other methods', async () => {
    for (const path of [
      '/docs/nope.js', '/docs/swagger-ui.js', '/docs/swagger-ui-bundle.js.map', '/docs/package.json', '/docs/index.js',
      '/docs/../package.json', '/docs/%2e%2e/package.json', '/docs/..%2fpackage.json', '/docs//swagger-ui.css',
      '/docs/swagger-ui.css/', '/docsx', '/docs/constructor', '/docs/__proto__',
    ]) {
      const answer = await send(server, 'GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
    }
    expect((await send(server, 'POST', '/docs')).status).toBe(404);
    expect((await send(server, 'GET', SPEC_URL)).status).toBe(200);
  });
});
