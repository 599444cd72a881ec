import { type AuctionId, type NotificationView, toIso, type UserId } from '@gavel/core';
import { ALICE, BOB, CAROL, SELLER, actor, expectOk } from '../../../tests/builders/harness.builder';
import { codeOf, marketplaceHarness, type MarketplaceHarness } from '../../../tests/builders/marketplace.builder';
import { HOUR, T0 } from '../../../tests/builders/terms.builder';

const PAGE = { page: 1, limit: 20 };

const notificationsOf = async (h: MarketplaceHarness, userId: UserId): Promise<NotificationView[]> =>
  [...expectOk(await h.market.listNotifications.execute({ actor: actor(userId), unreadOnly: false, page: PAGE })).items];

const typesOf = async (h: MarketplaceHarness, userId: UserId) => (await notificationsOf(h, userId)).map((n) => n.type);

const close = async (h: MarketplaceHarness, auctionId: AuctionId) => {
  h.clock.set(T0 + 2 * HOUR);
  return expectOk(await h.gavel.closeAuction.execute({ auctionId }));
};

describe('notifications written by the commands that cause them', () => {
  it('a bid that takes the lead notifies the previous leader only, with the figures in data', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ title: 'Vintage camera' });
    await h.bid(id, ALICE, 1_000);
    expect(await typesOf(h, ALICE)).toEqual([]);
    h.clock.advance(1_000);
    await h.bid(id, BOB, 1_500);
    const [n, ...rest] = await notificationsOf(h, ALICE);
    expect(rest).toEqual([]);
    expect(n).toEqual({
      id: expect.any(String), type: 'outbid', auctionId: id, title: 'You have been outbid',
      message: 'Another bid leads on "Vintage camera": the price is now 15.00 USD; bid at least 15.50 USD to lead again.',
      data: { auctionTitle: 'Vintage camera', currency: 'USD', seq: expect.any(Number), currentPrice: 1_500, minNextBid: 1_550 },
      createdAt: toIso(T0 + 1_000), readAt: null,
    });
    expect(await typesOf(h, BOB)).toEqual([]);
    expect(await typesOf(h, SELLER)).toEqual([]);
  });

  it('a challenger beaten at once by the leader\'s proxy is told so; the leader hears nothing', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction();
    await h.bid(id, ALICE, 1_000, 5_000);
    await h.bid(id, BOB, 2_000);
    expect(await typesOf(h, BOB)).toEqual(['outbid']);
    expect(await typesOf(h, ALICE)).toEqual([]);
  });

  it('a refused bid writes no notification', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction();
    await h.bid(id, ALICE, 1_000);
    expect(codeOf(await h.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 1_000 }))).toBe('BID_TOO_LOW');
    expect(await typesOf(h, ALICE)).toEqual([]);
  });

  it('a sale notifies the winner, every other bidder and the seller, once however often closing runs', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ title: 'Lamp' });
    await h.bid(id, ALICE, 1_000);
    await h.bid(id, BOB, 1_500);
    await h.bid(id, CAROL, 2_000);
    await close(h, id);
    expect(expectOk(await h.gavel.closeAuction.execute({ auctionId: id })).changed).toBe(false);
    const [won] = await notificationsOf(h, CAROL);
    expect(won).toMatchObject({ type: 'auction_won', message: 'You won "Lamp" at 20.00 USD.', data: { finalPrice: 2_000, currency: 'USD' } });
    expect(await typesOf(h, CAROL)).toEqual(['auction_won']);
    expect(await typesOf(h, ALICE)).toEqual(['auction_lost', 'outbid']);
    expect(await typesOf(h, BOB)).toEqual(['auction_lost', 'outbid']);
    expect((await notificationsOf(h, BOB))[0]).toMatchObject({ data: { outcome: 'SOLD', finalPrice: 2_000 } });
    const [ended, ...more] = await notificationsOf(h, SELLER);
    expect(more).toEqual([]);
    expect(ended).toMatchObject({
      type: 'auction_ended', title: 'Your auction sold', message: '"Lamp" sold at 20.00 USD.',
      data: { outcome: 'SOLD', finalPrice: 2_000, bidCount: 3, via: 'time' },
    });
  });

  it('a reserve not met: the bidders lost, nobody won, the seller is told why', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ reservePrice: 50_000, title: 'Piano' });
    await h.bid(id, ALICE, 1_000);
    await close(h, id);
    expect(await typesOf(h, ALICE)).toEqual(['auction_lost']);
    expect((await notificationsOf(h, ALICE))[0]).toMatchObject({
      message: '"Piano" ended without a sale: the reserve price was not met.', data: { outcome: 'RESERVE_NOT_MET', finalPrice: null },
    });
    expect((await notificationsOf(h, SELLER))[0]).toMatchObject({ type: 'auction_ended', title: 'Your auction ended without a sale', data: { outcome: 'RESERVE_NOT_MET' } });
  });

  it('no bids: only the seller is notified', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ title: 'Chair' });
    await close(h, id);
    expect(await notificationsOf(h, SELLER)).toEqual([expect.objectContaining({ type: 'auction_ended', message: '"Chair" ended: there were no bids.' })]);
    expect(h.db.state.notifications).toHaveLength(1);
  });

  it('buy now: the buyer won, the earlier bidders lost, the seller sold (via buy now)', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ title: 'Bike', reservePrice: 20_000, buyNowPrice: 30_000 });
    await h.bid(id, ALICE, 1_000);
    expectOk(await h.gavel.buyNow.execute({ auctionId: id, buyerId: BOB }));
    expect(await typesOf(h, BOB)).toEqual(['auction_won']);
    expect(await typesOf(h, ALICE)).toEqual(['auction_lost']);
    expect((await notificationsOf(h, SELLER))[0]).toMatchObject({ message: '"Bike" sold at 300.00 USD (buy now).', data: { via: 'buy_now', finalPrice: 30_000 } });
  });
});

describe('reading and marking notifications', () => {
  const setUp = async () => {
    const h = await marketplaceHarness();
    const ids: AuctionId[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await h.auction();
      ids.push(id);
      await h.bid(id, ALICE, 1_000);
      h.clock.advance(1_000);
      await h.bid(id, BOB, 2_000);
    }
    return { h, ids };
  };

  it('lists newest first in pages, the unread ones apart, and counts the unread', async () => {
    const { h, ids } = await setUp();
    const all = expectOk(await h.market.listNotifications.execute({ actor: actor(ALICE), unreadOnly: false, page: { page: 1, limit: 2 } }));
    expect(all.pagination).toEqual({ page: 1, limit: 2, total: 3, pages: 2 });
    expect(all.items.map((n) => n.auctionId)).toEqual([ids[2], ids[1]]);
    expect(expectOk(await h.market.unreadCount.execute({ actor: actor(ALICE) }))).toEqual({ count: 3 });
    expect(expectOk(await h.market.unreadCount.execute({ actor: actor(CAROL) }))).toEqual({ count: 0 });
    expect(codeOf(await h.market.listNotifications.execute({ actor: actor(ALICE), unreadOnly: false, page: { page: 0, limit: 2 } }))).toBe('VALIDATION_ERROR');
  });

  it('marks chosen ids, then all; others\' ids change nothing; answers what is left unread', async () => {
    const { h } = await setUp();
    const mine = await notificationsOf(h, ALICE);
    const bobs = await h.db.uow.run((tx) => tx.notifications.list(BOB, { unreadOnly: false, slice: { offset: 0, limit: 5 } }));
    h.clock.advance(10_000);
    const first = expectOk(await h.market.markNotificationsRead.execute({ actor: actor(ALICE), ids: [mine[0]!.id, ...bobs.items.map((n) => n.id)] }));
    expect(first).toEqual({ marked: 1, unreadCount: 2 });
    const unread = expectOk(await h.market.listNotifications.execute({ actor: actor(ALICE), unreadOnly: true, page: PAGE }));
    expect(unread.items.map((n) => n.id)).toEqual([mine[1]!.id, mine[2]!.id]);
    expect((await notificationsOf(h, ALICE))[0]!.readAt).toBe(toIso(h.clock.now()));
    expect(expectOk(await h.market.markNotificationsRead.execute({ actor: actor(ALICE) }))).toEqual({ marked: 2, unreadCount: 0 });
    expect(expectOk(await h.market.markNotificationsRead.execute({ actor: actor(ALICE), ids: [] }))).toEqual({ marked: 0, unreadCount: 0 });
    expect(codeOf(await h.market.markNotificationsRead.execute({ actor: actor(ALICE), ids: ['not-a-uuid'] }))).toBe('VALIDATION_ERROR');
  });

  it('resumes one user after a cursor, and feeds everyone from the end onwards', async () => {
    const { h, ids } = await setUp();
    const start = expectOk(await h.market.notificationFeed.execute({ after: null, limit: 10 }));
    expect(start.items).toEqual([]);
    const all = expectOk(await h.market.notificationsAfter.execute({ actor: actor(ALICE), after: 0, limit: 10 }));
    expect(all.map((s) => s.view.auctionId)).toEqual(ids);
    expect(start.end).toBe(all[2]!.cursor);
    const later = expectOk(await h.market.notificationsAfter.execute({ actor: actor(ALICE), after: all[0]!.cursor, limit: 10 }));
    expect(later.map((s) => s.cursor)).toEqual([all[1]!.cursor, all[2]!.cursor]);
    h.clock.advance(1_000);
    await h.bid(ids[0]!, ALICE, 3_000);
    const fed = expectOk(await h.market.notificationFeed.execute({ after: start.end, limit: 10 }));
    expect(fed.items.map((s) => [s.userId, s.view.type])).toEqual([[BOB, 'outbid']]);
    expect(fed.end).toBe(fed.items[0]!.cursor);
    expect(codeOf(await h.market.notificationsAfter.execute({ actor: actor(ALICE), after: -1, limit: 10 }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await h.market.notificationFeed.execute({ after: 0, limit: 0 }))).toBe('VALIDATION_ERROR');
  });
});
