import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODE_LIST } from '@gavel/contracts';
import type { HttpDeps } from '../src/http-deps';
import { apiRoutes } from '../src/routes';

// Routes only read their deps when handling; building the table needs none of them.
const routes = apiRoutes({} as HttpDeps);
const key = (r: { method: string; path: string }) => `${r.method.toUpperCase()} ${r.path}`;

/** SPEC's resource table, row by row (`:id` as @koa/router writes it). */
const SPEC_ROUTES = [
  'POST /auth/register', 'POST /auth/login', 'POST /auth/refresh', 'POST /auth/logout', 'GET /auth/me',
  'GET /users/me', 'PUT /users/me', 'GET /users/:id',
  'GET /categories',
  'POST /auctions', 'GET /auctions', 'GET /auctions/:id', 'PATCH /auctions/:id',
  'POST /auctions/:id/publish', 'POST /auctions/:id/cancel', 'POST /auctions/:id/buy-now',
  'POST /bids/place', 'GET /auctions/:id/bids', 'GET /bids/mine',
  'GET /auctions/:id/status', 'GET /auction-status', 'GET /auctions/:id/price-history',
  'POST /watchlist', 'DELETE /watchlist/:auctionId', 'GET /watchlist', 'GET /watchlist/:auctionId',
];

describe('the route table', () => {
  it('has every row of SPEC\'s resource table', () => {
    const present = new Set(routes.map(key));
    expect(SPEC_ROUTES.filter((r) => !present.has(r))).toEqual([]);
  });

  it('declares each method and path once, with unique operation ids', () => {
    expect(new Set(routes.map(key)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.operationId)).size).toBe(routes.length);
  });

  it('names only known error codes', () => {
    const known = new Set<string>(ERROR_CODE_LIST);
    expect(routes.flatMap((r) => r.errors).filter((c) => !known.has(c))).toEqual([]);
  });

  it('honours Idempotency-Key on the POSTs that create bids', () => {
    const idempotent = routes.filter((r) => r.idempotent).map(key);
    expect(idempotent).toEqual(expect.arrayContaining(['POST /bids/place', 'POST /auctions/:id/buy-now']));
    expect(routes.filter((r) => r.idempotent && r.method !== 'post')).toEqual([]);
  });

  it('rate-limits logins and bids, and keeps admin routes for admins', () => {
    const byKey = new Map(routes.map((r) => [key(r), r]));
    expect(byKey.get('POST /auth/login')?.rateLimit).toBe('login');
    expect(byKey.get('POST /bids/place')?.rateLimit).toBe('bid');
    expect(routes.filter((r) => r.tag === 'admin').every((r) => r.auth === 'admin')).toBe(true);
  });

  it('is documented in docs/api.md, route by route', () => {
    const doc = readFileSync(join(__dirname, '../../../docs/api.md'), 'utf8');
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const missing = routes.map(key).filter((k) => !new RegExp(`${escape(k)}(?![\\w/:-])`).test(doc));
    expect(missing).toEqual([]);
  });
});
