import { JwtAccessTokens } from '@gavel/auth';
import { UserId } from '@gavel/core';
import { ALICE, BOB, expectOk } from '../../../tests/builders/harness.builder';
import { APP_ORIGIN, connected, connectError, expectDecodes, INACTIVE, settle, startWorld, Watcher, type World } from './support/gateway-test-kit';

const DELETED = UserId('de1e7ed0-0000-4000-8000-000000000007');

describe('realtime gateway: handshake', () => {
  let world: World;
  afterEach(() => world.close());

  describe('tokens (anonymous watching off)', () => {
    beforeEach(async () => {
      world = await startWorld();
    });

    const foreign = new JwtAccessTokens({ secret: 'another-deployment-secret-of-32-bytes!', issuer: 'gavel', audience: 'gavel-api' });
    it.each([
      ['no auth at all', 'MISSING_TOKEN', null],
      ['an empty token', 'MISSING_TOKEN', { token: '' }],
      ['a token that is not a JWT', 'INVALID_TOKEN', { token: 'not-a-token' }],
      ['a token that is not a string', 'INVALID_TOKEN', { token: 42 }],
      ['a token signed with another key', 'INVALID_TOKEN', { token: foreign.issue({ userId: ALICE, role: 'user' }).token }],
    ])('refuses %s: connect_error with data.code %s', async (_label, code, auth) => {
      const err = await connectError(world.client(auth));
      expect(err.data).toEqual({ code });
      expect(err.message).toEqual(expect.any(String));
    });

    it('refuses an expired token, a suspended account and a deleted user', async () => {
      const expired = world.token(ALICE);
      world.clock.advance(16 * 60_000); // the JWT clock: 15 min lifetime + 5 s tolerance
      expect((await connectError(world.client({ token: expired }))).data).toEqual({ code: 'INVALID_TOKEN' });
      expect((await connectError(world.client({ token: world.token(INACTIVE) }))).data).toEqual({ code: 'ACCOUNT_INACTIVE' });
      expect((await connectError(world.client({ token: world.token(DELETED) }))).data).toEqual({ code: 'INVALID_TOKEN' });
      expect(world.gateway.stats()).toMatchObject({ refusedHandshakes: 3, connections: 0 });
    });

    it('accepts a valid token over polling and over WebSocket, and joins the user room', async () => {
      const ws = world.client({ token: world.token(ALICE) });
      const polling = world.client({ token: world.token(ALICE) }, { transports: ['polling'] });
      await Promise.all([connected(ws), connected(polling)]);
      const watchers = [new Watcher(ws), new Watcher(polling)];
      expect([...world.gateway.io.of('/').adapter.rooms.get(`user:${ALICE}`)!].sort()).toEqual([ws.id, polling.id].sort());
      world.gateway.publish({ name: 'notification', payload: notification(ALICE) });
      for (const w of watchers) expectDecodes(await w.next('notification'));
    });
  });

  describe('origins', () => {
    beforeEach(async () => {
      world = await startWorld();
    });

    it('refuses a browser from a foreign Origin before any session: 403 FORBIDDEN', async () => {
      const res = await fetch(`${world.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: 'https://evil.example' } });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ code: 4, message: 'FORBIDDEN' });
      const polling = await connectError(world.client({ token: world.token(ALICE) }, { origin: 'https://evil.example', transports: ['polling'] }));
      expect(polling.description).toBe(403);
      await expect(connected(world.client({ token: world.token(ALICE) }, { origin: 'https://evil.example' }))).rejects.toThrow(/websocket error/);
      expect(world.gateway.stats().connections).toBe(0);
    });

    it('accepts the listed origin (with its CORS header) and a client that sends none', async () => {
      const res = await fetch(`${world.url}/socket.io/?EIO=4&transport=polling`, { headers: { Origin: APP_ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(APP_ORIGIN);
      await world.connect(ALICE, { origin: APP_ORIGIN });
      await world.connect(BOB);
      expect(world.gateway.stats().connections).toBe(2);
    });
  });

  describe('anonymous watching allowed', () => {
    beforeEach(async () => {
      world = await startWorld({ allowAnonymous: true });
    });

    it('lets a socket without a token watch an auction with the public view, but still refuses a bad token', async () => {
      const id = await world.liveAuction();
      const anon = await world.connect(null);
      expect(await anon.subscribe(id)).toMatchObject({ ok: true });
      expect((await anon.next('auction_snapshot')).payload).toMatchObject({ id, isLeading: false, reservePrice: null });
      expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
      await world.source.pump();
      expect((await anon.next('bid_update')).payload).toMatchObject({ currentPrice: 1_000, leaderId: null });
      expect(world.gateway.stats()).toMatchObject({ connections: 1, anonymous: 1 });
      expect([...world.gateway.io.of('/').sockets.values()][0]!.rooms.size).toBe(2); // its own id and the auction: no user room

      expect((await connectError(world.client({ token: 'garbage' }))).data).toEqual({ code: 'INVALID_TOKEN' });
      await settle(anon);
    });
  });
});

const notification = (userId: string) => ({
  auctionId: '49fbe6e1-84dc-4d25-a3b3-19f546b4c38e', seq: 3, timestamp: '2026-01-01T12:00:00.000Z', userId,
  id: '00000000-0000-4000-8000-00000000000a', type: 'outbid' as const, title: 'You have been outbid', message: 'Another bid leads',
  data: { seq: 3, currentPrice: 1200 }, createdAt: '2026-01-01T12:00:00.000Z',
});
