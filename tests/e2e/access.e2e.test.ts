import { randomUUID } from 'node:crypto';
import {
  AuctionView, BidView, CategoryNode, CategoryView, ManagedUserView, MyBidView, Paginated, PublicUserView, RegisterResponseData,
  UserView, WatchView,
} from '@gavel/contracts';
import * as t from 'io-ts';
import { expectError, expectOk } from './support/api-client';
import { type E2eApp, startE2eApp } from './support/e2e-app';
import { e2eDialects } from './support/e2e-database';
import { auctionBody, createAuction, PASSWORD, placeBidOk, registerAdmin, registerUser, type TestUser, viewAuction } from './support/e2e-fixtures';

// Real servers and databases: a loaded machine (the whole suite in parallel) needs more than jest's 5 s.
jest.setTimeout(30_000);

/** Another user's private data (BOLA), admin functions as a user (BFLA), and mass assignment. */
describe.each(e2eDialects())('access control over HTTP (%s)', (dialect) => {
  let app: E2eApp;
  let alice: TestUser;
  let mallory: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    app = await startE2eApp(dialect);
    [alice, mallory] = await Promise.all([registerUser(app, { prefix: 'alice' }), registerUser(app, { prefix: 'mallory' })]);
    admin = await registerAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = (u: TestUser) => ({ token: u.accessToken });

  describe('BOLA: objects of other users', () => {
    it('someone else\'s watchlist entry is neither readable nor removable, nor listed', async () => {
      const lot = await createAuction(app, admin);
      expectOk(await app.client.post('/watchlist', { ...as(alice), body: { auctionId: lot.id } }), WatchView, 201);
      expectError(await app.client.get(`/watchlist/${lot.id}`, as(mallory)), 'NOT_FOUND');
      expectError(await app.client.delete(`/watchlist/${lot.id}`, as(mallory)), 'NOT_FOUND');
      expect(expectOk(await app.client.get('/watchlist', as(mallory)), Paginated(WatchView)).items).toEqual([]);
      // Alice's entry survived the attempt.
      expect(expectOk(await app.client.get(`/watchlist/${lot.id}`, as(alice)), WatchView).auctionId).toBe(lot.id);
      expect(expectOk(await app.client.get('/watchlist', as(alice)), Paginated(WatchView)).items.map((w) => w.auctionId)).toEqual([lot.id]);
    });

    it('/bids/mine lists only the caller\'s own bids', async () => {
      const [a, b] = await Promise.all([createAuction(app, admin), createAuction(app, admin)]);
      await placeBidOk(app, alice, a.id, 1000);
      await placeBidOk(app, mallory, b.id, 1000);
      await placeBidOk(app, mallory, a.id, 1100);
      const mine = (u: TestUser) => app.client.get('/bids/mine', as(u));
      const alices = expectOk(await mine(alice), Paginated(MyBidView));
      expect(alices.items.map((i) => i.auction.id)).toEqual([a.id]);
      expect(alices.items[0]).toMatchObject({ standing: 'outbid', myBestBid: 1000, myBidCount: 1 });
      const mallorys = expectOk(await mine(mallory), Paginated(MyBidView));
      expect(mallorys.items.map((i) => i.auction.id).sort()).toEqual([a.id, b.id].sort());
      expect(mallorys.items.find((i) => i.auction.id === a.id)).toMatchObject({ standing: 'winning', myBestBid: 1100, myBidCount: 1 });
    });

    it('editing, publishing or cancelling someone else\'s auction is 403 and changes nothing', async () => {
      const lot = await createAuction(app, alice, { title: 'Alice\'s lamp' });
      expectError(await app.client.patch(`/auctions/${lot.id}`, { ...as(mallory), body: { title: 'Mallory\'s lamp', endTime: lot.endTime } }), 'FORBIDDEN');
      expectError(await app.client.post(`/auctions/${lot.id}/cancel`, as(mallory)), 'FORBIDDEN');
      expectError(await app.client.post(`/auctions/${lot.id}/publish`, as(mallory)), 'FORBIDDEN');
      expect(await viewAuction(app, lot.id, alice)).toMatchObject({ title: 'Alice\'s lamp', status: 'LIVE', sellerId: alice.id });
    });

    it('someone else\'s draft does not exist for anyone but its seller and admins (404, unlisted)', async () => {
      const draft = await createAuction(app, alice, { publish: false, title: 'Secret draft' });
      const id = draft.id;
      for (const caller of [as(mallory), {}]) {
        expectError(await app.client.get(`/auctions/${id}`, caller), 'AUCTION_NOT_FOUND');
        expectError(await app.client.get(`/auctions/${id}/status`, caller), 'AUCTION_NOT_FOUND');
        expectError(await app.client.get(`/auctions/${id}/bids`, caller), 'AUCTION_NOT_FOUND');
        expectError(await app.client.get(`/auctions/${id}/price-history`, caller), 'AUCTION_NOT_FOUND');
        expect(expectOk(await app.client.get('/auction-status', { ...caller, query: { ids: id } }), t.array(t.unknown))).toEqual([]);
        const listed = expectOk(await app.client.get('/auctions', { ...caller, query: { sellerId: alice.id, status: 'DRAFT' } }), Paginated(AuctionView));
        expect(listed.items.map((a) => a.id)).not.toContain(id);
      }
      expectError(await app.client.patch(`/auctions/${id}`, { ...as(mallory), body: { title: 'Mine' } }), 'AUCTION_NOT_FOUND');
      expectError(await app.client.post(`/auctions/${id}/publish`, as(mallory)), 'AUCTION_NOT_FOUND');
      expectError(await app.client.post(`/auctions/${id}/cancel`, as(mallory)), 'AUCTION_NOT_FOUND');
      expectError(await app.client.post('/bids/place', { ...as(mallory), body: { auction_id: id, bid_amount: 5000 } }), 'AUCTION_NOT_FOUND');
      expectError(await app.client.post('/watchlist', { ...as(mallory), body: { auctionId: id } }), 'AUCTION_NOT_FOUND');

      expect(await viewAuction(app, id, alice)).toMatchObject({ status: 'DRAFT', title: 'Secret draft' });
      expect(await viewAuction(app, id, admin)).toMatchObject({ status: 'DRAFT' });
      const own = expectOk(await app.client.get('/auctions', { ...as(alice), query: { sellerId: alice.id, status: 'DRAFT' } }), Paginated(AuctionView));
      expect(own.items.map((a) => a.id)).toContain(id);
    });

    it('others see no email in a profile, no reserve, no commission and no bidder ids', async () => {
      const profile = expectOk(await app.client.get(`/users/${alice.id}`, as(mallory)), PublicUserView);
      expect(profile).not.toHaveProperty('email');
      expect(JSON.stringify(profile)).not.toContain(alice.email);

      const lot = await createAuction(app, alice, { reservePrice: 5000 });
      await placeBidOk(app, admin, lot.id, 1000);
      expect(await viewAuction(app, lot.id, mallory)).toMatchObject({ reservePrice: null, commissionBps: null, leaderId: null, hasReserve: true });
      expect(await viewAuction(app, lot.id, alice)).toMatchObject({ reservePrice: 5000, commissionBps: 500, leaderId: admin.id });
      const history = expectOk(await app.client.get(`/auctions/${lot.id}/bids`, as(mallory)), Paginated(BidView));
      expect(history.items.map((b) => b.bidderId)).toEqual([null]);
    });
  });

  describe('BFLA: admin functions as a user', () => {
    it('PATCH /admin/users/:id as a user is 403 and changes nothing', async () => {
      expectError(await app.client.patch(`/admin/users/${mallory.id}`, { ...as(mallory), body: { role: 'admin' } }), 'FORBIDDEN');
      expectError(await app.client.patch(`/admin/users/${alice.id}`, { ...as(mallory), body: { status: 'SUSPENDED' } }), 'FORBIDDEN');
      expect(expectOk(await app.client.get(`/users/${mallory.id}`), PublicUserView)).toMatchObject({ role: 'user', status: 'ACTIVE' });
      expect(expectOk(await app.client.get(`/users/${alice.id}`), PublicUserView)).toMatchObject({ role: 'user', status: 'ACTIVE' });
    });

    it('POST /categories as a user is 403; as an admin it works', async () => {
      expectError(await app.client.post('/categories', { ...as(mallory), body: { id: 'hacked', name: 'Hacked' } }), 'FORBIDDEN');
      expectOk(await app.client.post('/categories', { ...as(admin), body: { id: 'lamps', name: 'Lamps' } }), CategoryView, 201);
      const tree = expectOk(await app.client.get('/categories'), t.readonlyArray(CategoryNode));
      expect(tree.map((c) => c.id)).toContain('lamps');
      expect(tree.map((c) => c.id)).not.toContain('hacked');
    });

    it('commissionBps is the admin\'s: 403 for a seller creating or editing, allowed for an admin', async () => {
      expectError(await app.client.post('/auctions', { ...as(alice), body: auctionBody(app, { commissionBps: 0 }) }), 'FORBIDDEN');
      const lot = await createAuction(app, alice);
      expectError(await app.client.patch(`/auctions/${lot.id}`, { ...as(alice), body: { commissionBps: 0 } }), 'FORBIDDEN');
      expect((await viewAuction(app, lot.id, alice)).commissionBps).toBe(500);
      const edited = expectOk(await app.client.patch(`/auctions/${lot.id}`, { ...as(admin), body: { commissionBps: 250 } }), AuctionView);
      expect(edited.commissionBps).toBe(250);
    });

    it('a demoted admin loses its rights at once, though its token still says admin', async () => {
      const former = await registerAdmin(app);
      expectOk(await app.client.post('/categories', { ...as(former), body: { id: 'clocks', name: 'Clocks' } }), CategoryView, 201);
      expectOk(await app.client.patch(`/admin/users/${former.id}`, { ...as(admin), body: { role: 'user' } }), ManagedUserView);
      expectError(await app.client.post('/categories', { ...as(former), body: { id: 'watches', name: 'Watches' } }), 'FORBIDDEN');
      expectError(await app.client.patch(`/admin/users/${alice.id}`, { ...as(former), body: { status: 'INACTIVE' } }), 'FORBIDDEN');
    });
  });

  describe('mass assignment: fields the server decides are ignored', () => {
    it('role, status and id in a registration', async () => {
      const forcedId = randomUUID();
      const username = `sneaky_${Date.now()}`;
      const res = await app.client.post('/auth/register', {
        body: { username, email: `${username}@example.test`, password: PASSWORD, role: 'admin', status: 'ACTIVE', id: forcedId, createdAt: '2000-01-01T00:00:00Z' },
      });
      const data = expectOk(res, RegisterResponseData, 201);
      expect(data.user.role).toBe('user');
      expect(data.user.id).not.toBe(forcedId);
      expect(expectOk(await app.client.get('/users/me', { token: data.accessToken }), UserView).role).toBe('user');
      expectError(await app.client.post('/categories', { token: data.accessToken, body: { id: 'mine', name: 'Mine' } }), 'FORBIDDEN');
    });

    it('sellerId, currentPrice, status and other server fields in an auction body', async () => {
      const forcedId = randomUUID();
      const created = expectOk(await app.client.post('/auctions', {
        ...as(mallory),
        body: auctionBody(app, {
          id: forcedId, sellerId: alice.id, currentPrice: 999_999, status: 'ENDED', outcome: 'SOLD', bidCount: 7,
          leaderId: mallory.id, winnerId: mallory.id, reserveMet: true, publishedAt: new Date().toISOString(), seq: 99,
        }),
      }), AuctionView, 201);
      expect(created).toMatchObject({ sellerId: mallory.id, currentPrice: null, status: 'DRAFT', outcome: null, bidCount: 0, leaderId: null, winnerId: null });
      expect(created.id).not.toBe(forcedId);

      const published = expectOk(await app.client.post(`/auctions/${created.id}/publish`, as(mallory)), AuctionView);
      const patched = await app.client.patch(`/auctions/${created.id}`, {
        ...as(mallory), body: { description: 'Updated', sellerId: alice.id, currentPrice: 1, status: 'CANCELLED', bidCount: 3, type: 'reverse', currency: 'EUR' },
      });
      expect(expectOk(patched, AuctionView)).toMatchObject({ description: 'Updated' });
      const stored = await viewAuction(app, created.id, mallory);
      expect(stored).toMatchObject({ sellerId: mallory.id, currentPrice: null, status: 'LIVE', bidCount: 0, type: 'forward', currency: published.currency });
    });

    it('a bid names its bidder from the token, never from the body', async () => {
      const lot = await createAuction(app, admin);
      const res = await app.client.post('/bids/place', { ...as(mallory), body: { auction_id: lot.id, bid_amount: 1000, bidder_id: alice.id, bidderId: alice.id } });
      expect(res.status).toBe(201);
      expect(await viewAuction(app, lot.id, mallory)).toMatchObject({ isLeading: true, leaderId: mallory.id });
      expect((await viewAuction(app, lot.id, alice)).isLeading).toBe(false);
    });

    it('role, status and email in PUT /users/me', async () => {
      const res = await app.client.put('/users/me', { ...as(alice), body: { name: 'Alice Liddell', role: 'admin', status: 'ACTIVE', email: 'owned@example.test', username: 'owned', id: mallory.id } });
      expect(expectOk(res, UserView)).toMatchObject({ id: alice.id, name: 'Alice Liddell', role: 'user', email: alice.email, username: alice.username });
      const stored = expectOk(await app.client.get('/users/me', as(alice)), UserView);
      expect(stored).toMatchObject({ id: alice.id, name: 'Alice Liddell', role: 'user', email: alice.email, username: alice.username });
      expect(expectOk(await app.client.get('/users/me', as(mallory)), UserView)).toMatchObject({ id: mallory.id, email: mallory.email });
      // The old email still logs in; the injected one does not exist.
      expect((await app.client.post('/auth/login', { body: { email: alice.email, password: alice.password } })).status).toBe(200);
      expectError(await app.client.post('/auth/login', { body: { email: 'owned@example.test', password: alice.password } }), 'INVALID_CREDENTIALS');
    });
  });
});
