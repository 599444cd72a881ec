import { ANONYMOUS, type AuctionTerms, type Result, termsProblems, type UserId, type Viewer, viewBid } from '@gavel/core';
import { ADMIN, ALICE, BOB, CAROL, SELLER, actor, expectOk, harness } from '../../tests/builders/harness.builder';
import { forwardTerms, HOUR, reverseTerms, T0 } from '../../tests/builders/terms.builder';

// Seed 002 ("Bid Bazaar"): a service request where the lowest offer wins. reverseTerms: budget
// 2,000.00 (200 000 cents), decrement fixed at 10.00 (1 000 cents), SELLER is the creator.
const setup = async (overrides: Partial<AuctionTerms> = {}) => {
  const h = await harness();
  const v = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: { ...reverseTerms(overrides), commissionBps: undefined }, publish: true }));
  return { ...h, id: v.id };
};
type H = Awaited<ReturnType<typeof setup>>;

const offer = (h: H, bidderId: UserId, amount: number, extra: { maxAmount?: number; details?: { description?: string; estimatedDuration?: string } } = {}) =>
  h.gavel.placeBid.execute({ auctionId: h.id, bidderId, amount, ...extra });
const codeOf = (r: Result<unknown>): string => (r.ok ? 'OK' : r.error.code);
const user = (userId: UserId): Viewer => ({ userId, role: 'user' });
const admin: Viewer = { userId: ADMIN, role: 'admin' };

describe('lowest offer wins', () => {
  it('each lower offer takes the lead; the lowest wins at close', async () => {
    const h = await setup();
    expect(expectOk(await offer(h, ALICE, 180_000)).leading).toBe(true);
    expect(expectOk(await offer(h, BOB, 150_000)).leading).toBe(true);
    const s = h.db.state.auctions.get(h.id)!;
    expect([s.currentPrice, s.leaderId, s.bidCount]).toEqual([150_000, BOB, 2]);
    h.clock.set(T0 + HOUR);
    const closed = expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    expect(closed.state).toMatchObject({ outcome: 'SOLD', winnerId: BOB, currentPrice: 150_000 });
  });

  it('every offer is a plain row: no automatic bids in a reverse auction', async () => {
    const h = await setup();
    expectOk(await offer(h, ALICE, 180_000));
    const out = expectOk(await offer(h, BOB, 150_000));
    expect(out.autoBids).toEqual([]);
    expect(h.db.state.bids.get(h.id)!.map((b) => [b.kind, b.amount])).toEqual([['bid', 180_000], ['bid', 150_000]]);
  });
});

describe('the ceiling of an offer', () => {
  it('the first offer may not exceed budgetMax → BID_TOO_HIGH; exactly the budget is accepted', async () => {
    const h = await setup();
    expect(await offer(h, ALICE, 200_001)).toEqual({
      ok: false,
      error: { code: 'BID_TOO_HIGH', message: 'Offer is too high: the most you can offer is 200000', details: { bid_amount: 'must be at most 200000' } },
    });
    expect(codeOf(await offer(h, ALICE, 200_000))).toBe('OK');
  });

  it('budgetMax caps the first offer even below the starting price', async () => {
    const h = await setup({ budgetMax: 150_000 });
    expect(codeOf(await offer(h, ALICE, 150_001))).toBe('BID_TOO_HIGH');
    expect(codeOf(await offer(h, ALICE, 150_000))).toBe('OK');
  });

  it('without a budget the starting price is the ceiling', async () => {
    const h = await setup({ budgetMax: null, startingPrice: 90_000 });
    expect(codeOf(await offer(h, ALICE, 90_001))).toBe('BID_TOO_HIGH');
    expect(codeOf(await offer(h, ALICE, 90_000))).toBe('OK');
  });

  it('each offer must undercut the current lowest by the decrement (fixed 10.00)', async () => {
    const h = await setup();
    expectOk(await offer(h, ALICE, 150_000));
    expect(await offer(h, BOB, 149_001)).toMatchObject({ ok: false, error: { code: 'BID_TOO_HIGH', details: { bid_amount: 'must be at most 149000' } } });
    expect(codeOf(await offer(h, BOB, 150_000))).toBe('BID_TOO_HIGH'); // a tie does not undercut
    expect(codeOf(await offer(h, BOB, 149_000))).toBe('OK');
  });

  it('with the default table, the decrement is the band of the current lowest: 1,500.00 → 25.00', async () => {
    const h = await setup({ increment: 'table' });
    expectOk(await offer(h, ALICE, 150_000));
    const v = expectOk(await h.gavel.getAuction.execute({ auctionId: h.id, viewer: user(BOB) }));
    expect(v.minNextBid).toBe(147_500); // for a reverse auction: the most the next offer may be
    expect(codeOf(await offer(h, BOB, 147_501))).toBe('BID_TOO_HIGH');
    expect(codeOf(await offer(h, BOB, 147_500))).toBe('OK');
  });
});

describe('refusals', () => {
  it('no proxy: an offer with max_amount → VALIDATION_ERROR on max_amount', async () => {
    const h = await setup();
    expect(await offer(h, ALICE, 150_000, { maxAmount: 150_000 })).toEqual({
      ok: false,
      error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: { max_amount: 'not allowed on a reverse auction' } },
    });
    expect(h.db.state.auctions.get(h.id)!.bidCount).toBe(0);
  });

  it('the current lowest offering again → ALREADY_HIGHEST_BIDDER', async () => {
    const h = await setup();
    expectOk(await offer(h, ALICE, 150_000));
    expect(codeOf(await offer(h, ALICE, 140_000))).toBe('ALREADY_HIGHEST_BIDDER');
  });

  it('the creator cannot offer on its own request → CANNOT_BID_OWN_AUCTION', async () => {
    const h = await setup();
    expect(codeOf(await offer(h, SELLER, 150_000))).toBe('CANNOT_BID_OWN_AUCTION');
  });

  it('has no reserve and no buy now', async () => {
    expect(termsProblems(reverseTerms({ reservePrice: 100_000, buyNowPrice: 300_000 }), T0)).toEqual({
      reservePrice: 'reverse auctions have no reserve',
      buyNowPrice: 'reverse auctions have no buy now',
    });
    const h = await setup();
    expect(codeOf(await h.gavel.buyNow.execute({ auctionId: h.id, buyerId: ALICE }))).toBe('BUY_NOW_UNAVAILABLE');
  });
});

// Seed 002: bid privacy for non-creators. Only the creator (and admins) see who offered what and
// the offers' texts; each provider sees its own.
describe('privacy of offers', () => {
  const details = { description: 'New shingles, two days', estimatedDuration: '2 days' };

  const withOffers = async () => {
    const h = await setup();
    expectOk(await offer(h, ALICE, 180_000, { details }));
    expectOk(await offer(h, BOB, 150_000, { details: { description: 'Patch repair' } }));
    return h;
  };

  it('bid history: identities and texts for the creator, admins and the bidder only', async () => {
    const h = await withOffers();
    const history = async (viewer: Viewer) =>
      expectOk(await h.gavel.getBidHistory.execute({ auctionId: h.id, viewer })).map((b) => [b.amount, b.bidderId, b.details?.description ?? null]);
    const full = [[150_000, BOB, 'Patch repair'], [180_000, ALICE, 'New shingles, two days']];
    expect(await history(user(SELLER))).toEqual(full);
    expect(await history(admin)).toEqual(full);
    expect(await history(user(ALICE))).toEqual([[150_000, null, null], [180_000, ALICE, 'New shingles, two days']]);
    expect(await history(user(CAROL))).toEqual([[150_000, null, null], [180_000, null, null]]);
    expect(await history(ANONYMOUS)).toEqual([[150_000, null, null], [180_000, null, null]]);
  });

  it('viewBid: amounts are public, the rest is not', async () => {
    const h = await withOffers();
    const auction = h.db.state.auctions.get(h.id)!;
    const aliceRow = h.db.state.bids.get(h.id)![0]!;
    expect(viewBid(auction, aliceRow, user(CAROL))).toMatchObject({ amount: 180_000, bidderId: null, details: null, isMine: false, maxAmount: null });
    expect(viewBid(auction, aliceRow, user(ALICE))).toMatchObject({ bidderId: ALICE, details, isMine: true });
    expect(viewBid(auction, aliceRow, user(SELLER))).toMatchObject({ bidderId: ALICE, details, isMine: false });
    expect(viewBid(auction, aliceRow, admin)).toMatchObject({ bidderId: ALICE, details });
  });

  it('viewAuction: the leading and winning provider are hidden from other providers', async () => {
    const h = await withOffers();
    const see = async (viewer: Viewer) => expectOk(await h.gavel.getAuction.execute({ auctionId: h.id, viewer }));
    expect((await see(user(SELLER))).leaderId).toBe(BOB);
    expect((await see(admin)).leaderId).toBe(BOB);
    expect(await see(user(BOB))).toMatchObject({ leaderId: BOB, isLeading: true });
    expect(await see(user(ALICE))).toMatchObject({ leaderId: null, isLeading: false, currentPrice: 150_000 });
    expect((await see(ANONYMOUS)).leaderId).toBeNull();
    h.clock.set(T0 + HOUR);
    expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    expect((await see(user(SELLER))).winnerId).toBe(BOB);
    expect((await see(user(BOB))).winnerId).toBe(BOB);
    expect((await see(user(CAROL))).winnerId).toBeNull();
  });

  it('a forward auction shows bidders to the seller only (not other users) and never shows texts', async () => {
    const h = await harness();
    const { id } = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: { ...forwardTerms(), commissionBps: undefined }, publish: true }));
    expectOk(await h.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000, details: { description: 'x' } }));
    const [row] = expectOk(await h.gavel.getBidHistory.execute({ auctionId: id, viewer: user(CAROL) }));
    expect(row).toMatchObject({ bidderId: null, details: null });
    const [sellers] = expectOk(await h.gavel.getBidHistory.execute({ auctionId: id, viewer: user(SELLER) }));
    expect(sellers).toMatchObject({ bidderId: ALICE, details: null });
  });
});
