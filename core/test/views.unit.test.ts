import { ANONYMOUS, type AuctionEvent, type AuctionTerms, maskName, personalNotices, type Result, timeRemaining, toIso, type UserId, type Viewer, viewAuction, viewBid } from '@gavel/core';
import { ADMIN, ALICE, BOB, CAROL, SELLER, actor, expectOk, harness } from '../../tests/builders/harness.builder';
import { forwardTerms, HOUR, T0 } from '../../tests/builders/terms.builder';

const END = T0 + HOUR;
const user = (userId: UserId): Viewer => ({ userId, role: 'user' });
const admin: Viewer = { userId: ADMIN, role: 'admin' };

const setup = async (overrides: Partial<AuctionTerms> = {}, publish = true) => {
  const h = await harness();
  const v = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: { ...forwardTerms(overrides), commissionBps: undefined }, publish }));
  return { ...h, id: v.id };
};
type H = Awaited<ReturnType<typeof setup>>;

const place = (h: H, bidderId: UserId, amount: number, maxAmount: number | null = null) =>
  h.gavel.placeBid.execute({ auctionId: h.id, bidderId, amount, maxAmount });
const see = async (h: H, viewer: Viewer) => expectOk(await h.gavel.getAuction.execute({ auctionId: h.id, viewer }));
const codeOf = (r: Result<unknown>): string => (r.ok ? 'OK' : r.error.code);
const events = (h: H): Promise<AuctionEvent[]> => h.db.events.readAuction(h.id, 0);

// SPEC "Reserve": hidden from everyone but the seller (and admins); everyone sees reserveMet.
// Seed 001: `reserveMet` on the item, reserve price seller-only.
describe('reserve visibility', () => {
  it('the reserve price is shown to the seller and admins only; hasReserve and reserveMet to all', async () => {
    const h = await setup({ reservePrice: 3_000 });
    expect(await see(h, user(SELLER))).toMatchObject({ reservePrice: 3_000, hasReserve: true, reserveMet: false });
    expect(await see(h, admin)).toMatchObject({ reservePrice: 3_000, hasReserve: true, reserveMet: false });
    expect(await see(h, user(ALICE))).toMatchObject({ reservePrice: null, hasReserve: true, reserveMet: false });
    expect(await see(h, ANONYMOUS)).toMatchObject({ reservePrice: null, hasReserve: true, reserveMet: false });
    expectOk(await place(h, ALICE, 3_000));
    expect(await see(h, user(BOB))).toMatchObject({ reservePrice: null, hasReserve: true, reserveMet: true });
  });

  it('without a reserve: hasReserve false, reserveMet once anyone bids', async () => {
    const h = await setup();
    expect(await see(h, ANONYMOUS)).toMatchObject({ hasReserve: false, reserveMet: false, reservePrice: null });
    expectOk(await place(h, ALICE, 1_000));
    expect((await see(h, ANONYMOUS)).reserveMet).toBe(true);
  });
});

// The commission is the platform's fee agreement with the seller (seed 001): not for buyers.
describe('commission and settlement visibility', () => {
  it('commissionBps is shown to the seller and admins only', async () => {
    const h = await setup();
    expect((await see(h, user(SELLER))).commissionBps).toBe(500);
    expect((await see(h, admin)).commissionBps).toBe(500);
    expect((await see(h, user(ALICE))).commissionBps).toBeNull();
    expect((await see(h, ANONYMOUS)).commissionBps).toBeNull();
  });

  it('the settlement is shown to the seller, the buyer and admins only', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    expectOk(await place(h, BOB, 2_000));
    h.clock.set(END);
    expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    const stored = h.db.state.auctions.get(h.id)!.settlement!;
    expect(stored).toMatchObject({ buyerId: BOB, finalPrice: 2_000 });
    // Views carry the same figures with the time as ISO 8601, like every other time on the wire.
    const settlement = { ...stored, settledAt: toIso(stored.settledAt) };
    expect((await see(h, user(SELLER))).settlement).toEqual(settlement);
    expect((await see(h, user(BOB))).settlement).toEqual(settlement);
    expect((await see(h, admin)).settlement).toEqual(settlement);
    expect((await see(h, user(ALICE))).settlement).toBeNull(); // outbid, not a party
    expect((await see(h, user(CAROL))).settlement).toBeNull();
    expect((await see(h, ANONYMOUS)).settlement).toBeNull();
  });
});

// Seed 000: bid history masks bidder names for others.
describe('maskName', () => {
  it.each([
    ['Jane', 'J***e'],
    ['Alexander', 'A***r'],
    ['Bob', 'B***b'],
    ['Al', 'A***'],
    ['A', 'A***'],
    ['  Jane  ', 'J***e'],
    ['', '***'],
    ['   ', '***'],
    ['Åsa', 'Å***a'],
    ['李小龍', '李***龍'],
    ['😀ab😀', '😀***😀'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

// SPEC "Money, ids, time": the server clock is the authority; auction views carry endTime,
// serverTime and timeRemaining.
describe('time in views', () => {
  it('timeRemaining is whole seconds to the end, serverTime is the clock in ISO UTC', async () => {
    const h = await setup();
    h.clock.set(T0 + 90_500);
    const v = await see(h, ANONYMOUS);
    expect(v.serverTime).toBe('2026-01-01T12:01:30.500Z');
    expect(v.endTime).toBe('2026-01-01T13:00:00.000Z');
    expect(v.timeRemaining).toBe(3_509); // 3 509.5 s, floored
  });

  it('is 0 once the end has passed, even before the close, and 0 for ended and cancelled auctions', async () => {
    const h = await setup();
    h.clock.set(END + 5_000);
    expect((await see(h, ANONYMOUS)).timeRemaining).toBe(0);
    const s = h.db.state.auctions.get(h.id)!;
    expect(timeRemaining({ status: 'ENDED', endTime: END }, T0)).toBe(0);
    expect(timeRemaining({ status: 'CANCELLED', endTime: END }, T0)).toBe(0);
    expect(timeRemaining({ status: 'SCHEDULED', endTime: END }, END - 1_999)).toBe(1);
    expect(viewAuction(s, ANONYMOUS, END - 1_000).timeRemaining).toBe(1);
  });

  it('a soft-close extension shows in endTime and timeRemaining, the original end stays', async () => {
    const h = await setup();
    h.clock.set(END - 30_000);
    const out = expectOk(await place(h, ALICE, 1_000));
    expect(out.auction).toMatchObject({ endTime: toIso(END + 90_000), originalEndTime: toIso(END), timeRemaining: 120 });
  });
});

// Drafts are private to their seller and admins: others get "not found", not "forbidden", so a
// draft's existence does not leak.
describe('drafts', () => {
  it('are AUCTION_NOT_FOUND to others through GetAuction and GetBidHistory', async () => {
    const h = await setup({}, false);
    expect(codeOf(await h.gavel.getAuction.execute({ auctionId: h.id, viewer: user(ALICE) }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.getAuction.execute({ auctionId: h.id, viewer: ANONYMOUS }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.getBidHistory.execute({ auctionId: h.id, viewer: user(ALICE) }))).toBe('AUCTION_NOT_FOUND');
    expect((await see(h, user(SELLER))).status).toBe('DRAFT');
    expect((await see(h, admin)).status).toBe('DRAFT');
  });

  // A cancelled draft was never public: cancelling it must not publish its title and terms.
  it('stay private once cancelled without ever being published', async () => {
    const h = await setup({ title: 'Unannounced prototype' }, false);
    expectOk(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    expect((await see(h, user(SELLER))).status).toBe('CANCELLED');
    expect(codeOf(await h.gavel.getAuction.execute({ auctionId: h.id, viewer: user(ALICE) }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.getAuction.execute({ auctionId: h.id, viewer: ANONYMOUS }))).toBe('AUCTION_NOT_FOUND');
  });

  it('a published auction stays visible to all once cancelled', async () => {
    const h = await setup();
    expectOk(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    expect((await see(h, ANONYMOUS)).status).toBe('CANCELLED');
  });
});

describe('proxy privacy', () => {
  it('myMaxAmount is shown to the leader only', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, BOB, 1_200));
    expect(await see(h, user(ALICE))).toMatchObject({ isLeading: true, myMaxAmount: 1_500, leaderId: ALICE, currentPrice: 1_250 });
    expect(await see(h, user(BOB))).toMatchObject({ isLeading: false, myMaxAmount: null });
    expect((await see(h, user(SELLER))).myMaxAmount).toBeNull();
    expect((await see(h, admin)).myMaxAmount).toBeNull();
    expect((await see(h, ANONYMOUS)).myMaxAmount).toBeNull();
  });

  it('a bid row shows its maximum to its bidder only, and marks automatic bids', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, BOB, 1_200));
    const auction = h.db.state.auctions.get(h.id)!;
    const [first, , auto] = h.db.state.bids.get(h.id)!;
    expect(viewBid(auction, first!, user(ALICE))).toMatchObject({ maxAmount: 1_500, isMine: true, isAuto: false, kind: 'bid', bidderId: ALICE });
    expect(viewBid(auction, first!, user(BOB))).toMatchObject({ maxAmount: null, isMine: false, bidderId: null });
    expect(viewBid(auction, first!, user(SELLER))).toMatchObject({ maxAmount: null, bidderId: ALICE });
    expect(viewBid(auction, auto!, ANONYMOUS)).toMatchObject({ kind: 'auto', isAuto: true, amount: 1_250, ordinal: 3, placedAt: toIso(T0) });
  });
});

// Bidder identities are private on forward auctions too (docs/domain-rules.md): the bidder
// itself, the seller and admins see them; other users and visitors get null (histories show a
// masked name instead).
describe('bidder identities on forward auctions', () => {
  it('leaderId shows to the leader, the seller and admins only', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    expect((await see(h, user(ALICE))).leaderId).toBe(ALICE);
    expect((await see(h, user(SELLER))).leaderId).toBe(ALICE);
    expect((await see(h, admin)).leaderId).toBe(ALICE);
    expect(await see(h, user(BOB))).toMatchObject({ leaderId: null, isLeading: false, bidCount: 1, currentPrice: 1_000 });
    expect((await see(h, ANONYMOUS)).leaderId).toBeNull();
  });

  it('winnerId shows to the winner, the seller and admins only', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    expectOk(await place(h, BOB, 1_100));
    h.clock.set(END);
    expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    expect((await see(h, user(BOB))).winnerId).toBe(BOB);
    expect((await see(h, user(SELLER))).winnerId).toBe(BOB);
    expect((await see(h, admin)).winnerId).toBe(BOB);
    expect(await see(h, user(ALICE))).toMatchObject({ winnerId: null, outcome: 'SOLD' });
    expect((await see(h, ANONYMOUS)).winnerId).toBeNull();
  });

  it('a bid row names its bidder to that bidder, the seller and admins only', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    const auction = h.db.state.auctions.get(h.id)!;
    const [row] = h.db.state.bids.get(h.id)!;
    expect(viewBid(auction, row!, user(ALICE)).bidderId).toBe(ALICE);
    expect(viewBid(auction, row!, user(SELLER)).bidderId).toBe(ALICE);
    expect(viewBid(auction, row!, admin).bidderId).toBe(ALICE);
    expect(viewBid(auction, row!, user(BOB)).bidderId).toBeNull();
    expect(viewBid(auction, row!, ANONYMOUS).bidderId).toBeNull();
  });
});

// SPEC "Realtime": personal events (outbid, auction_won, auction_lost) derive from a stream
// event and carry that event's seq; they take no number of their own.
describe('personalNotices', () => {
  it('a first bid tells nobody anything', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expect(personalNotices((await events(h)).at(-1)!)).toEqual([]);
  });

  it('outbid: the previous leader, when a challenger takes the lead', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    h.clock.advance(1_000);
    expectOk(await place(h, BOB, 1_200));
    const event = (await events(h)).at(-1)!;
    expect(event.seq).toBe(4);
    expect(personalNotices(event)).toEqual([
      { kind: 'outbid', userId: ALICE, auctionId: h.id, seq: 4, occurredAt: T0 + 1_000, currentPrice: 1_200, minNextBid: 1_250 },
    ]);
  });

  it('outbid: a challenger beaten at once by the leader’s proxy', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, BOB, 1_200)); // Alice's proxy answers 12.50
    const event = (await events(h)).at(-1)!;
    expect(personalNotices(event)).toEqual([
      { kind: 'outbid', userId: BOB, auctionId: h.id, seq: event.seq, occurredAt: T0, currentPrice: 1_250, minNextBid: 1_300 },
    ]);
  });

  it('outbid: only the old leader, when a challenger’s proxy passes the old proxy', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, BOB, 1_300, 2_000));
    const notices = personalNotices((await events(h)).at(-1)!);
    expect(notices.map((n) => [n.kind, n.userId])).toEqual([['outbid', ALICE]]);
  });

  it('the leader raising its maximum tells nobody', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, ALICE, 1_000, 3_000));
    expect(personalNotices((await events(h)).at(-1)!)).toEqual([]);
  });

  it('won and lost from AuctionEnded, with its seq', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    expectOk(await place(h, BOB, 1_500));
    expectOk(await place(h, CAROL, 2_000));
    h.clock.set(END);
    expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    const all = await events(h);
    const ended = all.find((e) => e.type === 'AuctionEnded')!;
    expect(ended.seq).toBe(6);
    const base = { auctionId: h.id, seq: 6, occurredAt: END };
    expect(personalNotices(ended)).toEqual([
      { kind: 'won', userId: CAROL, ...base, finalPrice: 2_000 },
      { kind: 'lost', userId: ALICE, ...base, outcome: 'SOLD', finalPrice: 2_000 },
      { kind: 'lost', userId: BOB, ...base, outcome: 'SOLD', finalPrice: 2_000 },
    ]);
    // the settlement event that follows is for the room, not a personal notice
    expect(personalNotices(all.at(-1)!)).toEqual([]);
  });

  it('reserve not met: everyone lost, no final price', async () => {
    const h = await setup({ reservePrice: 5_000 });
    expectOk(await place(h, ALICE, 1_000));
    h.clock.set(END);
    expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    const ended = (await events(h)).find((e) => e.type === 'AuctionEnded')!;
    expect(personalNotices(ended)).toEqual([{ kind: 'lost', userId: ALICE, auctionId: h.id, seq: ended.seq, occurredAt: END, outcome: 'RESERVE_NOT_MET', finalPrice: null }]);
  });

  it('lifecycle events carry no personal notice', async () => {
    const h = await setup();
    expectOk(await h.gavel.editAuction.execute({ auctionId: h.id, actor: actor(SELLER), patch: { title: 'Leica M3' } }));
    const all = await events(h);
    expect(all.map((e) => e.type)).toEqual(['AuctionCreated', 'AuctionPublished', 'AuctionUpdated']);
    expect(all.flatMap(personalNotices)).toEqual([]);
  });
});
