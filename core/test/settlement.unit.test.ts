import { type AuctionSettled, type AuctionTerms, computeSettlement, DEFAULT_AUCTION_POLICY, type GavelOptions, UserId } from '@gavel/core';
import { ADMIN, ALICE, BOB, SELLER, actor, expectOk, harness } from '../../tests/builders/harness.builder';
import { forwardTerms, HOUR, reverseTerms, T0 } from '../../tests/builders/terms.builder';

const END = T0 + HOUR;

/** Creates and publishes as the seller (or an admin), bids, closes at the end; returns the settlement. */
const sell = async (opts: {
  terms?: Partial<AuctionTerms>;
  reverse?: boolean;
  by?: 'seller' | 'admin';
  defaults?: GavelOptions['defaults'];
  bids: readonly [UserId, number, number?][];
  adminCommissionBps?: number;
}) => {
  const h = await harness(opts.defaults ? { defaults: opts.defaults } : {});
  const build = opts.reverse ? reverseTerms : forwardTerms;
  const byAdmin = opts.by === 'admin';
  // Only an admin may set the commission; a seller's body leaves it out.
  const terms = { ...build(opts.terms ?? {}), commissionBps: byAdmin ? opts.terms?.commissionBps : undefined };
  const creator = byAdmin ? actor(ADMIN, 'admin') : actor(SELLER);
  const { id } = expectOk(await h.gavel.createAuction.execute({ actor: creator, terms, publish: true }));
  if (opts.adminCommissionBps !== undefined) {
    expectOk(await h.gavel.editAuction.execute({ auctionId: id, actor: actor(ADMIN, 'admin'), patch: { commissionBps: opts.adminCommissionBps } }));
  }
  for (const [bidder, amount, max] of opts.bids) {
    expectOk(await h.gavel.placeBid.execute({ auctionId: id, bidderId: bidder, amount, maxAmount: max ?? null }));
  }
  h.clock.set(END);
  const closed = expectOk(await h.gavel.closeAuction.execute({ auctionId: id }));
  return { h, id, state: closed.state, settlement: closed.state.settlement };
};

// SPEC "Domain rules": seller commission (default 500 bps, per-auction override), buyer premium
// (default 0), seller payout = final − commission, buyer total = final + premium + shipping.
// Seed 001 names the commission rate, the commission amount and the seller payout.
describe('computeSettlement (worked numbers)', () => {
  const base = { buyerId: ALICE, payeeId: SELLER, commissionBps: 500, buyerPremiumBps: 0, shippingCost: 0, settledAt: END };

  it('101.00 at 5 %: commission 5.05, payout 95.95, buyer pays 101.00', () => {
    expect(computeSettlement({ ...base, finalPrice: 10_100 })).toEqual({
      ...base,
      finalPrice: 10_100,
      commission: 505,
      buyerPremium: 0,
      sellerPayout: 9_595,
      buyerTotal: 10_100,
    });
  });

  it('10.10 at 5 % = 0.505 → commission 0.51 (half away from zero), payout 9.59', () => {
    const s = computeSettlement({ ...base, finalPrice: 1_010 });
    expect([s.commission, s.sellerPayout]).toEqual([51, 959]);
  });

  it('10.09 at 5 % = 0.5045 → commission 0.50, payout 9.59', () => {
    const s = computeSettlement({ ...base, finalPrice: 1_009 });
    expect([s.commission, s.sellerPayout]).toEqual([50, 959]);
  });

  it('101.00 with a 10 % premium and 15.00 shipping: buyer pays 101.00 + 10.10 + 15.00 = 126.10; payout unchanged', () => {
    const s = computeSettlement({ ...base, finalPrice: 10_100, buyerPremiumBps: 1_000, shippingCost: 1_500 });
    expect(s).toMatchObject({ commission: 505, buyerPremium: 1_010, sellerPayout: 9_595, buyerTotal: 12_610, shippingCost: 1_500 });
  });

  it('rounds the premium on its own: 10.05 at 15 % = 1.5075 → 1.51', () => {
    const s = computeSettlement({ ...base, finalPrice: 1_005, buyerPremiumBps: 1_500 });
    expect([s.buyerPremium, s.buyerTotal]).toEqual([151, 1_156]);
  });

  it('0 % and 100 % commission are the edges: payout = final, and payout = 0', () => {
    expect(computeSettlement({ ...base, finalPrice: 7_777, commissionBps: 0 }).sellerPayout).toBe(7_777);
    expect(computeSettlement({ ...base, finalPrice: 7_777, commissionBps: 10_000 }).sellerPayout).toBe(0);
  });

  it('the platform default is 500 bps commission, 0 premium', () => {
    expect(DEFAULT_AUCTION_POLICY).toMatchObject({ commissionBps: 500, buyerPremiumBps: 0 });
  });
});

describe('settlement at close', () => {
  it('uses the default 500 bps when the seller sets nothing', async () => {
    // A max 20.00, B bids 15.00 → A wins at 15.50 (15.00 + 0.50)
    const { settlement, h, id } = await sell({ bids: [[ALICE, 1_000, 2_000], [BOB, 1_500]] });
    expect(settlement).toEqual({
      buyerId: ALICE,
      payeeId: SELLER,
      finalPrice: 1_550,
      commissionBps: 500,
      commission: 78, // 77.5 → 78
      buyerPremiumBps: 0,
      buyerPremium: 0,
      shippingCost: 0,
      sellerPayout: 1_472,
      buyerTotal: 1_550,
      settledAt: END,
    });
    const settled = (await h.db.events.readAuction(id, 0)).at(-1) as AuctionSettled;
    expect(settled.type).toBe('AuctionSettled');
    expect(settled.payload.settlement).toEqual(settlement);
  });

  it('follows a per-auction override set by an admin: 12.5 % of 15.50 = 1.9375 → 1.94', async () => {
    const { settlement } = await sell({ adminCommissionBps: 1_250, bids: [[ALICE, 1_000, 2_000], [BOB, 1_500]] });
    expect(settlement).toMatchObject({ finalPrice: 1_550, commissionBps: 1_250, commission: 194, sellerPayout: 1_356 });
  });

  it('follows a commission an admin set when creating the auction', async () => {
    const { settlement } = await sell({ by: 'admin', terms: { commissionBps: 800 }, bids: [[ALICE, 10_000]] });
    expect(settlement).toMatchObject({ payeeId: ADMIN, finalPrice: 10_000, commissionBps: 800, commission: 800, sellerPayout: 9_200 });
  });

  it('follows a platform default other than 500 bps', async () => {
    const { settlement } = await sell({ defaults: { commissionBps: 300 }, bids: [[ALICE, 10_000]] });
    expect(settlement).toMatchObject({ commissionBps: 300, commission: 300, sellerPayout: 9_700 });
  });

  it('adds the buyer premium and shipping to what the buyer pays', async () => {
    const { settlement } = await sell({ terms: { buyerPremiumBps: 1_000, shippingCost: 1_500 }, bids: [[ALICE, 10_100]] });
    expect(settlement).toMatchObject({ finalPrice: 10_100, commission: 505, buyerPremium: 1_010, shippingCost: 1_500, sellerPayout: 9_595, buyerTotal: 12_610 });
  });

  it('settles nothing when the reserve was not met or nobody bid', async () => {
    expect((await sell({ terms: { reservePrice: 5_000 }, bids: [[ALICE, 1_000]] })).settlement).toBeNull();
    expect((await sell({ bids: [] })).settlement).toBeNull();
  });

  // Seed 002: in a reverse auction the creator of the request buys and the winning provider is paid.
  it('reverse: the creator is the buyer and the lowest provider the payee', async () => {
    const { settlement, state } = await sell({ reverse: true, bids: [[ALICE, 150_000], [BOB, 120_000]] });
    expect(state).toMatchObject({ outcome: 'SOLD', winnerId: BOB });
    expect(settlement).toMatchObject({
      buyerId: SELLER,
      payeeId: BOB,
      finalPrice: 120_000,
      commissionBps: 500,
      commission: 6_000,
      sellerPayout: 114_000, // what the provider receives
      buyerTotal: 120_000,
    });
  });
});
