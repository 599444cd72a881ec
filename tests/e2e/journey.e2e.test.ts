import {
  AuctionStatusView, AuctionView, BidView, LoginResponseData, MyBidView, Paginated, PriceHistoryView, RefreshResponseData,
  type PlaceBidResponseData,
} from '@gavel/contracts';
import * as t from 'io-ts';
import { expectError, expectOk } from './support/api-client';
import { type E2eApp, startE2eApp } from './support/e2e-app';
import { e2eDialects } from './support/e2e-database';
import { createAuction, placeBidOk, registerUser, type TestUser, viewAuction } from './support/e2e-fixtures';

// Real servers and databases: a loaded machine (the whole suite in parallel) needs more than jest's 5 s.
jest.setTimeout(30_000);

/**
 * Issue 4's whole journey over real HTTP: three users, an auction with a reserve, a proxy war,
 * a soft-close extension, a buy-now on a second auction, the close as the scheduler does it,
 * and what each party then sees. Amounts are minor units (cents); the step is a fixed 1.00.
 */
describe.each(e2eDialects())('the journey over HTTP (%s)', (dialect) => {
  let app: E2eApp;
  let seller: TestUser;
  let jane: TestUser;
  let bob: TestUser;
  let lot: AuctionView;
  let originalEnd: number;
  let extendedEnd: number;
  let bought: AuctionView;

  beforeAll(async () => {
    app = await startE2eApp(dialect);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('registers a seller and two bidders; one logs in and refreshes as seed 003 does', async () => {
    seller = await registerUser(app, { name: 'Sam Seller', prefix: 'seller' });
    jane = await registerUser(app, { name: 'Jane Doe', prefix: 'jane' });
    bob = await registerUser(app, { name: 'Bob Brown', prefix: 'bob' });

    const login = expectOk(await app.client.post('/auth/login', { body: { email: jane.email, password: jane.password } }), LoginResponseData);
    expect(login).toMatchObject({ tokenType: 'Bearer', user: { id: jane.id, username: jane.username, email: jane.email, role: 'user' } });
    const refreshed = expectOk(await app.client.post('/auth/refresh', { body: { refreshToken: login.refreshToken } }), RefreshResponseData);
    expect(refreshed.refreshToken).not.toBe(login.refreshToken);
    jane = { ...jane, accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken };
  });

  it('creates a draft with a reserve, visible to its seller only, then publishes it LIVE', async () => {
    const draft = await createAuction(app, seller, {
      publish: false, startingPrice: 1000, reservePrice: 3000, increment: 100, endTime: new Date(app.clock.now() + 10 * 60_000).toISOString(),
    });
    expect(draft).toMatchObject({ status: 'DRAFT', sellerId: seller.id, reservePrice: 3000, hasReserve: true });
    expectError(await app.client.get(`/auctions/${draft.id}`), 'AUCTION_NOT_FOUND');
    expectError(await app.client.get(`/auctions/${draft.id}`, { token: jane.accessToken }), 'AUCTION_NOT_FOUND');

    lot = expectOk(await app.client.post(`/auctions/${draft.id}/publish`, { token: seller.accessToken }), AuctionView);
    expect(lot).toMatchObject({ status: 'LIVE', currentPrice: null, minNextBid: 1000, bidCount: 0, reserveMet: false });
    originalEnd = Date.parse(lot.endTime);
  });

  it('shows the reserve price to the seller only and reserveMet to everyone', async () => {
    expect(await viewAuction(app, lot.id, seller)).toMatchObject({ reservePrice: 3000, hasReserve: true, reserveMet: false });
    for (const viewer of [jane, bob, undefined]) {
      expect(await viewAuction(app, lot.id, viewer)).toMatchObject({ reservePrice: null, hasReserve: true, reserveMet: false });
    }
  });

  it('fights a proxy war: the higher max wins at the lower max plus one increment', async () => {
    // Jane's proxy (max 40.00) reaches the reserve: the price rises to it (SPEC "Reserve").
    const first = await placeBidOk(app, jane, lot.id, 1000, 4000);
    expect(first).toMatchObject({ leading: true, currentPrice: 3000, maxAmount: 4000, extended: false });

    // Bob's max 60.00 beats Jane's 40.00: he leads at 40.00 + 1.00.
    const second = await placeBidOk(app, bob, lot.id, 3100, 6000);
    expect(second).toMatchObject({ leading: true, currentPrice: 4100, minNextBid: 4200 });
    expect(second.autoBids.map((b) => b.amount)).toEqual([4000, 4100]);

    // Jane raises to a max of 50.00: Bob's proxy answers at 50.00 + 1.00 and keeps the lead.
    const third: PlaceBidResponseData = await placeBidOk(app, jane, lot.id, 4200, 5000);
    expect(third).toMatchObject({ leading: false, currentPrice: 5100 });
    expect(third.autoBids.map((b) => b.amount)).toEqual([5000, 5100]);

    const seen = await viewAuction(app, lot.id, bob);
    expect(seen).toMatchObject({ currentPrice: 5100, leaderId: bob.id, isLeading: true, myMaxAmount: 6000, reserveMet: true });
    expect(await viewAuction(app, lot.id, jane)).toMatchObject({ isLeading: false, myMaxAmount: null, reserveMet: true, reservePrice: null });
  });

  it('serves live status views with serverTime and timeRemaining, one or several at once', async () => {
    const status = expectOk(await app.client.get(`/auctions/${lot.id}/status`), AuctionStatusView);
    const serverTime = Date.parse(status.serverTime);
    expect(Math.abs(serverTime - app.clock.now())).toBeLessThan(5_000);
    expect(status.timeRemaining).toBe(Math.max(0, Math.floor((originalEnd - serverTime) / 1000)));
    expect(status).toMatchObject({ id: lot.id, status: 'LIVE', currentPrice: 5100, reserveMet: true, bidCount: expect.any(Number) });

    const several = expectOk(await app.client.get('/auction-status', { query: { ids: `${lot.id},${lot.id.replace(/^.{8}/, '00000000')}` } }), t.array(AuctionStatusView));
    expect(several.map((s) => s.id)).toEqual([lot.id]);
  });

  it('extends the end when a bid lands inside the soft-close window', async () => {
    app.clock.advanceTo(originalEnd - 60_000);
    const late = await placeBidOk(app, jane, lot.id, 5200, 7000);
    expect(late).toMatchObject({ leading: true, currentPrice: 6100, extended: true });
    extendedEnd = Date.parse(late.endTime);
    expect(extendedEnd).toBeGreaterThan(originalEnd);
    // SPEC: max(end, bidTime + extendBySeconds), extendBySeconds = 120.
    expect(extendedEnd).toBe(Math.max(originalEnd, Date.parse(late.timestamp) + 120_000));

    const view = await viewAuction(app, lot.id);
    expect(Date.parse(view.endTime)).toBe(extendedEnd);
    expect(Date.parse(view.originalEndTime)).toBe(originalEnd);
    const status = expectOk(await app.client.get(`/auctions/${lot.id}/status`), AuctionStatusView);
    expect(Date.parse(status.endTime)).toBe(extendedEnd);
    expect(status.timeRemaining).toBeGreaterThan(60);
  });

  it('buys a second auction now: it ends SOLD at the buy-now price at once', async () => {
    const second = await createAuction(app, seller, { startingPrice: 2000, buyNowPrice: 9000 });
    expect(second).toMatchObject({ status: 'LIVE', buyNowAvailable: true, buyNowPrice: 9000 });
    bought = expectOk(await app.client.post(`/auctions/${second.id}/buy-now`, { token: bob.accessToken }), AuctionView);
    expect(bought).toMatchObject({ status: 'ENDED', outcome: 'SOLD', currentPrice: 9000, buyNowAvailable: false, timeRemaining: 0 });
    expect(bought.settlement).toMatchObject({ buyerId: bob.id, payeeId: seller.id, finalPrice: 9000, commissionBps: 500, commission: 450, sellerPayout: 8550, buyerTotal: 9000 });
    expect((await viewAuction(app, second.id, seller)).settlement).toMatchObject({ finalPrice: 9000, sellerPayout: 8550 });
    expect((await viewAuction(app, second.id, jane)).settlement).toBeNull();
  });

  it('closes the first auction past its extended end, as the scheduler would, exactly once', async () => {
    const early = await app.gavel.closeAuction.execute({ auctionId: lot.id as never });
    expect(early).toMatchObject({ ok: false, error: { code: 'AUCTION_NOT_ENDED' } });

    app.clock.advanceTo(extendedEnd + 1_000);
    const closed = await app.gavel.closeAuction.execute({ auctionId: lot.id as never });
    expect(closed).toMatchObject({ ok: true, value: { changed: true } });
    const again = await app.gavel.closeAuction.execute({ auctionId: lot.id as never });
    expect(again).toMatchObject({ ok: true, value: { changed: false } });
  });

  it('shows the settlement, with commission and payout, to the seller and the winner only', async () => {
    const expected = {
      buyerId: jane.id, payeeId: seller.id, finalPrice: 6100, commissionBps: 500, commission: 305,
      buyerPremiumBps: 0, buyerPremium: 0, shippingCost: 0, sellerPayout: 5795, buyerTotal: 6100,
    };
    const forSeller = await viewAuction(app, lot.id, seller);
    expect(forSeller).toMatchObject({ status: 'ENDED', outcome: 'SOLD', currentPrice: 6100, winnerId: jane.id, timeRemaining: 0, reservePrice: 3000, reserveMet: true });
    expect(forSeller.settlement).toMatchObject(expected);
    const forWinner = await viewAuction(app, lot.id, jane);
    expect(forWinner).toMatchObject({ winnerId: jane.id, reservePrice: null, reserveMet: true });
    expect(forWinner.settlement).toMatchObject(expected);

    for (const other of [bob, undefined]) {
      const seen = await viewAuction(app, lot.id, other);
      expect(seen).toMatchObject({ status: 'ENDED', outcome: 'SOLD', settlement: null, reservePrice: null, reserveMet: true });
    }
    const status = expectOk(await app.client.get(`/auctions/${lot.id}/status`), AuctionStatusView);
    expect(status).toMatchObject({ status: 'ENDED', timeRemaining: 0 });
  });

  it('lists the bid history with full names for one\'s own bids and masked names for the rest', async () => {
    const history = (viewer?: TestUser) => app.client.get(`/auctions/${lot.id}/bids`, { ...(viewer ? { token: viewer.accessToken } : {}), query: { limit: 100 } });
    const forJane = expectOk(await history(jane), Paginated(BidView));
    const final = await viewAuction(app, lot.id);
    expect(forJane.pagination.total).toBe(final.bidCount);
    expect(forJane.items).toHaveLength(final.bidCount);
    // Newest first: the last row is Jane's proxy answering at the final price.
    expect(forJane.items[0]).toMatchObject({ amount: 6100, isMine: true, bidderName: 'Jane Doe' });
    for (const row of forJane.items) expect(row.bidderName).toBe(row.isMine ? 'Jane Doe' : 'B***n');
    expect(forJane.items.some((r) => !r.isMine)).toBe(true);

    const forBob = expectOk(await history(bob), Paginated(BidView));
    for (const row of forBob.items) expect(row.bidderName).toBe(row.isMine ? 'Bob Brown' : 'J***e');

    const anonymous = expectOk(await history(), Paginated(BidView));
    for (const row of anonymous.items) {
      expect(row.isMine).toBe(false);
      expect(['J***e', 'B***n']).toContain(row.bidderName);
      expect(row.bidderId).toBeNull();
    }
  });

  it('tells each bidder how it stands, and charts the price', async () => {
    const mine = (u: TestUser) => app.client.get('/bids/mine', { token: u.accessToken });
    const janes = expectOk(await mine(jane), Paginated(MyBidView));
    expect(janes.items.find((i) => i.auction.id === lot.id)).toMatchObject({ standing: 'won', myBestBid: 6100 });
    const bobs = expectOk(await mine(bob), Paginated(MyBidView));
    expect(bobs.items.find((i) => i.auction.id === lot.id)).toMatchObject({ standing: 'lost', myBestBid: 6000 });
    expect(bobs.items.find((i) => i.auction.id === bought.id)).toMatchObject({ standing: 'won' });

    const chart = expectOk(await app.client.get(`/auctions/${lot.id}/price-history`), PriceHistoryView);
    expect(chart).toMatchObject({ auctionId: lot.id, currency: 'USD', startingPrice: 1000, currentPrice: 6100 });
    expect(chart.points.at(-1)?.price).toBe(6100);
    const prices = chart.points.map((p) => p.price);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
  });
});
