import type { ErrorCode } from '@gavel/contracts';
import { type AnyRoute, apiRoutes, type HttpDeps } from '@gavel/koa-http';
import type { SeenError } from './api-client';

/**
 * The route table as the app builds it. Handlers only read their dependencies when called, so
 * the rows (paths, auth modes, codecs, declared errors) are available at test-collection time
 * without an app, to generate one test per route; the coverage check compares with the running
 * app's own table too.
 */
export const routeTable = (): readonly AnyRoute[] => apiRoutes({} as HttpDeps);

export const routeLabel = (r: AnyRoute): string => `${r.method.toUpperCase()} ${r.path}`;

const patternOf = (path: string): RegExp =>
  new RegExp(`^${path.split('/').map((s) => (s.startsWith(':') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('/')}$`);

/** The route a request went to: the first row whose method and path match, as the router picks. */
export const routeOf = (routes: readonly AnyRoute[], method: string, path: string): AnyRoute | undefined => {
  // The router is not strict about one trailing slash.
  const bare = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return routes.find((r) => r.method.toUpperCase() === method.toUpperCase() && patternOf(r.path).test(bare));
};

/** Puts values into a path's `:params` (any that are not given get `fallback`). */
export const fillPath = (path: string, values: Readonly<Record<string, string>>, fallback: string): string =>
  path.replace(/:([A-Za-z]+)/g, (_m, name: string) => values[name] ?? fallback);

/**
 * Codes the pipeline answers on any route, whatever the route declares (issue 4: the generic
 * ones). INTERNAL_ERROR is not here: bad input can never produce it by design (it is produced
 * apart, with a broken database).
 */
export const GENERIC_CODES: readonly ErrorCode[] = [
  'VALIDATION_ERROR', 'MISSING_TOKEN', 'INVALID_TOKEN', 'FORBIDDEN', 'NOT_FOUND',
  'RATE_LIMIT_EXCEEDED', 'IDEMPOTENCY_KEY_REUSED', 'PAYLOAD_TOO_LARGE',
];

export interface CoverageGap {
  /** `(route, code)` pairs a route declares that no request produced on that route. */
  readonly routePairs: string[];
  /** Generic codes no request produced anywhere. */
  readonly generic: ErrorCode[];
}

/** What the requests seen so far did not produce, of what the route table says is possible. */
export const coverageGaps = (routes: readonly AnyRoute[], seen: readonly SeenError[]): CoverageGap => {
  const produced = new Set<string>();
  const codes = new Set<string>();
  for (const s of seen) {
    codes.add(s.code);
    const r = routeOf(routes, s.method, s.path);
    if (r) produced.add(`${r.operationId} ${s.code}`);
  }
  const routePairs = routes.flatMap((r) => r.errors.map((code) => `${r.operationId} ${code}`)).filter((pair) => !produced.has(pair));
  return { routePairs, generic: GENERIC_CODES.filter((c) => !codes.has(c)) };
};
