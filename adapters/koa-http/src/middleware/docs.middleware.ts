import type Koa from 'koa';
import { docsMiddleware } from '../openapi/docs-viewer';
import { buildOpenApiDocument } from '../openapi/openapi-document';
import type { AnyRoute } from '../route';

export const DOCS_PATH = '/docs';
/** `info.version` of the document: the API's version, which the base path `/api/v1` names. */
export const API_VERSION = '1.0.0';

export const openApiPath = (basePath: string): string => `${basePath}/openapi.json`;

/**
 * `GET <basePath>/openapi.json`, generated from the same route list as the router (so the two
 * cannot disagree), and the Swagger UI viewer at `/docs`. The document is built once, when the
 * app is made: a route the generator cannot express fails the start, not the first reader.
 */
export const apiDocsMiddleware = (routes: readonly AnyRoute[], basePath: string): Koa.Middleware => {
  const specUrl = openApiPath(basePath);
  const document = JSON.stringify(buildOpenApiDocument(routes, { title: 'Gavel API', version: API_VERSION, basePath }));
  const viewer = docsMiddleware({ path: DOCS_PATH, specUrl });
  return async (ctx, next) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path === specUrl) {
      ctx.type = 'application/json';
      ctx.body = document;
      return;
    }
    return viewer(ctx, next);
  };
};
