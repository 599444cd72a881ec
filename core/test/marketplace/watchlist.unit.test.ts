import { AuctionId, toIso } from '@gavel/core';
import { ALICE, BOB, CAROL, SELLER, actor, expectOk } from '../../../tests/builders/harness.builder';
import { codeOf, marketplaceHarness } from '../../../tests/builders/marketplace.builder';
import { T0 } from '../../../tests/builders/terms.builder';

const UNKNOWN = AuctionId('99999999-0000-4000-8000-000000000099');
const PAGE = { page: 1, limit: 20 };

describe('AddToWatchlist', () => {
  it('adds an entry with the time and the auction as the watcher sees it', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ reservePrice: 5_000 });
    h.clock.advance(5_000);
    const out = expectOk(await h.market.watch.execute({ actor: actor(ALICE), auctionId: id }));
    expect(out.created).toBe(true);
    expect(out.entry).toMatchObject({ auctionId: id, addedAt: toIso(T0 + 5_000), auction: { id, reservePrice: null, hasReserve: true } });
    expect(await h.db.watchlist.get(ALICE, id)).toEqual({ userId: ALICE, auctionId: id, addedAt: T0 + 5_000 });
  });

  it('watching twice is no error: created false, the first entry kept', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction();
    expectOk(await h.market.watch.execute({ actor: actor(ALICE), auctionId: id }));
    h.clock.advance(60_000);
    const again = expectOk(await h.market.watch.execute({ actor: actor(ALICE), auctionId: id }));
    expect(again).toMatchObject({ created: false, entry: { auctionId: id, addedAt: toIso(T0) } });
    expect(expectOk(await h.market.watchlist.execute({ actor: actor(ALICE), page: PAGE })).pagination.total).toBe(1);
  });

  it('AUCTION_NOT_FOUND for an unknown auction or another seller\'s draft; one\'s own draft may be watched', async () => {
    const h = await marketplaceHarness();
    const draft = await h.auction({}, { publish: false });
    expect(codeOf(await h.market.watch.execute({ actor: actor(ALICE), auctionId: UNKNOWN }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.market.watch.execute({ actor: actor(ALICE), auctionId: draft }))).toBe('AUCTION_NOT_FOUND');
    expect(await h.db.watchlist.get(ALICE, draft)).toBeNull();
    expect(codeOf(await h.market.watch.execute({ actor: actor(SELLER), auctionId: draft }))).toBe('OK');
  });
});

describe('RemoveFromWatchlist', () => {
  it('removes a watched auction; NOT_FOUND when it was not watched (or already removed)', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction();
    expectOk(await h.market.watch.execute({ actor: actor(ALICE), auctionId: id }));
    expect(codeOf(await h.market.unwatch.execute({ actor: actor(BOB), auctionId: id }))).toBe('NOT_FOUND');
    expect(expectOk(await h.market.unwatch.execute({ actor: actor(ALICE), auctionId: id }))).toEqual({ auctionId: id, removed: true });
    expect(await h.db.watchlist.get(ALICE, id)).toBeNull();
    expect(codeOf(await h.market.unwatch.execute({ actor: actor(ALICE), auctionId: id }))).toBe('NOT_FOUND');
  });
});

describe('ListWatchlist and GetWatchEntry', () => {
  const setup = async () => {
    const h = await marketplaceHarness();
    const ids: AuctionId[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await h.auction();
      ids.push(id);
      expectOk(await h.market.watch.execute({ actor: actor(ALICE), auctionId: id }));
      h.clock.advance(1_000);
    }
    expectOk(await h.market.watch.execute({ actor: actor(BOB), auctionId: ids[0]! }));
    return { h, ids };
  };

  it('lists one\'s own entries, newest first, in pages', async () => {
    const { h, ids } = await setup();
    const p1 = expectOk(await h.market.watchlist.execute({ actor: actor(ALICE), page: { page: 1, limit: 2 } }));
    expect(p1.items.map((e) => [e.auctionId, e.addedAt, e.auction.id])).toEqual([
      [ids[2], toIso(T0 + 2_000), ids[2]], [ids[1], toIso(T0 + 1_000), ids[1]],
    ]);
    expect(p1.pagination).toEqual({ page: 1, limit: 2, total: 3, pages: 2 });
    const p2 = expectOk(await h.market.watchlist.execute({ actor: actor(ALICE), page: { page: 2, limit: 2 } }));
    expect(p2.items.map((e) => e.auctionId)).toEqual([ids[0]]);
    expect(expectOk(await h.market.watchlist.execute({ actor: actor(BOB), page: PAGE })).items.map((e) => e.auctionId)).toEqual([ids[0]]);
    expect(expectOk(await h.market.watchlist.execute({ actor: actor(CAROL), page: PAGE }))).toEqual({ items: [], pagination: { page: 1, limit: 20, total: 0, pages: 0 } });
    expect(codeOf(await h.market.watchlist.execute({ actor: actor(ALICE), page: { page: 1, limit: 0 } }))).toBe('VALIDATION_ERROR');
  });

  it('skips entries whose auction vanished', async () => {
    const { h, ids } = await setup();
    h.db.state.auctions.delete(ids[1]!);
    const page = expectOk(await h.market.watchlist.execute({ actor: actor(ALICE), page: PAGE }));
    expect(page.items.map((e) => e.auctionId)).toEqual([ids[2], ids[0]]);
    expect(codeOf(await h.market.watchEntry.execute({ actor: actor(ALICE), auctionId: ids[1]! }))).toBe('NOT_FOUND');
  });

  it('GetWatchEntry answers the caller\'s entry, NOT_FOUND when the caller does not watch it', async () => {
    const { h, ids } = await setup();
    expect(expectOk(await h.market.watchEntry.execute({ actor: actor(ALICE), auctionId: ids[1]! }))).toMatchObject({
      auctionId: ids[1], addedAt: toIso(T0 + 1_000), auction: { id: ids[1] },
    });
    expect(codeOf(await h.market.watchEntry.execute({ actor: actor(BOB), auctionId: ids[1]! }))).toBe('NOT_FOUND');
    expect(codeOf(await h.market.watchEntry.execute({ actor: actor(ALICE), auctionId: UNKNOWN }))).toBe('NOT_FOUND');
  });
});
