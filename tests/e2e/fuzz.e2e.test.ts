import fc from 'fast-check';
import { type ApiResponse, expectAnyError, expectOk } from './support/api-client';
import { type E2eApp, startE2eApp } from './support/e2e-app';
import { e2eDialects } from './support/e2e-database';
import { createAuction, PASSWORD, registerUser, type TestUser } from './support/e2e-fixtures';
import { bodyFor, fields, isoTimes, jsonText, pathSegment, queryFor } from './support/fuzz-arbitraries';
import { routeOf } from './support/route-coverage';

/** `arb` one time in `n`, else undefined. */
const rarely = <T>(arb: fc.Arbitrary<T>, n: number): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

/** Runs per property and dialect: enough to reach the odd corners, small enough for ~60 s per file. */
const RUNS = 150;
/**
 * The largest amount the typed generators use: 10^15 minor units, the core's cap (amounts past
 * it are refused). Hostile values past it still come through the "any JSON" mutations.
 */
const CEILING = 10 ** 15;

jest.setTimeout(60_000);

/**
 * fast-check bodies and query strings over the main routes, on a real app. Whatever is sent:
 * never a 5xx; an error is a valid envelope with a known code and SPEC's status for it; a
 * success decodes with the route's response codec. Prototype pollution is checked in-process
 * (the app runs in this process).
 */
describe.each(e2eDialects())('fuzzing the API over HTTP (%s)', (dialect) => {
  let app: E2eApp;
  let seller: TestUser;
  let bidders: TestUser[];
  let liveIds: string[];
  let draftIds: string[];

  beforeAll(async () => {
    app = await startE2eApp(dialect);
    seller = await registerUser(app, { prefix: 'seller' });
    bidders = await Promise.all([1, 2, 3].map(() => registerUser(app, { prefix: 'bidder' })));
    const live = await Promise.all([
      createAuction(app, seller),
      createAuction(app, seller, { reservePrice: 5000, buyNowPrice: 9000 }),
      createAuction(app, seller, { increment: 'table', startingPrice: 1 }),
      createAuction(app, seller, { type: 'reverse', startingPrice: 100_000, budgetMax: 90_000 }),
      createAuction(app, seller, { startingPrice: CEILING - 10_000 }),
    ]);
    liveIds = live.map((a) => a.id);
    draftIds = (await Promise.all([1, 2].map(() => createAuction(app, seller, { publish: false })))).map((a) => a.id);
  }, 30_000);
  afterAll(async () => {
    await app?.close();
  });

  /** The property every reply must have. */
  const check = (res: ApiResponse): void => {
    if (res.status >= 500) throw new Error(`5xx for ${res.method} ${res.path}: ${JSON.stringify(res.body).slice(0, 500)}`);
    if (res.status >= 400) {
      expectAnyError(res);
      return;
    }
    const route = routeOf(app.routes, res.method, res.path.split('?')[0]!);
    if (!route) throw new Error(`no route answered ${res.method} ${res.path} with ${res.status}`);
    expectOk(res, route.response, res.status);
  };
  /** Replies per route and status+code: the fuzz must reach past the codecs, not only collect 400s. */
  const outcomes = new Map<string, Map<string, number>>();
  const send = async (method: string, path: string, opts: Parameters<E2eApp['client']['request']>[2] = {}): Promise<ApiResponse> => {
    const res = await app.client.request(method, path, opts);
    check(res);
    const sent = res.path.split('?')[0]!;
    const label = `${method} ${routeOf(app.routes, method, sent)?.path ?? sent}`;
    const code = `${res.status} ${(res.body as { code?: string }).code ?? ''}`;
    const counts = outcomes.get(label) ?? new Map<string, number>();
    counts.set(code, (counts.get(code) ?? 0) + 1);
    outcomes.set(label, counts);
    return res;
  };
  const run = <T>(arb: fc.Arbitrary<T>, body: (value: T) => Promise<unknown>) =>
    fc.assert(fc.asyncProperty(arb, async (v) => void (await body(v))), { numRuns: RUNS });
  const someone = () => fc.constantFrom(...bidders);
  const withToken = (u: TestUser | undefined) => (u ? { token: u.accessToken } : {});
  const anyone = () => fc.option(someone(), { nil: undefined });
  /** Valid amounts, small to the largest safe integer (overflow past it is the database's and the core's edge). */
  const amount = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) }, { weight: 1, arbitrary: fc.constantFrom(CEILING, CEILING - 1, 2 ** 31, 2 ** 32 + 1) });
  const later = (now: number): fc.Arbitrary<string> => fc.integer({ min: 60, max: 14 * 86_400 }).map((s) => new Date(now + s * 1000).toISOString());
  /** A route body from valid required and optional fields (see `bodyFor` for what is done to it). */
  const body = (required: Record<string, fc.Arbitrary<unknown>>, optional: Record<string, fc.Arbitrary<unknown>> = {}) =>
    bodyFor(fields(required, optional), [...Object.keys(required), ...Object.keys(optional)]);
  const auctionIds = () => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...liveIds, ...draftIds) }, { weight: 1, arbitrary: fc.uuid() });

  it('POST /auth/register', async () => {
    const registration = body(
      { username: fc.stringMatching(/^[A-Za-z0-9_.-]{3,32}$/), email: fc.emailAddress(), password: fc.oneof(fc.string({ minLength: 8, maxLength: 80 }), fc.constant('é'.repeat(37))) },
      { name: fc.string({ minLength: 1, maxLength: 100 }) },
    );
    await run(registration, (rawBody) => send('POST', '/auth/register', { rawBody }));
  });

  it('POST /auth/login', async () => {
    const password = fc.oneof(fc.constant(PASSWORD), fc.string({ minLength: 1, maxLength: 100 }));
    const credentials = fc.oneof(
      body({ email: fc.oneof(fc.constantFrom(...bidders.map((b) => b.email)), fc.emailAddress()), password }),
      body({ username: fc.oneof(fc.constantFrom(...bidders.map((b) => b.username)), fc.stringMatching(/^[a-z0-9_]{3,32}$/)), password }),
    );
    await run(credentials, (rawBody) => send('POST', '/auth/login', { rawBody }));
  });

  it('POST /auth/refresh', async () => {
    const token = fc.oneof(fc.string({ minLength: 1, maxLength: 100 }), fc.constant('x'.repeat(4097)), fc.base64String({ minLength: 4, maxLength: 200 }));
    await run(body({ refreshToken: token }), (rawBody) => send('POST', '/auth/refresh', { rawBody }));
  });

  it('POST /auctions', async () => {
    const now = app.clock.now();
    const bps = fc.integer({ min: 0, max: 10_000 });
    const seconds = fc.integer({ min: 0, max: 86_400 });
    // Terms the core accepts most of the time: prices in order (reserve ≥ start, buy now above
    // both), a budget on reverse auctions only, an end after the start; small slips stay possible.
    const valid = fc.record({
      common: fields(
        {
          title: fc.string({ minLength: 1, maxLength: 200 }).filter((x) => x.trim().length > 0), description: fc.string({ maxLength: 300 }),
          currency: fc.constantFrom('USD', 'USD', 'EUR', 'JPY', 'BHD', 'GBP', 'XXX'),
        },
        {
          shippingCost: fc.oneof(fc.constant(0), amount),
          increment: fc.oneof(amount, fc.constant('table'), fc.array(fc.record({ from: fc.oneof(fc.constant(0), amount), increment: amount }), { minLength: 1, maxLength: 4 })),
          extension: fc.record({ windowSeconds: seconds, extendBySeconds: seconds }),
          buyerPremiumBps: bps, categoryId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/), publish: fc.boolean(),
        },
      ),
      reverse: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
      start: amount, up1: fc.integer({ min: -5, max: 100_000 }), up2: fc.integer({ min: -5, max: 100_000 }), reserve: fc.boolean(), buyNow: fc.boolean(),
      startsIn: rarely(fc.integer({ min: -3_600, max: 86_400 }), 3),
      lasts: fc.integer({ min: -60, max: 14 * 86_400 }),
      commission: rarely(bps, 10),
    }).map(({ common, reverse, start, up1, up2, reserve, buyNow, startsIn, lasts, commission }) => {
      const startAt = startsIn === undefined ? null : now + startsIn * 1000;
      return {
        ...common,
        type: reverse ? 'reverse' : 'forward',
        startingPrice: start,
        ...(reverse ? { budgetMax: start + up1 } : {}),
        ...(!reverse && reserve ? { reservePrice: start + up1 } : {}),
        ...(!reverse && buyNow ? { buyNowPrice: start + Math.max(up1, 0) + up2 } : {}),
        ...(startAt !== null ? { startTime: new Date(startAt).toISOString() } : {}),
        endTime: new Date((startAt ?? now) + lasts * 1000).toISOString(),
        ...(commission !== undefined ? { commissionBps: commission } : {}),
      };
    });
    const keys = ['title', 'description', 'type', 'currency', 'startingPrice', 'reservePrice', 'buyNowPrice', 'endTime', 'startTime', 'increment', 'extension', 'publish', 'commissionBps'];
    await run(fc.tuple(bodyFor(valid, keys), someone()), ([rawBody, u]) => send('POST', '/auctions', { rawBody, token: u.accessToken }));
  });

  it('PATCH /auctions/:id', async () => {
    const now = app.clock.now();
    const patch = body({}, {
      title: fc.string({ minLength: 1, maxLength: 200 }), description: fc.string({ maxLength: 300 }), startingPrice: amount,
      reservePrice: fc.oneof(amount, fc.constant(null)), buyNowPrice: fc.oneof(amount, fc.constant(null)),
      endTime: later(now), startTime: fc.oneof(later(now), fc.constant(null)), increment: fc.oneof(amount, fc.constant('table')),
      extension: fc.record({ windowSeconds: fc.integer({ min: 0, max: 600 }), extendBySeconds: fc.integer({ min: 0, max: 600 }) }),
    });
    await run(fc.tuple(patch, pathSegment([...draftIds, ...liveIds])), ([rawBody, id]) => send('PATCH', `/auctions/${id}`, { rawBody, token: seller.accessToken }));
  });

  it('POST /bids/place', async () => {
    const valid = fc.record({
      auction_id: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...liveIds) }, { weight: 1, arbitrary: auctionIds() }),
      bid_amount: amount,
      over: fc.option(fc.oneof(fc.integer({ min: -10, max: 100_000 }), fc.constant(CEILING)), { nil: undefined }),
    }).map(({ auction_id, bid_amount, over }) => ({
      auction_id, bid_amount, ...(over !== undefined ? { max_amount: Math.min(CEILING, bid_amount + over) } : {}),
    }));
    const bid = bodyFor(valid, ['auction_id', 'bid_amount', 'max_amount', 'description', 'notes']);
    const key = rarely(fc.oneof(fc.uuid(), fc.stringMatching(/^[\x21-\x7e]{1,300}$/)), 4);
    await run(fc.tuple(bid, someone(), key), ([rawBody, u, idempotencyKey]) =>
      send('POST', '/bids/place', { rawBody, token: u.accessToken, ...(idempotencyKey !== undefined ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}) }));
  });

  it('GET /auctions with every filter, sort and page parameter', async () => {
    const num = fc.oneof(fc.integer({ min: 0, max: 2_000_000 }).map(String), fc.constantFrom('9007199254740991', '9999999999999999', '0', '1'));
    const query = queryFor({
      status: fc.constantFrom('DRAFT', 'SCHEDULED', 'LIVE', 'ENDED', 'CANCELLED'),
      type: fc.constantFrom('forward', 'reverse'),
      categoryId: fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,63}$/),
      sellerId: fc.oneof(fc.constant(seller.id), fc.uuid()),
      q: fc.oneof(fc.string({ minLength: 1, maxLength: 200 }), fc.constantFrom('%', '_', '\\', "'", 'Lot', '%Lot%', '[a-z]*')),
      minPrice: num, maxPrice: num,
      sort: fc.constantFrom('ending_soon', 'newest', 'price_asc', 'price_desc', 'most_bids'),
      page: fc.oneof(fc.integer({ min: 1, max: 5 }).map(String), fc.constantFrom('9007199254740991', '9999999999999999', '100000000000')),
      limit: fc.integer({ min: 1, max: 100 }).map(String),
    });
    await run(fc.tuple(query, anyone()), ([q, u]) => send('GET', '/auctions', { query: q, ...withToken(u) }));
  });

  it('GET /auctions/:id/status and /auction-status?ids=', async () => {
    await run(fc.tuple(pathSegment(liveIds), anyone()), ([id, u]) => send('GET', `/auctions/${id}/status`, withToken(u)));
    const ids = fc.oneof(
      { weight: 4, arbitrary: fc.uniqueArray(auctionIds(), { minLength: 1, maxLength: 50 }) },
      { weight: 1, arbitrary: fc.array(fc.oneof(auctionIds(), fc.string({ maxLength: 10 })), { minLength: 1, maxLength: 55 }) },
    ).map((xs) => xs.join(','));
    await run(fc.tuple(queryFor({ ids }), anyone()), ([q, u]) => send('GET', '/auction-status', { query: q, ...withToken(u) }));
  });

  it('the watchlist: POST with any body, GET with any page, GET and DELETE any id', async () => {
    await run(fc.tuple(body({ auctionId: auctionIds() }), someone()), ([rawBody, u]) => send('POST', '/watchlist', { rawBody, token: u.accessToken }));
    const page = queryFor({ page: fc.integer({ min: 1, max: 1000 }).map(String), limit: fc.integer({ min: 1, max: 100 }).map(String) });
    await run(fc.tuple(page, someone()), ([q, u]) => send('GET', '/watchlist', { query: q, token: u.accessToken }));
    await run(fc.tuple(pathSegment([...liveIds, ...draftIds]), fc.constantFrom('GET', 'DELETE'), someone()), ([id, method, u]) =>
      send(method, `/watchlist/${id}`, { token: u.accessToken }));
  });

  it('any JSON at all on the remaining body routes', async () => {
    const routes = [['PUT', '/users/me'], ['POST', '/auth/logout'], ['POST', `/auctions/${liveIds[0]}/buy-now`]] as const;
    await run(fc.tuple(jsonText, fc.constantFrom(...routes), someone()), ([rawBody, [method, path], u]) =>
      send(method, path, { rawBody, token: u.accessToken }));
  });

  // Found by the bid property: a bid near Number.MAX_SAFE_INTEGER used to be accepted and left
  // `minNextBid` past it (9007199254740990 + 100), breaking every later view of the auction.
  it('refuses a bid past the largest amount, so every view of the auction stays within its contract', async () => {
    const lot = await createAuction(app, seller, { startingPrice: 1000, increment: 100 });
    const bid = await app.client.post('/bids/place', { token: bidders[0]!.accessToken, body: { auction_id: lot.id, bid_amount: Number.MAX_SAFE_INTEGER - 1 } });
    expect(expectAnyError(bid).code).toBe('VALIDATION_ERROR');
    check(await app.client.get(`/auctions/${lot.id}/status`));
    check(await app.client.get(`/auctions/${lot.id}`));
  });

  // Found by the list property (`GET /auctions?q=%00` was a 500 on PostgreSQL, whose text
  // columns refuse U+0000): NUL is refused at the edge on every dialect, wherever it is.
  it('refuses a NUL character in any text with 400 VALIDATION_ERROR', async () => {
    const nul = 'a\u0000b';
    const lot = await createAuction(app, seller);
    const reverse = liveIds[3]!;
    const u = bidders[1]!;
    const replies = [
      await app.client.get('/auctions', { query: { q: nul } }),
      await app.client.post('/auctions', { token: u.accessToken, body: { title: nul, description: '', type: 'forward', currency: 'USD', startingPrice: 100, endTime: new Date(app.clock.now() + 3_600_000).toISOString() } }),
      await app.client.patch(`/auctions/${lot.id}`, { token: seller.accessToken, body: { description: nul } }),
      await app.client.post('/auth/register', { body: { username: `nul_${Date.now()}`, email: `nul${Date.now()}@example.test`, password: PASSWORD, name: nul } }),
      await app.client.post('/auth/login', { body: { email: `n${nul}@example.test`, password: PASSWORD } }),
      await app.client.put('/users/me', { token: u.accessToken, body: { name: nul } }),
      await app.client.post('/bids/place', { token: u.accessToken, body: { auction_id: reverse, bid_amount: 1000, notes: nul } }),
    ];
    for (const res of replies) {
      check(res);
      expect(expectAnyError(res).code).toBe('VALIDATION_ERROR');
    }
  });

  // Found by the fuzz: the NUL check once recorded its detail on a plain object, so a member
  // named like an Object.prototype property recorded nothing and the handler threw (500).
  it('NUL under a member named like a prototype property is a 400, not a 500', async () => {
    const u = bidders[2]!;
    const replies = [
      await app.client.get('/auction-status', { query: '__proto__=%00' }),
      await app.client.get('/auctions', { query: 'constructor=%00' }),
      await app.client.post('/watchlist', { token: u.accessToken, rawBody: `{"auctionId":"${liveIds[0]}","hasOwnProperty":"\u0000"}` }),
      await app.client.post('/bids/place', { token: u.accessToken, rawBody: `{"auction_id":"${liveIds[0]}","bid_amount":1,"toString":"\u0000"}` }),
    ];
    for (const res of replies) expect(expectAnyError(res).code).toBe('VALIDATION_ERROR');
  });

  it('reached past the codecs: valid requests succeeded and the core refused some on its own rules', () => {
    const count = (label: string, outcome: string) => outcomes.get(label)?.get(outcome) ?? 0;
    const report = `${[...outcomes].map(([l, c]) => `${l}: ${[...c].map(([k, n]) => `${k}=${n}`).join(' ')}`).join('\n')}`;
    for (const [label, outcome] of [['POST /auth/register', '201 '], ['POST /auctions', '201 '], ['POST /bids/place', '201 '], ['GET /auctions', '200 '], ['POST /bids/place', '400 BID_TOO_LOW']] as const) {
      expect({ label, outcome, seen: count(label, outcome) > 0 || report }).toEqual({ label, outcome, seen: true });
    }
  });

  it('left Object.prototype unpolluted', () => {
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.role).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});
