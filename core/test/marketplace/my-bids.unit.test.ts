import { type BidderStanding, standingOf, toIso } from '@gavel/core';
import { ALICE, BOB, SELLER, actor, expectOk } from '../../../tests/builders/harness.builder';
import { codeOf, marketplaceHarness, type MarketplaceHarness } from '../../../tests/builders/marketplace.builder';
import { HOUR, T0 } from '../../../tests/builders/terms.builder';

const PAGE = { page: 1, limit: 20 };

const mine = async (h: MarketplaceHarness, standing: BidderStanding | null = null, page = PAGE) =>
  expectOk(await h.market.myBids.execute({ actor: actor(ALICE), standing, page }));

/** Alice leads one live auction, is outbid on another, won a third and lost a fourth. */
const setup = async () => {
  const h = await marketplaceHarness();
  const winning = await h.auction({ endTime: T0 + 2 * HOUR });
  const outbid = await h.auction({ endTime: T0 + 2 * HOUR });
  const won = await h.auction({ endTime: T0 + HOUR });
  const lost = await h.auction({ endTime: T0 + HOUR });
  await h.bid(won, ALICE, 1_000);
  await h.bid(won, BOB, 1_100);
  await h.bid(won, ALICE, 1_200); // Alice: 2 bids, best 1 200, wins
  h.clock.advance(1_000);
  await h.bid(lost, ALICE, 1_000);
  await h.bid(lost, BOB, 1_500);
  h.clock.advance(1_000);
  await h.bid(outbid, ALICE, 1_000);
  await h.bid(outbid, BOB, 2_000);
  h.clock.advance(1_000);
  await h.bid(winning, ALICE, 1_000, 5_000);
  const lastAt = h.clock.now();
  h.clock.set(T0 + HOUR);
  expectOk(await h.gavel.closeAuction.execute({ auctionId: won }));
  expectOk(await h.gavel.closeAuction.execute({ auctionId: lost }));
  await h.auction({ endTime: T0 + 3 * HOUR }); // an auction Alice never bid on
  return { h, winning, outbid, won, lost, lastAt };
};

describe('GetMyBids', () => {
  it('lists every auction the caller bid on, most recent bid first, with its standing', async () => {
    const { h, winning, outbid, won, lost } = await setup();
    const page = await mine(h);
    expect(page.items.map((i) => [i.auction.id, i.standing])).toEqual([
      [winning, 'winning'], [outbid, 'outbid'], [lost, 'lost'], [won, 'won'],
    ]);
    expect(page.pagination).toEqual({ page: 1, limit: 20, total: 4, pages: 1 });
  });

  it.each<[BidderStanding, 'winning' | 'outbid' | 'won' | 'lost']>([
    ['winning', 'winning'], ['outbid', 'outbid'], ['won', 'won'], ['lost', 'lost'],
  ])('filters by standing %s', async (standing, which) => {
    const s = await setup();
    const page = await mine(s.h, standing);
    expect(page.items.map((i) => i.auction.id)).toEqual([s[which]]);
    expect(page.items[0]!.standing).toBe(standing);
    expect(page.pagination.total).toBe(1);
  });

  it('counts the caller\'s bids, its best bid and its last bid time; the auction as the caller sees it', async () => {
    const { h, won, winning, lastAt } = await setup();
    const items = (await mine(h)).items;
    const wonItem = items.find((i) => i.auction.id === won)!;
    expect(wonItem).toMatchObject({ myBestBid: 1_200, myBidCount: 2, lastBidAt: toIso(T0) });
    expect(wonItem.auction).toMatchObject({ winnerId: ALICE, status: 'ENDED', outcome: 'SOLD' });
    const leading = items.find((i) => i.auction.id === winning)!;
    expect(leading).toMatchObject({ myBestBid: 1_000, myBidCount: 1, lastBidAt: toIso(lastAt) });
    expect(leading.auction).toMatchObject({ isLeading: true, myMaxAmount: 5_000, leaderId: ALICE });
  });

  it('a reverse auction\'s best bid is the lowest offer', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ title: 'Fix my roof', type: 'reverse', startingPrice: 200_000, budgetMax: 200_000, increment: { kind: 'fixed', amount: 1_000 } });
    await h.bid(id, ALICE, 190_000);
    await h.bid(id, BOB, 180_000);
    await h.bid(id, ALICE, 170_000);
    expect((await mine(h)).items[0]).toMatchObject({ myBestBid: 170_000, myBidCount: 2, standing: 'winning' });
  });

  it('pages with meta; refuses a bad page', async () => {
    const { h, winning, outbid } = await setup();
    const p1 = await mine(h, null, { page: 1, limit: 2 });
    expect(p1.items.map((i) => i.auction.id)).toEqual([winning, outbid]);
    expect(p1.pagination).toEqual({ page: 1, limit: 2, total: 4, pages: 2 });
    expect((await mine(h, null, { page: 2, limit: 3 })).items).toHaveLength(1);
    expect(codeOf(await h.market.myBids.execute({ actor: actor(ALICE), standing: null, page: { page: 1, limit: 101 } }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await h.market.myBids.execute({ actor: actor(ALICE), standing: null, page: { page: 0, limit: 1 } }))).toBe('VALIDATION_ERROR');
  });

  it('is empty for someone who never bid', async () => {
    const { h } = await setup();
    expect(expectOk(await h.market.myBids.execute({ actor: actor(SELLER), standing: null, page: PAGE }))).toEqual({
      items: [], pagination: { page: 1, limit: 20, total: 0, pages: 0 },
    });
  });
});

describe('standingOf', () => {
  it('follows the catalog port\'s definition, CANCELLED counting as lost', () => {
    expect(standingOf({ status: 'LIVE', leaderId: ALICE, winnerId: null }, ALICE)).toBe('winning');
    expect(standingOf({ status: 'LIVE', leaderId: BOB, winnerId: null }, ALICE)).toBe('outbid');
    expect(standingOf({ status: 'ENDED', leaderId: ALICE, winnerId: ALICE }, ALICE)).toBe('won');
    expect(standingOf({ status: 'ENDED', leaderId: ALICE, winnerId: null }, ALICE)).toBe('lost'); // reserve not met
    expect(standingOf({ status: 'CANCELLED', leaderId: null, winnerId: null }, ALICE)).toBe('lost');
  });
});
