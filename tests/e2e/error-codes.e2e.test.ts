import { randomUUID } from 'node:crypto';
import { AuctionView, ManagedUserView } from '@gavel/contracts';
import type { AnyRoute } from '@gavel/koa-http';
import { type ApiResponse, expectError, expectOk } from './support/api-client';
import { type E2eApp, startE2eApp } from './support/e2e-app';
import { e2eDialects } from './support/e2e-database';
import {
  auctionBody, bidRequest, createAuction, PASSWORD, placeBid, placeBidOk, registerAdmin, registerUser, type TestUser, unknownId,
} from './support/e2e-fixtures';
import { coverageGaps, fillPath, GENERIC_CODES, routeLabel, routeOf, routeTable } from './support/route-coverage';

// Real servers and databases: a loaded machine (the whole suite in parallel) needs more than jest's 5 s.
jest.setTimeout(30_000);

/**
 * Every error code a route can answer is produced here at least once, on that route, with
 * SPEC's status: the route table's declared `errors` per route, plus the pipeline's generic
 * codes. The last test checks the coverage against the table, so a code added to a route
 * without a test here fails.
 */
/** A window long enough that a burst is limited however slowly a loaded machine sends it. */
const BID_LIMIT = { points: 40, durationSeconds: 60 };

describe.each(e2eDialects())('every error code over HTTP (%s)', (dialect) => {
  let app: E2eApp;
  let seller: TestUser;
  let bidder: TestUser;
  let rival: TestUser;
  let admin: TestUser;
  let inactive: TestUser;

  beforeAll(async () => {
    app = await startE2eApp(dialect, { rateLimits: { bid: BID_LIMIT } });
    [seller, bidder, rival, inactive] = await Promise.all([
      registerUser(app, { prefix: 'seller' }), registerUser(app, { prefix: 'bidder' }),
      registerUser(app, { prefix: 'rival' }), registerUser(app, { prefix: 'inactive' }),
    ]);
    admin = await registerAdmin(app);
    const managed = expectOk(await app.client.patch(`/admin/users/${inactive.id}`, { token: admin.accessToken, body: { status: 'INACTIVE' } }), ManagedUserView);
    expect(managed).toEqual({ id: inactive.id, status: 'INACTIVE', role: 'user' });
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('generic refusals, for every route of the table', () => {
    const paramName = (r: AnyRoute): string => /:([A-Za-z]+)/.exec(r.path)?.[1] ?? '';

    it.each(routeTable().map((r) => [routeLabel(r), r] as const))('%s', async (_label, route) => {
      const method = route.method.toUpperCase();
      const path = fillPath(route.path, {}, randomUUID());
      const call = (opts: Parameters<E2eApp['client']['request']>[2] = {}, at = path) => app.client.request(method, at, opts);
      const token = route.auth === 'admin' ? admin.accessToken : bidder.accessToken;

      if (route.auth === 'required' || route.auth === 'admin') {
        expectError(await call(), 'MISSING_TOKEN');
        expectError(await call({ headers: { Authorization: 'Basic dXNlcjpwYXNz' } }), 'MISSING_TOKEN');
        expectError(await call({ token: 'not-a-jwt' }), 'INVALID_TOKEN');
        expectError(await call({ token: inactive.accessToken }), 'ACCOUNT_INACTIVE');
      }
      if (route.auth === 'optional') {
        // A client that sends a token expects to be recognised: a bad one is 401, not anonymous.
        expectError(await call({ token: 'not-a-jwt' }), 'INVALID_TOKEN');
        expectError(await call({ token: inactive.accessToken }), 'ACCOUNT_INACTIVE');
      }
      if (route.auth === 'admin') expectError(await call({ token: bidder.accessToken }), 'FORBIDDEN');

      if (route.params) {
        const bad = await call({ token, ...(route.body ? { body: {} } : {}) }, fillPath(route.path, {}, 'not-a-uuid'));
        expect(expectError(bad, 'VALIDATION_ERROR').details).toHaveProperty([paramName(route)]);
      }
      if (route.body) {
        expectError(await call({ token, rawBody: '[1, 2]' }), 'VALIDATION_ERROR');
        expectError(await call({ token, rawBody: '{"truncated": ' }), 'VALIDATION_ERROR');
        expect(expectError(await call({ token, rawBody: 'a=1', contentType: 'text/plain' }), 'VALIDATION_ERROR').details).toBeDefined();
        const huge = JSON.stringify({ pad: 'x'.repeat(app.config.http.bodyLimitBytes + 1) });
        expectError(await call({ token, rawBody: huge }), 'PAYLOAD_TOO_LARGE');
      }
      if (route.query) expectError(await call({ token, query: 'page=0&limit=1000&ids=nope&status=OPEN' }), 'VALIDATION_ERROR');
      if (route.idempotent) {
        const key = 'k'.repeat(256);
        expectError(await call({ token, headers: { 'Idempotency-Key': key }, ...(route.body ? { body: {} } : {}) }), 'VALIDATION_ERROR');
      }
    });

    it('answers 404 NOT_FOUND for a path no route has, and for a method a path does not take', async () => {
      expectError(await app.client.get('/no-such-thing'), 'NOT_FOUND');
      const wrongMethod = await app.client.delete('/auctions');
      expectError(wrongMethod, 'NOT_FOUND');
      expect(wrongMethod.headers.get('allow')).toContain('GET');
    });
  });

  describe('sessions and users', () => {
    it('EMAIL_ALREADY_EXISTS and USERNAME_ALREADY_EXISTS (409) on register', async () => {
      const body = { username: `fresh_${Date.now()}`, email: bidder.email, password: PASSWORD };
      expectError(await app.client.post('/auth/register', { body }), 'EMAIL_ALREADY_EXISTS');
      expectError(await app.client.post('/auth/register', { body: { ...body, username: bidder.username, email: `new_${Date.now()}@example.test` } }), 'USERNAME_ALREADY_EXISTS');
    });

    it('INVALID_CREDENTIALS and ACCOUNT_INACTIVE on login', async () => {
      expectError(await app.client.post('/auth/login', { body: { email: bidder.email, password: 'wrong password' } }), 'INVALID_CREDENTIALS');
      expectError(await app.client.post('/auth/login', { body: { username: inactive.username, password: inactive.password } }), 'ACCOUNT_INACTIVE');
    });

    it('INVALID_TOKEN on refresh with a token never issued', async () => {
      expectError(await app.client.post('/auth/refresh', { body: { refreshToken: 'never-issued' } }), 'INVALID_TOKEN');
    });

    it('NOT_FOUND for an unknown public profile and for managing an unknown user', async () => {
      expectError(await app.client.get(`/users/${unknownId()}`), 'NOT_FOUND');
      expectError(await app.client.patch(`/admin/users/${unknownId()}`, { token: admin.accessToken, body: { status: 'SUSPENDED' } }), 'NOT_FOUND');
    });
  });

  describe('auctions', () => {
    it('FORBIDDEN for a user setting commissionBps on create', async () => {
      const res = await app.client.post('/auctions', { token: seller.accessToken, body: auctionBody(app, { commissionBps: 100 }) });
      expect(expectError(res, 'FORBIDDEN').details).toHaveProperty('commissionBps');
    });

    it('AUCTION_NOT_FOUND for an unknown auction on every route that takes one', async () => {
      const id = unknownId();
      const as = { token: bidder.accessToken };
      expectError(await app.client.get(`/auctions/${id}`), 'AUCTION_NOT_FOUND');
      expectError(await app.client.patch(`/auctions/${id}`, { ...as, body: { title: 'x' } }), 'AUCTION_NOT_FOUND');
      expectError(await app.client.post(`/auctions/${id}/publish`, as), 'AUCTION_NOT_FOUND');
      expectError(await app.client.post(`/auctions/${id}/cancel`, as), 'AUCTION_NOT_FOUND');
      expectError(await app.client.post(`/auctions/${id}/buy-now`, as), 'AUCTION_NOT_FOUND');
      expectError(await placeBid(app, bidder, id, 1000), 'AUCTION_NOT_FOUND');
      expectError(await app.client.get(`/auctions/${id}/bids`), 'AUCTION_NOT_FOUND');
      expectError(await app.client.get(`/auctions/${id}/status`), 'AUCTION_NOT_FOUND');
      expectError(await app.client.get(`/auctions/${id}/price-history`), 'AUCTION_NOT_FOUND');
      expectError(await app.client.post('/watchlist', { ...as, body: { auctionId: id } }), 'AUCTION_NOT_FOUND');
    });

    it('FORBIDDEN to edit, publish or cancel someone else\'s auction', async () => {
      const lot = await createAuction(app, seller);
      const as = { token: rival.accessToken };
      expectError(await app.client.patch(`/auctions/${lot.id}`, { ...as, body: { title: 'Mine now' } }), 'FORBIDDEN');
      expectError(await app.client.post(`/auctions/${lot.id}/publish`, as), 'FORBIDDEN');
      expectError(await app.client.post(`/auctions/${lot.id}/cancel`, as), 'FORBIDDEN');
    });

    it('AUCTION_HAS_BIDS to edit locked terms or cancel once bid on', async () => {
      const lot = await createAuction(app, seller);
      await placeBidOk(app, bidder, lot.id, 1000);
      const edit = await app.client.patch(`/auctions/${lot.id}`, { token: seller.accessToken, body: { title: 'Renamed', startingPrice: 10 } });
      expect(expectError(edit, 'AUCTION_HAS_BIDS').details).toHaveProperty('startingPrice');
      expectError(await app.client.post(`/auctions/${lot.id}/cancel`, { token: seller.accessToken }), 'AUCTION_HAS_BIDS');
    });

    it('INVALID_STATE to publish a live auction, and to edit or cancel a cancelled one', async () => {
      const lot = await createAuction(app, seller);
      const as = { token: seller.accessToken };
      expectError(await app.client.post(`/auctions/${lot.id}/publish`, as), 'INVALID_STATE');
      expectOk(await app.client.post(`/auctions/${lot.id}/cancel`, as), AuctionView);
      expectError(await app.client.post(`/auctions/${lot.id}/cancel`, as), 'INVALID_STATE');
      expectError(await app.client.patch(`/auctions/${lot.id}`, { ...as, body: { title: 'Back from the dead' } }), 'INVALID_STATE');
    });
  });

  describe('bids and buy now', () => {
    it('AUCTION_NOT_LIVE before a scheduled auction starts', async () => {
      const start = app.clock.now() + 30 * 60_000;
      const scheduled = await createAuction(app, seller, {
        buyNowPrice: 5000, startTime: new Date(start).toISOString(), endTime: new Date(start + 60 * 60_000).toISOString(),
      });
      expect(scheduled.status).toBe('SCHEDULED');
      expectError(await placeBid(app, bidder, scheduled.id, 1000), 'AUCTION_NOT_LIVE');
      expectError(await app.client.post(`/auctions/${scheduled.id}/buy-now`, { token: bidder.accessToken }), 'AUCTION_NOT_LIVE');
    });

    it('CANNOT_BID_OWN_AUCTION for the seller, bidding or buying', async () => {
      const lot = await createAuction(app, seller, { buyNowPrice: 5000 });
      expectError(await placeBid(app, seller, lot.id, 1000), 'CANNOT_BID_OWN_AUCTION');
      expectError(await app.client.post(`/auctions/${lot.id}/buy-now`, { token: seller.accessToken }), 'CANNOT_BID_OWN_AUCTION');
    });

    it('BID_TOO_LOW below the minimum, ALREADY_HIGHEST_BIDDER for the leader\'s plain bid', async () => {
      const lot = await createAuction(app, seller, { startingPrice: 1000 });
      expect(expectError(await placeBid(app, bidder, lot.id, 999), 'BID_TOO_LOW').details).toHaveProperty('bid_amount');
      await placeBidOk(app, bidder, lot.id, 1000);
      expectError(await placeBid(app, bidder, lot.id, 1500), 'ALREADY_HIGHEST_BIDDER');
      expectError(await placeBid(app, rival, lot.id, 1050), 'BID_TOO_LOW');
    });

    it('BID_TOO_HIGH for an offer above a reverse auction\'s budget', async () => {
      const reverse = await createAuction(app, seller, { type: 'reverse', startingPrice: 10_000, budgetMax: 8000 });
      expectError(await placeBid(app, bidder, reverse.id, 9000), 'BID_TOO_HIGH');
    });

    it('BUY_NOW_UNAVAILABLE without a buy-now price, or once a bid met the reserve', async () => {
      const plain = await createAuction(app, seller);
      expectError(await app.client.post(`/auctions/${plain.id}/buy-now`, { token: bidder.accessToken }), 'BUY_NOW_UNAVAILABLE');
      const reserved = await createAuction(app, seller, { reservePrice: 2000, buyNowPrice: 5000 });
      await placeBidOk(app, rival, reserved.id, 2000);
      expectError(await app.client.post(`/auctions/${reserved.id}/buy-now`, { token: bidder.accessToken }), 'BUY_NOW_UNAVAILABLE');
    });

    it('BID_AFTER_END once the end passed but before the scheduler closed it', async () => {
      const ending = await createAuction(app, seller, { buyNowPrice: 5000, endTime: new Date(app.clock.now() + 5_000).toISOString(), extension: { windowSeconds: 0, extendBySeconds: 0 } });
      app.clock.advance(6_000);
      expectError(await placeBid(app, bidder, ending.id, 1000), 'BID_AFTER_END');
      expectError(await app.client.post(`/auctions/${ending.id}/buy-now`, { token: bidder.accessToken }), 'BID_AFTER_END');
    });

    it('RATE_LIMIT_EXCEEDED (429 with Retry-After) past the per-user bid limit, bidding and buying', async () => {
      const lot = await createAuction(app, seller);
      const burst = async (send: (u: TestUser) => Promise<ApiResponse>): Promise<void> => {
        const hasty = await registerUser(app, { prefix: 'hasty' });
        const replies = await Promise.all(Array.from({ length: BID_LIMIT.points + 10 }, () => send(hasty)));
        const limited = replies.filter((r) => r.status === 429);
        expect(limited).toHaveLength(10);
        for (const r of limited) {
          expectError(r, 'RATE_LIMIT_EXCEEDED');
          expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        }
      };
      await burst((u) => placeBid(app, u, lot.id, 1));
      await burst((u) => app.client.post(`/auctions/${lot.id}/buy-now`, { token: u.accessToken }));
    });

    it('IDEMPOTENCY_KEY_REUSED (409) for one key with another request, on every idempotent route', async () => {
      const [lot, bought, other] = await Promise.all([1, 2, 3].map(() => createAuction(app, seller, { buyNowPrice: 90_000 })));
      const key = { 'Idempotency-Key': `reuse-${randomUUID()}` };
      const as = { token: bidder.accessToken, headers: key };
      expectOk(await app.client.post('/auctions', { ...as, body: auctionBody(app, { title: 'First' }) }), AuctionView, 201);
      expectError(await app.client.post('/auctions', { ...as, body: auctionBody(app, { title: 'Second' }) }), 'IDEMPOTENCY_KEY_REUSED');

      const bidKey = { token: rival.accessToken, headers: key };
      expect((await app.client.post('/bids/place', { ...bidKey, body: bidRequest(lot!.id, 1000) })).status).toBe(201);
      expectError(await app.client.post('/bids/place', { ...bidKey, body: bidRequest(lot!.id, 1100) }), 'IDEMPOTENCY_KEY_REUSED');

      const buyKey = { token: admin.accessToken, headers: key };
      expectOk(await app.client.post(`/auctions/${bought!.id}/buy-now`, buyKey), AuctionView);
      // The same key on another auction's buy-now is another request (the path is part of it).
      expectError(await app.client.post(`/auctions/${other!.id}/buy-now`, buyKey), 'IDEMPOTENCY_KEY_REUSED');
    });
  });

  describe('watchlist', () => {
    it('NOT_FOUND to unwatch or read an auction one does not watch', async () => {
      const lot = await createAuction(app, seller);
      expectError(await app.client.get(`/watchlist/${lot.id}`, { token: bidder.accessToken }), 'NOT_FOUND');
      expectError(await app.client.delete(`/watchlist/${lot.id}`, { token: bidder.accessToken }), 'NOT_FOUND');
    });
  });

  it('produced every code of the route table on its route, and every generic code', () => {
    // The running app's table is the one the collection-time table stands for.
    expect(app.routes.map((r) => `${routeLabel(r)} ${r.errors.join(',')}`)).toEqual(routeTable().map((r) => `${routeLabel(r)} ${r.errors.join(',')}`));
    for (const s of app.client.seen) {
      if (s.path !== '/no-such-thing' && !(s.method === 'DELETE' && s.path === '/auctions')) {
        expect({ request: `${s.method} ${s.path}`, matched: routeOf(app.routes, s.method, s.path) !== undefined }).toEqual({ request: `${s.method} ${s.path}`, matched: true });
      }
    }
    expect(coverageGaps(app.routes, app.client.seen)).toEqual({ routePairs: [], generic: [] });
    expect(GENERIC_CODES).not.toContain('INTERNAL_ERROR');
  });
});

/** A tight login limit and a dead database need an app of their own: they would disturb the rest. */
describe.each(e2eDialects())('limits and failures of their own (%s)', (dialect) => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp(dialect, { rateLimits: { login: { points: 5, durationSeconds: 15 * 60 } } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('RATE_LIMIT_EXCEEDED after 5 failed logins of one account (SPEC: 5 per 15 minutes), with Retry-After', async () => {
    const user = await registerUser(app);
    for (let i = 0; i < 5; i++) {
      expectError(await app.client.post('/auth/login', { body: { email: user.email, password: `wrong ${i}` } }), 'INVALID_CREDENTIALS');
    }
    // Even the right password now waits: the limit is on attempts, not only on failures.
    const limited = await app.client.post('/auth/login', { body: { email: user.email, password: user.password } });
    expectError(limited, 'RATE_LIMIT_EXCEEDED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  });

  it('INTERNAL_ERROR (500, a fixed message, nothing leaked) only when a dependency fails: here the database pool is gone', async () => {
    // INTERNAL_ERROR is on no route's list: bad input cannot produce it by design (the fuzz
    // tests check that). A broken dependency can; the reply is still a valid envelope.
    await app.api.database.knex.destroy();
    const res = await app.client.get('/auctions');
    const envelope = expectError(res, 'INTERNAL_ERROR');
    expect(envelope.message).toBe('Internal server error');
    expect(JSON.stringify(res.body)).not.toMatch(/knex|pool|sqlite|postgres|stack|at /i);
  });
});
