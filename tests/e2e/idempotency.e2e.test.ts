import { randomUUID } from 'node:crypto';
import { AuctionView, BidView, Paginated, PlaceBidResponseData } from '@gavel/contracts';
import { type ApiResponse, expectError, expectOk } from './support/api-client';
import { type E2eApp, startE2eApp } from './support/e2e-app';
import { e2eDialects } from './support/e2e-database';
import { auctionBody, bidRequest, createAuction, registerUser, type TestUser, viewAuction } from './support/e2e-fixtures';

// Real servers and databases: a loaded machine (the whole suite in parallel) needs more than jest's 5 s.
jest.setTimeout(30_000);

const PARALLEL = 50;

/** SPEC "Idempotency": one execution per user and key, the first reply for every retry. */
describe.each(e2eDialects())('Idempotency-Key over HTTP (%s)', (dialect) => {
  let app: E2eApp;
  let seller: TestUser;
  let bidder: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    app = await startE2eApp(dialect);
    [seller, bidder, other] = await Promise.all([registerUser(app, { prefix: 'seller' }), registerUser(app, { prefix: 'bidder' }), registerUser(app, { prefix: 'other' })]);
  });
  afterAll(async () => {
    await app?.close();
  });

  const keyed = (key: string, u: TestUser = bidder) => ({ token: u.accessToken, headers: { 'Idempotency-Key': key } });
  const bid = (key: string, body: unknown, u: TestUser = bidder) => app.client.post('/bids/place', { ...keyed(key, u), body });
  const history = async (auctionId: string) => expectOk(await app.client.get(`/auctions/${auctionId}/bids`, { token: seller.accessToken, query: { limit: 100 } }), Paginated(BidView));
  /** Every reply is the first one: same status, same body to the byte (ids and timestamps too). */
  const expectSameReplies = (replies: readonly ApiResponse[]) => {
    const [first] = replies;
    for (const r of replies) expect({ status: r.status, body: r.body }).toEqual({ status: first!.status, body: first!.body });
  };

  it('a bid retried in sequence with one key is placed once, and every retry gets the first reply', async () => {
    const lot = await createAuction(app, seller);
    const key = randomUUID();
    const replies: ApiResponse[] = [];
    for (let i = 0; i < 4; i++) replies.push(await bid(key, bidRequest(lot.id, 1000, 3000)));
    expectOk(replies[0]!, PlaceBidResponseData, 201);
    expectSameReplies(replies);
    expect(replies[0]!.headers.get('idempotent-replayed')).toBeNull();
    for (const r of replies.slice(1)) expect(r.headers.get('idempotent-replayed')).toBe('true');

    const rows = await history(lot.id);
    expect(rows.pagination.total).toBe(1);
    expect(rows.items).toHaveLength(1);
    expect(await viewAuction(app, lot.id)).toMatchObject({ bidCount: 1, currentPrice: 1000 });
  });

  it(`the same bid sent ${PARALLEL} times at once with one key executes once; all replies are equal`, async () => {
    const lot = await createAuction(app, seller);
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: PARALLEL }, () => bid(key, bidRequest(lot.id, 1200))));
    expectOk(replies[0]!, PlaceBidResponseData, 201);
    expectSameReplies(replies);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);

    const rows = await history(lot.id);
    expect(rows.pagination.total).toBe(1);
    expect(rows.items.map((b) => b.amount)).toEqual([1200]);
    expect(await viewAuction(app, lot.id)).toMatchObject({ bidCount: 1, currentPrice: 1200 });
  });

  it('the same key with another body is 409 IDEMPOTENCY_KEY_REUSED and places nothing', async () => {
    const lot = await createAuction(app, seller);
    const key = randomUUID();
    expectOk(await bid(key, bidRequest(lot.id, 1000)), PlaceBidResponseData, 201);
    expectError(await bid(key, bidRequest(lot.id, 1500)), 'IDEMPOTENCY_KEY_REUSED');
    expectError(await bid(key, bidRequest(lot.id, 1000, 2000)), 'IDEMPOTENCY_KEY_REUSED');
    const elsewhere = await createAuction(app, seller);
    expectError(await bid(key, bidRequest(elsewhere.id, 1000)), 'IDEMPOTENCY_KEY_REUSED');
    expect((await history(lot.id)).pagination.total).toBe(1);
    expect((await history(elsewhere.id)).pagination.total).toBe(0);
  });

  it('the same body with its keys in another order, or with fields the codec drops, is the same request', async () => {
    const lot = await createAuction(app, seller);
    const key = randomUUID();
    const first = await bid(key, { auction_id: lot.id, bid_amount: 1000 });
    const reordered = await app.client.post('/bids/place', { ...keyed(key), rawBody: `{"bid_amount":1000,"auction_id":"${lot.id}","ignored":true}` });
    expectSameReplies([first, reordered]);
    expect((await history(lot.id)).pagination.total).toBe(1);
  });

  it('keys are per user: one key used by two users places two bids', async () => {
    const lot = await createAuction(app, seller);
    const key = `shared-${randomUUID()}`;
    const mine = expectOk(await bid(key, bidRequest(lot.id, 1000), bidder), PlaceBidResponseData, 201);
    const theirs = expectOk(await bid(key, bidRequest(lot.id, 1100), other), PlaceBidResponseData, 201);
    expect(theirs.id).not.toBe(mine.id);
    expect((await history(lot.id)).pagination.total).toBe(2);
    expect(await viewAuction(app, lot.id)).toMatchObject({ bidCount: 2, currentPrice: 1100 });
  });

  it('a refusal is replayed too: the retry of a refused bid gets the same 400, not a new decision', async () => {
    const lot = await createAuction(app, seller, { startingPrice: 1000 });
    const key = randomUUID();
    const refused = await bid(key, bidRequest(lot.id, 900));
    expectError(refused, 'BID_TOO_LOW');
    const retry = await bid(key, bidRequest(lot.id, 900));
    expectSameReplies([refused, retry]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
  });

  it('a buy-now retried with its key answers the purchase again instead of a refusal', async () => {
    const lot = await createAuction(app, seller, { buyNowPrice: 5000 });
    const key = randomUUID();
    const replies = await Promise.all(Array.from({ length: 5 }, () => app.client.post(`/auctions/${lot.id}/buy-now`, keyed(key))));
    expect(expectOk(replies[0]!, AuctionView)).toMatchObject({ status: 'ENDED', outcome: 'SOLD', currentPrice: 5000 });
    expectSameReplies(replies);
    expect((await history(lot.id)).pagination.total).toBe(1);
    // Without the key, a second purchase is a new request, and refused: the auction has ended.
    expectError(await app.client.post(`/auctions/${lot.id}/buy-now`, { token: bidder.accessToken }), 'BID_AFTER_END');
  });

  it('an auction created with a key retried in parallel is created once', async () => {
    const key = randomUUID();
    const body = auctionBody(app, { title: `Once ${key}` });
    const replies = await Promise.all(Array.from({ length: 10 }, () => app.client.post('/auctions', { ...keyed(key, other), body })));
    const created = expectOk(replies[0]!, AuctionView, 201);
    expectSameReplies(replies);
    const listed = expectOk(await app.client.get('/auctions', { token: other.accessToken, query: { sellerId: other.id, status: 'DRAFT', limit: 100 } }), Paginated(AuctionView));
    expect(listed.items.filter((a) => a.title === `Once ${key}`).map((a) => a.id)).toEqual([created.id]);
  });
});
