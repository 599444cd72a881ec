import { ANONYMOUS, type AuctionId, type AuctionSortKey, type Viewer } from '@gavel/core';
import { ALICE, BOB, CAROL, SELLER, expectOk } from '../../../tests/builders/harness.builder';
import { adminViewer, codeOf, marketplaceHarness, type MarketplaceHarness, userViewer } from '../../../tests/builders/marketplace.builder';
import { HOUR, T0 } from '../../../tests/builders/terms.builder';

const PAGE = { page: 1, limit: 20 };

const list = async (h: MarketplaceHarness, filter: object = {}, opts: { viewer?: Viewer; sort?: AuctionSortKey; page?: { page: number; limit: number } } = {}) =>
  expectOk(await h.market.listAuctions.execute({
    viewer: opts.viewer ?? ANONYMOUS, filter, ...(opts.sort ? { sort: opts.sort } : {}), page: opts.page ?? PAGE,
  }));
const ids = async (h: MarketplaceHarness, filter: object = {}, opts: Parameters<typeof list>[2] = {}): Promise<AuctionId[]> =>
  (await list(h, filter, opts)).items.map((a) => a.id);

describe('ListAuctions: filters', () => {
  it('by status, type, seller and text (case-insensitive, title or description)', async () => {
    const h = await marketplaceHarness();
    const camera = await h.auction({ title: 'Vintage Camera', description: 'Leica M3' });
    const lens = await h.auction({ title: 'Lens', description: 'fits a CAMERA body' }, { seller: ALICE });
    const roof = await h.auction({ title: 'Fix my roof', type: 'reverse', startingPrice: 200_000, budgetMax: 200_000, reservePrice: null, increment: { kind: 'fixed', amount: 1_000 } });
    const soon = await h.auction({ title: 'Later', startTime: T0 + HOUR, endTime: T0 + 2 * HOUR });
    expect(await ids(h, { status: 'SCHEDULED' })).toEqual([soon]);
    expect((await ids(h, { status: 'LIVE' })).sort()).toEqual([camera, lens, roof].sort());
    expect(await ids(h, { type: 'reverse' })).toEqual([roof]);
    expect(await ids(h, { sellerId: ALICE })).toEqual([lens]);
    expect((await ids(h, { text: 'camera' })).sort()).toEqual([camera, lens].sort());
    expect(await ids(h, { text: '  leica ' })).toEqual([camera]);
    expect(await ids(h, { text: 'piano' })).toEqual([]);
    expect(await ids(h, { status: 'LIVE', sellerId: SELLER, type: 'forward' })).toEqual([camera]);
  });

  it('by price: the current price, or the starting price before the first bid, bounds included', async () => {
    const h = await marketplaceHarness();
    const cheap = await h.auction({ startingPrice: 500 });
    const mid = await h.auction({ startingPrice: 1_000 });
    const bidUp = await h.auction({ startingPrice: 100 });
    await h.bid(bidUp, ALICE, 2_000);
    expect((await ids(h, { minPrice: 1_000 })).sort()).toEqual([mid, bidUp].sort());
    expect((await ids(h, { maxPrice: 1_000 })).sort()).toEqual([cheap, mid].sort());
    expect(await ids(h, { minPrice: 501, maxPrice: 1_999 })).toEqual([mid]);
    expect(await ids(h, { minPrice: 1_000, maxPrice: 1_000 })).toEqual([mid]);
  });

  it('a category covers its descendants; an unknown category gives an empty page, not an error', async () => {
    const h = await marketplaceHarness();
    await h.category('electronics', null, 'Electronics');
    await h.category('cameras', 'electronics', 'Cameras');
    await h.category('lenses', 'cameras', 'Lenses');
    await h.category('art', null, 'Art');
    const tv = await h.auction({ categoryId: 'electronics' });
    const camera = await h.auction({ categoryId: 'cameras' });
    const lens = await h.auction({ categoryId: 'lenses' });
    const painting = await h.auction({ categoryId: 'art' });
    await h.auction({ categoryId: null });
    expect((await ids(h, { categoryId: 'electronics' })).sort()).toEqual([tv, camera, lens].sort());
    expect((await ids(h, { categoryId: 'cameras' })).sort()).toEqual([camera, lens].sort());
    expect(await ids(h, { categoryId: 'lenses' })).toEqual([lens]);
    expect(await ids(h, { categoryId: 'art' })).toEqual([painting]);
    const unknown = await list(h, { categoryId: 'no-such-category' });
    expect(unknown).toEqual({ items: [], pagination: { page: 1, limit: 20, total: 0, pages: 0 } });
  });
});

describe('ListAuctions: sorts', () => {
  const setup = async () => {
    const h = await marketplaceHarness();
    // a: ends last, created first, cheapest; b: most bids; c: ends first, newest, dearest.
    const a = await h.auction({ startingPrice: 100, endTime: T0 + 3 * HOUR });
    h.clock.advance(1_000);
    const b = await h.auction({ startingPrice: 1_000, endTime: T0 + 2 * HOUR });
    h.clock.advance(1_000);
    const c = await h.auction({ startingPrice: 5_000, endTime: T0 + HOUR });
    await h.bid(b, ALICE, 1_000);
    await h.bid(b, BOB, 1_100);
    await h.bid(c, ALICE, 5_000);
    return { h, a, b, c };
  };

  it.each<[AuctionSortKey, ('a' | 'b' | 'c')[]]>([
    ['ending_soon', ['c', 'b', 'a']],
    ['newest', ['c', 'b', 'a']],
    ['price_asc', ['a', 'b', 'c']],
    ['price_desc', ['c', 'b', 'a']],
    ['most_bids', ['b', 'c', 'a']],
  ])('%s', async (sort, order) => {
    const { h, ...byName } = await setup();
    expect(await ids(h, {}, { sort })).toEqual(order.map((n) => byName[n]));
  });

  it('defaults to ending_soon', async () => {
    const { h, a, b, c } = await setup();
    expect(await ids(h)).toEqual([c, b, a]);
    // Not just creation order: a later auction ending sooner comes first.
    const sooner = await h.auction({ endTime: T0 + HOUR / 2 });
    expect((await ids(h))[0]).toBe(sooner);
  });
});

describe('ListAuctions: pages', () => {
  it('slices in order with pagination meta; pages = ceil(total / limit); beyond the last page is empty', async () => {
    const h = await marketplaceHarness();
    const all: AuctionId[] = [];
    for (let i = 0; i < 7; i++) all.push(await h.auction({ endTime: T0 + HOUR + i * 60_000 }));
    const p1 = await list(h, {}, { page: { page: 1, limit: 3 } });
    const p3 = await list(h, {}, { page: { page: 3, limit: 3 } });
    expect(p1.items.map((a) => a.id)).toEqual(all.slice(0, 3));
    expect(p1.pagination).toEqual({ page: 1, limit: 3, total: 7, pages: 3 });
    expect(p3.items.map((a) => a.id)).toEqual(all.slice(6));
    expect(p3.pagination).toEqual({ page: 3, limit: 3, total: 7, pages: 3 });
    expect(await list(h, {}, { page: { page: 4, limit: 3 } })).toEqual({ items: [], pagination: { page: 4, limit: 3, total: 7, pages: 3 } });
    expect((await list(h, {}, { page: { page: 1, limit: 7 } })).pagination.pages).toBe(1);
    expect((await list(h, {}, { page: { page: 1, limit: 100 } })).items).toHaveLength(7);
  });

  it('an empty catalog has 0 pages', async () => {
    const h = await marketplaceHarness();
    expect((await list(h)).pagination).toEqual({ page: 1, limit: 20, total: 0, pages: 0 });
  });

  it.each([
    [{ page: 0, limit: 20 }, 'page'],
    [{ page: -1, limit: 20 }, 'page'],
    [{ page: 1.5, limit: 20 }, 'page'],
    [{ page: 1, limit: 0 }, 'limit'],
    [{ page: 1, limit: 101 }, 'limit'],
  ])('refuses %j with VALIDATION_ERROR on %s', async (page, field) => {
    const h = await marketplaceHarness();
    const r = await h.market.listAuctions.execute({ viewer: ANONYMOUS, filter: {}, page });
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: { [field]: expect.any(String) } } });
  });

  it('refuses minPrice above maxPrice, and negative or fractional prices, with details', async () => {
    const h = await marketplaceHarness();
    const run = (filter: object) => h.market.listAuctions.execute({ viewer: ANONYMOUS, filter, page: PAGE });
    expect(await run({ minPrice: 2_000, maxPrice: 1_000 })).toEqual({
      ok: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: { minPrice: expect.any(String) } },
    });
    expect(await run({ minPrice: -1 })).toMatchObject({ ok: false, error: { details: { minPrice: expect.any(String) } } });
    expect(await run({ maxPrice: 1.5 })).toMatchObject({ ok: false, error: { details: { maxPrice: expect.any(String) } } });
  });
});

// Auctions never published are private (docs/domain-rules.md "Views"): a listing must not leak them.
describe('ListAuctions: visibility', () => {
  const setup = async () => {
    const h = await marketplaceHarness();
    const published = await h.auction();
    const sellersDraft = await h.auction({ title: 'Secret prototype' }, { publish: false });
    const alicesDraft = await h.auction({}, { seller: ALICE, publish: false });
    // A draft cancelled before publication stays private too.
    const cancelledDraft = await h.auction({}, { publish: false });
    expectOk(await h.gavel.cancelAuction.execute({ auctionId: cancelledDraft, actor: { userId: SELLER, role: 'user' } }));
    return { h, published, sellersDraft, alicesDraft, cancelledDraft };
  };

  it('visitors and other users see published auctions only, even filtering by the seller or by DRAFT', async () => {
    const { h, published } = await setup();
    expect(await ids(h)).toEqual([published]);
    expect(await ids(h, {}, { viewer: userViewer(CAROL) })).toEqual([published]);
    expect(await ids(h, { sellerId: SELLER }, { viewer: userViewer(CAROL) })).toEqual([published]);
    expect(await ids(h, { status: 'DRAFT' }, { viewer: userViewer(CAROL) })).toEqual([]);
    expect(await ids(h, { text: 'secret' })).toEqual([]);
    expect((await list(h, { status: 'DRAFT' })).pagination.total).toBe(0);
  });

  it('a user sees its own drafts besides the published auctions; an admin sees every one', async () => {
    const { h, published, sellersDraft, alicesDraft, cancelledDraft } = await setup();
    expect((await ids(h, {}, { viewer: userViewer(SELLER) })).sort()).toEqual([published, sellersDraft, cancelledDraft].sort());
    expect((await ids(h, {}, { viewer: userViewer(ALICE) })).sort()).toEqual([published, alicesDraft].sort());
    expect((await ids(h, {}, { viewer: adminViewer })).sort()).toEqual([published, sellersDraft, alicesDraft, cancelledDraft].sort());
  });

  it('items are views as the viewer may see them (no reserve for others)', async () => {
    const h = await marketplaceHarness();
    await h.auction({ reservePrice: 5_000 });
    expect((await list(h)).items[0]).toMatchObject({ reservePrice: null, hasReserve: true, serverTime: new Date(T0).toISOString() });
    expect((await list(h, {}, { viewer: userViewer(SELLER) })).items[0]!.reservePrice).toBe(5_000);
  });
});
