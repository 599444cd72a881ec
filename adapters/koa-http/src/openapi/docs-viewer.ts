import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type Koa from 'koa';
// The path helper alone: the package's index would also load its 2 MB browser bundle into Node.
import getAbsoluteFSPath = require('swagger-ui-dist/absolute-path');

export interface DocsOptions {
  /** Where the viewer lives: `/docs` (also answers `/docs/`). */
  readonly path: string;
  /** The OpenAPI document it shows: `/api/v1/openapi.json`. */
  readonly specUrl: string;
  readonly title?: string;
}

const JS = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The only files of swagger-ui-dist served, by name: nothing else of the package is reachable. */
const VENDOR: Readonly<Record<string, string>> = {
  'swagger-ui.css': CSS,
  'index.css': CSS,
  'swagger-ui-bundle.js': JS,
  'swagger-ui-standalone-preset.js': JS,
  'favicon-16x16.png': 'image/png',
  'favicon-32x32.png': 'image/png',
};
const INITIALIZER = 'swagger-initializer.js';

// Vendor files change only with the package: a day's cache, then an ETag revalidation. The
// generated page and initializer carry this server's settings: revalidated on every load.
const VENDOR_CACHE = 'public, max-age=86400';
const GENERATED_CACHE = 'no-cache';

interface Served {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  readonly cacheControl: string;
}

const served = (body: Buffer | string, type: string, cacheControl: string): Served => {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  return { body: bytes, type, cacheControl, etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"` };
};

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const indexHtml = (base: string, title: string): string => {
  const at = (file: string) => escapeHtml(`${base}/${file}`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="stylesheet" href="${at('swagger-ui.css')}">
  <link rel="stylesheet" href="${at('index.css')}">
  <link rel="icon" type="image/png" href="${at('favicon-32x32.png')}" sizes="32x32">
  <link rel="icon" type="image/png" href="${at('favicon-16x16.png')}" sizes="16x16">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${at('swagger-ui-bundle.js')}"></script>
  <script src="${at('swagger-ui-standalone-preset.js')}"></script>
  <script src="${at(INITIALIZER)}"></script>
</body>
</html>
`;
};

/**
 * A file, not an inline script, so a CSP of `script-src 'self'` allows it. `validatorUrl: null`:
 * by default Swagger UI sends the document's URL to validator.swagger.io for a badge.
 */
const initializerJs = (specUrl: string): string => `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: ${JSON.stringify(specUrl)},
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout'
  });
});
`;

/**
 * Serves Swagger UI from the `swagger-ui-dist` package (no CDN) at `opts.path`: a generated page,
 * its initializer pointing at `opts.specUrl`, and a fixed list of the package's files, read once
 * on first use. Names are looked up in that list, never joined to a path from the request, so
 * `/docs/../package.json` cannot reach the disk. Anything else goes on to the next middleware.
 */
export const docsMiddleware = (opts: DocsOptions): Koa.Middleware => {
  const base = opts.path.replace(/\/+$/, '');
  const index = served(indexHtml(base, opts.title ?? 'Gavel API'), 'text/html; charset=utf-8', GENERATED_CACHE);
  const initializer = served(initializerJs(opts.specUrl), JS, GENERATED_CACHE);
  const dir = getAbsoluteFSPath();
  const vendor = new Map<string, Promise<Served>>();
  const vendorFile = (name: string, type: string): Promise<Served> => {
    let file = vendor.get(name);
    if (!file) {
      file = readFile(join(dir, name)).then((body) => served(body, type, VENDOR_CACHE));
      // A failed read is retried on the next request rather than cached.
      file.catch(() => vendor.delete(name));
      vendor.set(name, file);
    }
    return file;
  };

  const fileFor = (path: string): Served | Promise<Served> | undefined => {
    if (path === base || path === `${base}/` || path === `${base}/index.html`) return index;
    if (!path.startsWith(`${base}/`)) return undefined;
    const name = path.slice(base.length + 1);
    if (name === INITIALIZER) return initializer;
    return Object.hasOwn(VENDOR, name) ? vendorFile(name, VENDOR[name]!) : undefined;
  };

  return async (ctx, next) => {
    const found = ctx.method === 'GET' || ctx.method === 'HEAD' ? fileFor(ctx.path) : undefined;
    if (!found) return next();
    const file = await found;
    ctx.status = 200;
    ctx.set('Cache-Control', file.cacheControl);
    ctx.set('ETag', file.etag);
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.set('Content-Type', file.type);
    ctx.body = file.body;
  };
};
