import { ANONYMOUS, AuctionId, maskName, toIso, type Viewer } from '@gavel/core';
import { ALICE, BOB, CAROL, SELLER, expectOk } from '../../../tests/builders/harness.builder';
import { adminViewer, codeOf, marketplaceHarness, type MarketplaceHarness, userViewer } from '../../../tests/builders/marketplace.builder';
import { HOUR, T0 } from '../../../tests/builders/terms.builder';

const UNKNOWN = AuctionId('99999999-0000-4000-8000-000000000099');
const PAGE = { page: 1, limit: 20 };

describe('GetPriceHistory', () => {
  const history = async (h: MarketplaceHarness, auctionId: AuctionId, viewer: Viewer = ANONYMOUS) =>
    expectOk(await h.market.getPriceHistory.execute({ viewer, auctionId }));

  it('one point per price-setting row in ordinal order: manual and automatic bids; a max raise at the same price is no point', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ startingPrice: 1_000 });
    await h.bid(id, ALICE, 1_000, 1_500); // #1 Alice 1 000
    h.clock.advance(1_000);
    await h.bid(id, BOB, 1_200); // #2 Bob 1 200, #3 Alice auto 1 250
    h.clock.advance(1_000);
    await h.bid(id, ALICE, 1_000, 3_000); // #4 max_raise at 1 250: no point
    const got = await history(h, id);
    expect(got).toEqual({
      auctionId: id, currency: 'USD', startingPrice: 1_000, currentPrice: 1_250,
      points: [
        { ordinal: 1, at: toIso(T0), price: 1_000, isAuto: false },
        { ordinal: 2, at: toIso(T0 + 1_000), price: 1_200, isAuto: false },
        { ordinal: 3, at: toIso(T0 + 1_000), price: 1_250, isAuto: true },
      ],
    });
    expect(h.db.state.bids.get(id)!.map((b) => b.kind)).toEqual(['bid', 'bid', 'auto', 'max_raise']);
  });

  // SPEC "Reserve": a leader's raised maximum reaching the reserve lifts the price to it.
  it('a max raise that lifts the price to the reserve is a point; the last point is the current price', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ startingPrice: 1_000, reservePrice: 5_000 });
    await h.bid(id, ALICE, 1_000);
    await h.bid(id, ALICE, 1_000, 6_000);
    const got = await history(h, id);
    expect(got.points.map((p) => [p.ordinal, p.price, p.isAuto])).toEqual([[1, 1_000, false], [2, 5_000, false]]);
    expect(got.currentPrice).toBe(5_000);
  });

  it('a buy-now purchase is a point; an auction without bids has none', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ buyNowPrice: 9_000 });
    expect(await history(h, id)).toMatchObject({ currentPrice: null, points: [] });
    expectOk(await h.gavel.buyNow.execute({ auctionId: id, buyerId: BOB }));
    expect((await history(h, id)).points).toEqual([{ ordinal: 1, at: toIso(T0), price: 9_000, isAuto: false }]);
  });

  it('carries no bidder and is AUCTION_NOT_FOUND for unknown auctions and others\' drafts', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction();
    await h.bid(id, ALICE, 1_000);
    expect(JSON.stringify(await history(h, id))).not.toContain(ALICE);
    const draft = await h.auction({}, { publish: false });
    expect(codeOf(await h.market.getPriceHistory.execute({ viewer: userViewer(CAROL), auctionId: draft }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.market.getPriceHistory.execute({ viewer: ANONYMOUS, auctionId: UNKNOWN }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.market.getPriceHistory.execute({ viewer: userViewer(SELLER), auctionId: draft }))).toBe('OK');
  });
});

// Seed 000: the bid history masks bidder names for others; identities are private (domain-rules "Views").
describe('GetNamedBidHistory', () => {
  const setup = async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ endTime: T0 + HOUR });
    await h.bid(id, ALICE, 1_000); // Alice Liddell
    h.clock.advance(1_000);
    await h.bid(id, BOB, 1_100); // no name: username "bobby"
    return { h, id };
  };
  const rows = async (h: MarketplaceHarness, auctionId: AuctionId, viewer: Viewer) =>
    expectOk(await h.market.getBidHistory.execute({ viewer, auctionId, page: PAGE })).items;
  const names = async (h: MarketplaceHarness, auctionId: AuctionId, viewer: Viewer) =>
    (await rows(h, auctionId, viewer)).map((r) => [r.bidderName, r.bidderId]);

  it('newest first; others get masked names and no ids', async () => {
    const { h, id } = await setup();
    const expected = [[maskName('bobby'), null], [maskName('Alice Liddell'), null]];
    expect(expected).toEqual([['b***y', null], ['A***l', null]]);
    expect(await names(h, id, userViewer(CAROL))).toEqual(expected);
    expect(await names(h, id, ANONYMOUS)).toEqual(expected);
  });

  it('the bidder sees its own name in full and others masked', async () => {
    const { h, id } = await setup();
    expect(await names(h, id, userViewer(ALICE))).toEqual([['b***y', null], ['Alice Liddell', ALICE]]);
    expect(await names(h, id, userViewer(BOB))).toEqual([['bobby', BOB], ['A***l', null]]);
  });

  it('admins see full names and ids; the seller sees ids with masked names', async () => {
    const { h, id } = await setup();
    expect(await names(h, id, adminViewer)).toEqual([['bobby', BOB], ['Alice Liddell', ALICE]]);
    expect(await names(h, id, userViewer(SELLER))).toEqual([['b***y', BOB], ['A***l', ALICE]]);
  });

  it('rows keep the rest of the bid view (amounts, kinds, own maximum only)', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction();
    await h.bid(id, ALICE, 1_000, 2_000);
    await h.bid(id, BOB, 1_200);
    const carol = await rows(h, id, userViewer(CAROL));
    expect(carol.map((r) => [r.ordinal, r.amount, r.kind, r.isAuto, r.maxAmount])).toEqual([[3, 1_250, 'auto', true, null], [2, 1_200, 'bid', false, null], [1, 1_000, 'bid', false, null]]);
    expect((await rows(h, id, userViewer(ALICE)))[2]).toMatchObject({ maxAmount: 2_000, isMine: true, bidderName: 'Alice Liddell' });
  });

  // Seed 002: on a reverse auction others see amounts only, not even a masked name.
  it('a reverse auction gives others no name at all; the creator masked, the provider its own', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ title: 'Fix my roof', type: 'reverse', startingPrice: 200_000, budgetMax: 200_000, increment: { kind: 'fixed', amount: 1_000 } });
    await h.bid(id, ALICE, 150_000);
    expect(await names(h, id, userViewer(CAROL))).toEqual([[null, null]]);
    expect(await names(h, id, ANONYMOUS)).toEqual([[null, null]]);
    expect(await names(h, id, userViewer(ALICE))).toEqual([['Alice Liddell', ALICE]]);
    expect(await names(h, id, userViewer(SELLER))).toEqual([['A***l', ALICE]]);
    expect(await names(h, id, adminViewer)).toEqual([['Alice Liddell', ALICE]]);
  });

  it('a bidder without an account (no display name) has a null name', async () => {
    const { h, id } = await setup();
    h.db.state.accounts.delete(BOB);
    expect((await names(h, id, userViewer(CAROL)))[0]).toEqual([null, null]);
  });

  it('pages newest first; total is every row, pages = ceil(total / limit)', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ startingPrice: 100, increment: { kind: 'fixed', amount: 10 } });
    for (let i = 0; i < 5; i++) await h.bid(id, i % 2 === 0 ? ALICE : BOB, 100 + 10 * i);
    const page = (p: number) => h.market.getBidHistory.execute({ viewer: ANONYMOUS, auctionId: id, page: { page: p, limit: 2 } });
    const p1 = expectOk(await page(1));
    const p3 = expectOk(await page(3));
    expect(p1.items.map((r) => r.ordinal)).toEqual([5, 4]);
    expect(expectOk(await page(2)).items.map((r) => r.ordinal)).toEqual([3, 2]);
    expect(p3.items.map((r) => r.ordinal)).toEqual([1]);
    expect(p3.pagination).toEqual({ page: 3, limit: 2, total: 5, pages: 3 });
    expect(expectOk(await page(4)).items).toEqual([]);
  });

  it('VALIDATION_ERROR for a bad page; AUCTION_NOT_FOUND for unknown auctions and others\' drafts', async () => {
    const { h, id } = await setup();
    expect(codeOf(await h.market.getBidHistory.execute({ viewer: ANONYMOUS, auctionId: id, page: { page: 0, limit: 20 } }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await h.market.getBidHistory.execute({ viewer: ANONYMOUS, auctionId: id, page: { page: 1, limit: 101 } }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await h.market.getBidHistory.execute({ viewer: ANONYMOUS, auctionId: UNKNOWN, page: PAGE }))).toBe('AUCTION_NOT_FOUND');
    const draft = await h.auction({}, { publish: false });
    expect(codeOf(await h.market.getBidHistory.execute({ viewer: userViewer(CAROL), auctionId: draft, page: PAGE }))).toBe('AUCTION_NOT_FOUND');
    expect(expectOk(await h.market.getBidHistory.execute({ viewer: userViewer(SELLER), auctionId: draft, page: PAGE })).pagination.total).toBe(0);
  });
});
