import type Koa from 'koa';
import helmet from 'koa-helmet';

/**
 * Helmet's headers with a CSP that still lets the `/docs` viewer run: its scripts, styles and
 * the OpenAPI document all come from this origin. Swagger UI sets inline `style` attributes and
 * draws icons as `data:` images, hence those two allowances. `upgrade-insecure-requests` is
 * left out: on a plain-HTTP local server it would send the viewer's assets to https and break it.
 */
export const securityHeadersMiddleware = (): Koa.Middleware =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
