import { decode, NotificationView, SseEvents } from '@gavel/contracts';
import type { UserId } from '@gavel/core';
import { INACTIVE } from './support/http-test-kit';
import { eventually, openSse, type SseClient, type SseEvent } from './support/sse-client';
import { ANN, BEN, type SseApi, startSseApi } from './support/sse-test-kit';

const PATH = '/sse/notifications';

/** Each event's data decodes with its contracts codec (the names of seed 004). */
const expectWire = (e: SseEvent) => {
  const codec = SseEvents[e.event as keyof typeof SseEvents];
  expect(codec).toBeDefined();
  expect(decode(codec, e.data)).toEqual({ ok: true, value: e.data });
};

describe('GET /sse/notifications', () => {
  let api: SseApi;
  const clients: SseClient[] = [];
  const connect = async (userId: UserId, headers: Record<string, string> = {}, query = '') => {
    const c = await openSse(`${api.api}${PATH}${query}`, { ...api.auth(userId), ...headers });
    clients.push(c);
    return c;
  };
  /** Ann is outbid by Ben on a fresh auction: one notification for Ann. */
  const outbidAnn = async () => {
    const id = await api.createAuction();
    await api.bid(id, ANN, 1_000);
    await api.bid(id, BEN, 1_500);
    return id;
  };

  beforeEach(async () => {
    api = await startSseApi({ sse: { heartbeatMs: 150 } });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await api.close();
  });

  it('ends a stream when the access token it was opened with expires: disconnected (token_expired), then the end', async () => {
    const viaHeader = await openSse(`${api.api}${PATH}`, { Authorization: `Bearer ${api.shortToken(ANN, 1)}` });
    const viaQuery = await openSse(`${api.api}${PATH}?access_token=${api.shortToken(BEN, 1)}`);
    const lasting = await connect(ANN);
    clients.push(viaHeader, viaQuery);
    for (const c of [viaHeader, viaQuery]) {
      const { hit } = await c.until((e) => e.event === 'disconnected', 5_000);
      expectWire(hit);
      expect(hit.data).toMatchObject({ reason: 'token_expired' });
      await c.ended;
    }
    expect(api.hub.stats()).toMatchObject({ streams: 1, expiredStreams: 2 });
    expect((await lasting.until((e) => e.event === 'unread_count')).hit.event).toBe('unread_count');
  });

  it('streams connected, unread_count, then each new notification with its cursor as id, and heartbeats', async () => {
    await outbidAnn();
    const c = await connect(ANN);
    expect(c.response.status).toBe(200);
    expect(c.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(c.response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(c.response.headers.get('x-accel-buffering')).toBe('no');
    expect(c.response.headers.get('content-encoding')).toBeNull();
    const connected = await c.next();
    expect(connected).toMatchObject({ event: 'connected', id: expect.stringMatching(/^\d+$/) });
    const unread = await c.next();
    expect(unread).toMatchObject({ event: 'unread_count', data: { count: 1 } });
    expect(c.retries).toEqual([3_000]);

    const auction = await outbidAnn();
    const { hit, skipped } = await c.until((e) => e.event === 'notification');
    expect(skipped.every((e) => e.event === 'heartbeat')).toBe(true);
    expect(decode(NotificationView, hit.data)).toMatchObject({ ok: true, value: { type: 'outbid', auctionId: auction, readAt: null } });
    const [latest] = (await api.db.uow.run((tx) => tx.notifications.list(ANN, { unreadOnly: false, slice: { offset: 0, limit: 1 } }))).items;
    expect(hit.id).toBe(String(latest!.cursor));
    expect(Number(hit.id)).toBeGreaterThan(Number(connected.id));

    const beat = await c.until((e) => e.event === 'heartbeat', 2_000);
    expect(beat.hit.data).toEqual({ timestamp: expect.any(String) });
    for (const e of c.events) expectWire(e);
  });

  it('sends only the caller\'s notifications', async () => {
    const ann = await connect(ANN);
    const ben = await connect(BEN);
    await ann.next();
    await ben.next();
    await outbidAnn();
    await ann.until((e) => e.event === 'notification');
    // Ben bid too but was not outbid: his stream carries no notification.
    await new Promise((r) => setTimeout(r, 200));
    expect(ben.events.filter((e) => e.event === 'notification')).toEqual([]);
  });

  it('resumes after Last-Event-ID with exactly the missed notifications, then live ones once', async () => {
    const first = await connect(ANN);
    await first.next();
    await outbidAnn();
    const seen = (await first.until((e) => e.event === 'notification')).hit;
    first.close();
    await eventually(() => api.hub.stats().streams === 0);

    await outbidAnn();
    await outbidAnn();
    const missed = (await api.db.uow.run((tx) => tx.notifications.after(ANN, Number(seen.id), 10))).map((n) => String(n.cursor));
    expect(missed).toHaveLength(2);

    const again = await connect(ANN, { 'Last-Event-ID': seen.id! });
    const connected = await again.next();
    expect(connected).toMatchObject({ event: 'connected', id: undefined });
    expect(await again.next()).toMatchObject({ event: 'unread_count', data: { count: 3 } });
    const replay = [await again.next(), await again.next()];
    expect(replay.map((e) => [e.event, e.id])).toEqual(missed.map((id) => ['notification', id]));

    await outbidAnn();
    const live = (await again.until((e) => e.event === 'notification')).hit;
    expect(Number(live.id)).toBeGreaterThan(Number(missed[1]));
    await new Promise((r) => setTimeout(r, 200));
    const ids = again.events.filter((e) => e.event === 'notification').map((e) => e.id);
    expect(ids).toEqual([...missed, live.id]);
  });

  it('a fresh stream\'s connected id resumes a reconnect that saw no notification', async () => {
    const first = await connect(ANN);
    const connected = await first.next();
    first.close();
    await outbidAnn();
    const again = await connect(ANN, {}, `?lastEventId=${connected.id}`);
    const { hit } = await again.until((e) => e.event === 'notification');
    expect(hit.data).toMatchObject({ type: 'outbid' });
  });

  it('takes the token from ?access_token= (EventSource cannot set headers); the header wins', async () => {
    const token = api.token(ANN);
    const viaQuery = await openSse(`${api.api}${PATH}?access_token=${token}`);
    clients.push(viaQuery);
    expect(viaQuery.response.status).toBe(200);
    expect((await viaQuery.next()).event).toBe('connected');
    // The token in the URL never reaches the log (the access log has the path only).
    expect(api.logs.lines.some((l) => l.path === `/api/v1${PATH}`)).toBe(true);
    expect(JSON.stringify(api.logs.lines)).not.toContain(token.split('.')[2]);
    const bad = await fetch(`${api.api}${PATH}?access_token=${api.token(ANN)}`, { headers: { Authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ success: false, code: 'INVALID_TOKEN' });
  });

  it('refuses without a token (401 MISSING_TOKEN), with a bad one (401 INVALID_TOKEN), for an inactive user (403)', async () => {
    const none = await fetch(`${api.api}${PATH}`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/application\/json/);
    expect(await none.json()).toMatchObject({ success: false, code: 'MISSING_TOKEN' });
    for (const url of [`${api.api}${PATH}?access_token=garbage`, `${api.api}${PATH}?access_token=`]) {
      const bad = await fetch(url);
      expect(bad.status).toBe(401);
      expect(await bad.json()).toMatchObject({ code: 'INVALID_TOKEN' });
    }
    const inactive = await fetch(`${api.api}${PATH}`, { headers: api.auth(INACTIVE) });
    expect(inactive.status).toBe(403);
    expect(await inactive.json()).toMatchObject({ code: 'ACCOUNT_INACTIVE' });
    expect(api.hub.stats().streams).toBe(0);
  });

  it('a client that goes away leaves no stream, timer, subscription or reader behind', async () => {
    const a = await connect(ANN);
    const b = await connect(BEN);
    await a.next();
    await b.next();
    expect(api.hub.stats()).toMatchObject({ streams: 2, heartbeatTimer: true, eventSubscription: true, poller: { active: true, users: 2 } });
    a.close();
    await eventually(() => api.hub.stats().streams === 1);
    expect(api.hub.stats()).toMatchObject({ heartbeatTimer: true, poller: { active: true, users: 1 } });
    b.close();
    await eventually(() => api.hub.stats().streams === 0);
    expect(api.hub.stats()).toEqual({
      streams: 0, expiredStreams: 0, auctionsWatched: 0, heartbeatTimer: false, eventSubscription: false,
      poller: { active: false, users: 0, cursor: null, holes: 0, errors: 0 },
    });
  });

  it('server.close() ends every stream with a disconnected event', async () => {
    const c = await connect(ANN);
    await c.next();
    const running = api;
    api = { ...api, close: async () => undefined };
    // A plain close(), as a graceful shutdown calls it: it does not cut connections itself.
    const closed = new Promise<void>((resolve) => running.server.close(() => resolve()));
    await c.ended;
    expect(c.events.at(-1)).toMatchObject({ event: 'disconnected', data: { reason: 'shutdown' } });
    running.server.closeIdleConnections();
    await closed;
    expect(running.hub.stats()).toMatchObject({ streams: 0, heartbeatTimer: false });
  });
});

describe('the notification routes', () => {
  let api: SseApi;
  beforeAll(async () => {
    api = await startSseApi();
    for (let i = 0; i < 3; i++) {
      const id = await api.createAuction();
      await api.bid(id, ANN, 1_000);
      await api.bid(id, BEN, 1_500);
    }
  });
  afterAll(() => api.close());
  const get = (path: string, userId: UserId = ANN) => fetch(`${api.api}${path}`, { headers: api.auth(userId) });
  const markRead = (body: unknown, userId: UserId = ANN) =>
    fetch(`${api.api}/notifications/read`, { method: 'POST', headers: { ...api.auth(userId), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('lists the caller\'s notifications newest first in pages, each a NotificationView', async () => {
    const res = await get('/notifications?page=1&limit=2');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { items: unknown[]; pagination: unknown } };
    expect(body.data.pagination).toEqual({ page: 1, limit: 2, total: 3, pages: 2 });
    for (const item of body.data.items) expect(decode(NotificationView, item)).toEqual({ ok: true, value: item });
    const ben = (await (await get('/notifications', BEN)).json()) as { data: { items: unknown[] } };
    expect(ben.data.items).toEqual([]);
  });

  it('counts the unread, marks chosen ids then all, and filters with unread=true', async () => {
    expect(await (await get('/notifications/unread-count')).json()).toMatchObject({ success: true, data: { count: 3 } });
    const all = (await (await get('/notifications')).json()) as { data: { items: Array<{ id: string }> } };
    const first = await markRead({ ids: [all.data.items[0]!.id] });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ data: { marked: 1, unreadCount: 2 } });
    const unread = (await (await get('/notifications?unread=true')).json()) as { data: { items: Array<{ id: string }> } };
    expect(unread.data.items.map((n) => n.id)).toEqual(all.data.items.slice(1).map((n) => n.id));
    // Someone else's ids change nothing.
    expect(await (await markRead({ ids: [all.data.items[1]!.id] }, BEN)).json()).toMatchObject({ data: { marked: 0, unreadCount: 0 } });
    expect(await (await markRead({})).json()).toMatchObject({ data: { marked: 2, unreadCount: 0 } });
    expect(await (await get('/notifications/unread-count')).json()).toMatchObject({ data: { count: 0 } });
  });

  it('400 for bad ids, a bad query or too many ids; 401 without a token', async () => {
    const bad = await markRead({ ids: ['nope'] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
    const tooMany = await markRead({ ids: Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000001') });
    expect(tooMany.status).toBe(400);
    expect((await get('/notifications?unread=maybe')).status).toBe(400);
    expect((await fetch(`${api.api}/notifications`)).status).toBe(401);
    expect((await fetch(`${api.api}/notifications/unread-count`)).status).toBe(401);
  });
});

describe('a stream outlives the server\'s request timeout', () => {
  it('keeps streaming heartbeats past requestTimeout (it bounds receiving the request only)', async () => {
    const api = await startSseApi({
      sse: { heartbeatMs: 100 },
      http: { server: { requestTimeoutMs: 300, headersTimeoutMs: 300, keepAliveTimeoutMs: 5_000, connectionsCheckingIntervalMs: 50 } },
    });
    const c = await openSse(`${api.api}${PATH}`, api.auth(ANN));
    try {
      await new Promise((r) => setTimeout(r, 1_000));
      const beats = c.events.filter((e) => e.event === 'heartbeat').length;
      expect(beats).toBeGreaterThanOrEqual(5);
      const later = c.events.length;
      await eventually(() => c.events.length > later, 1_000);
    } finally {
      c.close();
      await api.close();
    }
  });
});
