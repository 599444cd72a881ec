import { decode, SseAuctionUpdateEvent } from '@gavel/contracts';
import type { AuctionId, EventStream, StoredEvent } from '@gavel/core';
import { eventually, openSse, type SseClient, type SseEvent } from './support/sse-client';
import { ANN, BEN, ManualSource, SELLER, type SseApi, type SseKitOptions, startSseApi } from './support/sse-test-kit';

const path = (id: string) => `/sse/auctions/${id}`;
const seqsOf = (events: readonly SseEvent[]) => events.filter((e) => e.event === 'auction_update').map((e) => Number(e.id));
const typeOf = (e: SseEvent) => (e.data as { type: string }).type;

describe('GET /sse/auctions/:id', () => {
  let api: SseApi;
  const clients: SseClient[] = [];
  const start = async (opts: SseKitOptions = {}) => {
    api = await startSseApi(opts);
    return api;
  };
  const connect = async (id: string, headers: Record<string, string> = {}) => {
    const c = await openSse(`${api.api}${path(id)}`, headers);
    clients.push(c);
    return c;
  };
  const outbox = (id: AuctionId) => api.db.events.readAuction(id, 0);

  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await api?.close();
  });

  it('starts with the status view at its seq, then each event as auction_update with seq as id, no identities', async () => {
    await start();
    const id = await api.createAuction();
    await api.bid(id, ANN, 1_000);
    const c = await connect(id);
    expect(c.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const first = await c.next();
    const seq = (await outbox(id)).length;
    expect(first).toMatchObject({ event: 'auction_update', id: String(seq), data: { type: 'auction_status', seq, payload: { id, bidCount: 1, currentPrice: 1_000 } } });
    await api.bid(id, BEN, 1_500);
    const update = await c.next();
    expect(update).toMatchObject({ id: String(seq + 1), data: { type: 'bid_update', seq: seq + 1, auctionId: id } });
    expect(update.data).toMatchObject({ payload: { currentPrice: 1_500, leaderId: null, previousLeaderId: null, bids: [{ bidderId: null, amount: 1_500 }] } });
    expect(JSON.stringify(c.events)).not.toContain(BEN);
    for (const e of c.events) expect(decode(SseAuctionUpdateEvent, e.data)).toEqual({ ok: true, value: e.data });
  });

  it('with Last-Event-ID replays the outbox after it, then goes live: every seq once, in order', async () => {
    await start();
    const id = await api.createAuction();
    for (const [who, amount] of [[ANN, 1_000], [BEN, 1_500], [ANN, 2_000]] as const) await api.bid(id, who, amount);
    const c = await connect(id, { 'Last-Event-ID': '2' });
    const total = (await outbox(id)).length;
    await eventually(() => seqsOf(c.events).length === total - 2);
    expect(c.events.map(typeOf).every((t) => t !== 'auction_status')).toBe(true);
    await api.bid(id, BEN, 2_500);
    await api.bid(id, ANN, 3_000);
    await eventually(() => seqsOf(c.events).length === total);
    await new Promise((r) => setTimeout(r, 100));
    expect(seqsOf(c.events)).toEqual(Array.from({ length: total }, (_, i) => i + 3));
  });

  it('live events arriving during the replay are held and passed on without gap or duplicate', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let gated = false;
    const source = new ManualSource();
    await start({
      source,
      stream: (inner): EventStream => ({
        readAfter: (a, l) => inner.readAfter(a, l),
        readAuction: async (id, after) => {
          if (gated) await gate;
          return inner.readAuction(id, after);
        },
      }),
    });
    const id = await api.createAuction();
    for (const [who, amount] of [[ANN, 1_000], [BEN, 1_500]] as const) await api.bid(id, who, amount);
    gated = true;
    const c = await connect(id, { 'Last-Event-ID': '1' });
    await eventually(() => source.listeners.size === 1);
    // While the replay waits, two more bids commit and the relay delivers them (and one again).
    await api.bid(id, ANN, 2_000);
    await api.bid(id, BEN, 2_500);
    const events = await outbox(id);
    const newest = events.slice(-2);
    source.push(...newest, newest[1]!);
    release();
    await eventually(() => seqsOf(c.events).length === events.length - 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(seqsOf(c.events)).toEqual(events.slice(1).map((e) => e.seq));
  });

  it('fills a jump in seq from the outbox before passing the later event on', async () => {
    const source = new ManualSource();
    await start({ source });
    const id = await api.createAuction();
    const c = await connect(id);
    const startSeq = Number((await c.next()).id);
    for (const [who, amount] of [[ANN, 1_000], [BEN, 1_500], [ANN, 2_000]] as const) await api.bid(id, who, amount);
    const events: StoredEvent[] = (await outbox(id)).filter((e) => e.seq > startSeq);
    source.push(events[0]!, events[2]!);
    await eventually(() => seqsOf(c.events).length === 4);
    expect(seqsOf(c.events)).toEqual([startSeq, ...events.map((e) => e.seq)]);
  });

  it('an auction nobody else may see is 404 (another\'s draft); its seller may watch it; anonymous may watch a live one', async () => {
    await start();
    const draft = await api.createAuction(SELLER, false);
    const foreign = await fetch(`${api.api}${path(draft)}`, { headers: api.auth(ANN) });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toMatchObject({ success: false, code: 'AUCTION_NOT_FOUND' });
    expect((await fetch(`${api.api}${path(draft)}`)).status).toBe(404);
    const own = await connect(draft, api.auth(SELLER));
    expect((await own.next()).data).toMatchObject({ type: 'auction_status', payload: { status: 'DRAFT' } });
    const live = await api.createAuction();
    const anonymous = await connect(live);
    expect((await anonymous.next()).data).toMatchObject({ type: 'auction_status', payload: { status: 'LIVE' } });
    const viaQuery = await connect(`${live}?access_token=${api.token(SELLER)}`);
    expect(viaQuery.response.status).toBe(200);
  });

  it('400 for an id that is not a UUID, 401 for a bad token, and no stream left open', async () => {
    await start();
    const bad = await fetch(`${api.api}${path('nope')}`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'VALIDATION_ERROR', details: { id: 'must be a UUID' } });
    const id = await api.createAuction();
    const token = await fetch(`${api.api}${path(id)}`, { headers: { Authorization: 'Bearer bad' } });
    expect(token.status).toBe(401);
    expect(api.hub.stats()).toMatchObject({ streams: 0, auctionsWatched: 0, eventSubscription: false });
  });

  it('a resume id beyond the stream starts afresh from the status view', async () => {
    await start();
    const id = await api.createAuction();
    const c = await connect(id, { 'Last-Event-ID': '999' });
    expect((await c.next()).data).toMatchObject({ type: 'auction_status' });
    await api.bid(id, ANN, 1_000);
    expect((await c.next()).data).toMatchObject({ type: 'bid_update' });
  });

  it('client aborts release the auction listeners, the event subscription and the heartbeat timer', async () => {
    await start({ sse: { heartbeatMs: 50 } });
    const id = await api.createAuction();
    const a = await connect(id);
    const b = await connect(id);
    await a.until((e) => e.event === 'heartbeat');
    expect(api.hub.stats()).toMatchObject({ streams: 2, auctionsWatched: 1, heartbeatTimer: true, eventSubscription: true });
    a.close();
    b.close();
    await eventually(() => api.hub.stats().streams === 0);
    expect(api.hub.stats()).toMatchObject({ auctionsWatched: 0, heartbeatTimer: false, eventSubscription: false, poller: { active: false } });
  });

  it('is not served without live events (HttpDeps.sse)', async () => {
    await start({ source: 'none' });
    const id = await api.createAuction();
    const res = await fetch(`${api.api}${path(id)}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});
