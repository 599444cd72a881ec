/**
 * Settlement arithmetic and closing (SPEC "Domain rules": Settlement, "Money, ids, time"):
 * properties 8 and 9.
 */
import fc from 'fast-check';
import { applyBps, computeSettlement, UserId } from '@gavel/core';
import { HOUR, T0 } from '../builders/terms.builder';
import { BIDDERS, bpsOracle, check, closeTwice, fcParams, PROPERTY_TIMEOUT, runScenario, scenarioArb, SELLER_ID } from './rules-support';

const BUYER = UserId('b0000000-0000-4000-8000-00000000000b');
const bpsArb = fc.oneof(fc.constantFrom(0, 1, 250, 500, 2_500, 5_000, 9_999, 10_000), fc.integer({ min: 0, max: 10_000 }));
/** Up to 2^50 minor units, so that final + premium + shipping stays a safe integer. */
const amountArb = fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 2 ** 50 }));

describe('settlement', () => {
  it('8. payout + commission = final, buyerTotal = final + premium + shipping, commission = round-half-away(final × bps / 10000) (BigInt oracle)', () => {
    fc.assert(
      fc.property(amountArb, bpsArb, bpsArb, amountArb, (finalPrice, commissionBps, buyerPremiumBps, shippingCost) => {
        const s = computeSettlement({ buyerId: BUYER, payeeId: SELLER_ID, finalPrice, commissionBps, buyerPremiumBps, shippingCost, settledAt: T0 });
        expect(s.commission).toBe(bpsOracle(finalPrice, commissionBps));
        expect(s.buyerPremium).toBe(bpsOracle(finalPrice, buyerPremiumBps));
        expect(s.sellerPayout + s.commission).toBe(finalPrice);
        expect(s.buyerTotal).toBe(finalPrice + s.buyerPremium + shippingCost);
        expect(s.commission).toBeGreaterThanOrEqual(0);
        expect(s.commission).toBeLessThanOrEqual(finalPrice);
        expect([s.commission, s.buyerPremium, s.sellerPayout, s.buyerTotal].every(Number.isSafeInteger)).toBe(true);
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('8b. applyBps rounds half away from zero over the whole safe range, negatives included', () => {
    const safe = fc.oneof(
      fc.integer({ min: -1_000_000, max: 1_000_000 }),
      fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
      // exact halves: (2k + 1) × 5000 ends in …5000
      fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).map((k) => 2 * k + 1),
    );
    fc.assert(
      fc.property(safe, fc.oneof(fc.constant(5_000), bpsArb), (amount, bps) => {
        // `+ 0` turns -0 into 0: applyBps(-1, 1) returns -0, which is the same amount.
        expect(applyBps(amount, bps) + 0).toBe(bpsOracle(amount, bps));
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('8c. a sold auction is settled at its price with its own rates, premium and shipping', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 0, max: HOUR }), (sc, after) => {
        const run = runScenario(sc);
        const s0 = run.auction.state;
        const { first, firstState } = closeTwice(run, Math.max(run.lastAt, s0.endTime) + after, Math.max(run.lastAt, s0.endTime) + after);
        check(first.ok, run, 'close failed');
        if (firstState.outcome !== 'SOLD') {
          check(firstState.settlement === null, run, 'a settlement without a sale');
          return;
        }
        const st = firstState.settlement!;
        const final = firstState.currentPrice!;
        check(st.finalPrice === final && st.buyerId === firstState.leaderId && st.payeeId === SELLER_ID, run, 'settlement parties or price');
        check(st.commissionBps === sc.terms.commissionBps && st.buyerPremiumBps === sc.terms.buyerPremiumBps && st.shippingCost === sc.terms.shippingCost, run, 'settlement rates');
        check(st.commission === bpsOracle(final, sc.terms.commissionBps), run, `commission ${st.commission} ≠ oracle ${bpsOracle(final, sc.terms.commissionBps)}`);
        check(st.buyerPremium === bpsOracle(final, sc.terms.buyerPremiumBps), run, 'buyer premium');
        check(st.sellerPayout + st.commission === final, run, 'payout + commission ≠ final');
        check(st.buyerTotal === final + st.buyerPremium + sc.terms.shippingCost, run, 'buyer total');
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);
});

describe('closing', () => {
  it('9. close waits for the end, then decides the outcome once: a second close changes nothing and records nothing', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 0, max: HOUR }), fc.integer({ min: 0, max: HOUR }), (sc, after, again) => {
        const run = runScenario(sc);
        const before = { ...run.auction.state };
        // Too early: refused, and nothing changes.
        if (run.lastAt < before.endTime) {
          const early = run.auction.close(run.lastAt, []);
          const c = run.auction.flush();
          check(!early.ok && early.error.code === 'AUCTION_NOT_ENDED', run, `close before the end: ${JSON.stringify(early)}`);
          check(c.events.length === 0 && JSON.stringify(c.state) === JSON.stringify(before), run, 'an early close changed the state');
        }
        const at = Math.max(run.lastAt, before.endTime) + after;
        const closing = closeTwice(run, at, at + again);
        const { first, firstState, firstEvents, second, secondState, secondEvents } = closing;
        check(first.ok && first.value.changed, run, `first close: ${JSON.stringify(first)}`);
        const expectedOutcome =
          before.leaderId === null ? 'NO_BIDS' : sc.terms.reservePrice === null || before.currentPrice! >= sc.terms.reservePrice ? 'SOLD' : 'RESERVE_NOT_MET';
        check(firstState.status === 'ENDED' && firstState.outcome === expectedOutcome, run, `outcome ${firstState.outcome}, expected ${expectedOutcome}`);
        check(firstState.winnerId === (expectedOutcome === 'SOLD' ? before.leaderId : null), run, 'winner');
        check(firstState.endedAt === at, run, 'endedAt');
        const types = firstEvents.map((e) => e.type);
        check(JSON.stringify(types) === JSON.stringify(expectedOutcome === 'SOLD' ? ['AuctionEnded', 'AuctionSettled'] : ['AuctionEnded']), run, `close events ${types.join(',')}`);
        check(second.ok && !second.value.changed, run, `second close: ${JSON.stringify(second)}`);
        check(secondEvents.length === 0, run, `the second close recorded ${secondEvents.map((e) => e.type).join(',')}`);
        check(JSON.stringify(secondState) === JSON.stringify(firstState), run, 'the second close changed the state');
        const all = [...run.events, ...firstEvents, ...secondEvents];
        check(all.filter((e) => e.type === 'AuctionEnded').length === 1, run, 'AuctionEnded count');
        check(all.filter((e) => e.type === 'AuctionSettled').length <= 1, run, 'AuctionSettled count');
        // And it takes no more bids.
        const late = run.auction.placeBid({ bidderId: BIDDERS[0]!, amount: 10 ** 9, maxAmount: null }, at + again, () => {
          throw new Error('no row may be made after the close');
        });
        check(!late.ok && late.error.code === 'BID_AFTER_END', run, 'a bid after the close');
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);
});

describe('settlement: worked examples', () => {
  it('rounds half away from zero', () => {
    expect(applyBps(1_010, 500)).toBe(51); // 50.5 → 51
    expect(applyBps(1_009, 500)).toBe(50); // 50.45 → 50
    expect(applyBps(-1_010, 500)).toBe(-51);
    expect(applyBps(1, 5_000)).toBe(1); // 0.5 → 1
    expect(applyBps(Number.MAX_SAFE_INTEGER, 10_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('settles a sale of 99.99 at 5 % with a 2.5 % premium and shipping', () => {
    const s = computeSettlement({ buyerId: BUYER, payeeId: SELLER_ID, finalPrice: 9_999, commissionBps: 500, buyerPremiumBps: 250, shippingCost: 700, settledAt: T0 });
    expect(s).toMatchObject({ commission: 500, sellerPayout: 9_499, buyerPremium: 250, buyerTotal: 10_949 });
  });
});
