/**
 * Reverse auctions (SPEC "Domain rules", seed 002): the lowest offer leads, each offer undercuts
 * the current lowest by the decrement, `budgetMax` caps the first. Property 13.
 */
import fc from 'fast-check';
import { Auction, UserId } from '@gavel/core';
import { HOUR, reverseTerms, T0 } from '../builders/terms.builder';
import {
  AUCTION_ID,
  bidIds,
  check,
  closeTwice,
  expectedOutcome,
  fcParams,
  modelIncrement,
  outcomeOf,
  PROPERTY_TIMEOUT,
  runScenario,
  scenarioArb,
  SELLER_ID,
} from './rules-support';

describe('reverse auctions', () => {
  it('13. the price strictly falls with each accepted offer, each ≤ previous − decrement, the first ≤ budgetMax', () => {
    fc.assert(
      fc.property(scenarioArb({ type: 'reverse' }), (sc) => {
        const run = runScenario(sc);
        const ceiling = sc.terms.budgetMax ?? sc.terms.startingPrice;
        for (const step of run.steps) {
          const expected = expectedOutcome(sc.terms, step.before, step.cmd, step.at);
          const actual = outcomeOf(step.result);
          check(actual === expected, run, `step ${step.index}: ${actual}, expected ${expected}`);
          if (!step.result.ok) {
            check(step.after.currentPrice === step.before.currentPrice && step.rows.length === 0, run, `step ${step.index}: a refusal changed the price`);
            continue;
          }
          const amount = step.cmd.amount;
          const prev = step.before.currentPrice;
          check(step.cmd.maxAmount === null, run, `step ${step.index}: a proxy offer was accepted`);
          check(step.rows.length === 1 && step.rows[0]!.kind === 'bid' && step.rows[0]!.amount === amount, run, `step ${step.index}: rows`);
          check(step.after.currentPrice === amount && step.after.leaderId === step.cmd.bidderId, run, `step ${step.index}: the offer does not lead`);
          if (prev === null) {
            check(amount <= ceiling, run, `step ${step.index}: first offer ${amount} above the budget ${ceiling}`);
          } else {
            const decrement = modelIncrement(sc.terms.increment, prev);
            check(amount < prev, run, `step ${step.index}: price did not fall (${prev} → ${amount})`);
            check(amount <= prev - decrement, run, `step ${step.index}: ${amount} does not undercut ${prev} by ${decrement}`);
          }
        }
        run.rows.forEach((r, i) => i > 0 && check(r.amount < run.rows[i - 1]!.amount, run, `row ${i}: offers do not fall`));
        // Close: the lowest offer wins; the creator pays the winner.
        const at = Math.max(run.lastAt, run.auction.state.endTime);
        const lowest = run.auction.state.currentPrice;
        const { firstState } = closeTwice(run, at, at + HOUR);
        if (lowest === null) {
          check(firstState.outcome === 'NO_BIDS', run, 'outcome without offers');
        } else {
          check(firstState.outcome === 'SOLD' && firstState.settlement!.finalPrice === lowest, run, 'the lowest offer does not win');
          check(firstState.settlement!.buyerId === SELLER_ID && firstState.settlement!.payeeId === firstState.winnerId, run, 'reverse settlement parties');
        }
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('reverse: worked example', () => {
    const A = UserId('a0000000-0000-4000-8000-00000000000a');
    const B = UserId('b0000000-0000-4000-8000-00000000000b');
    const ids = bidIds();
    const r = Auction.create(AUCTION_ID, SELLER_ID, reverseTerms({ budgetMax: 150_000 }), T0 - 1_000);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const a = r.value;
    a.publish(T0);
    expect(a.placeBid({ bidderId: A, amount: 150_001, maxAmount: null }, T0, ids)).toMatchObject({ ok: false, error: { code: 'BID_TOO_HIGH' } });
    expect(a.placeBid({ bidderId: A, amount: 150_000, maxAmount: null }, T0, ids).ok).toBe(true);
    expect(a.placeBid({ bidderId: B, amount: 149_001, maxAmount: null }, T0, ids)).toMatchObject({ ok: false, error: { code: 'BID_TOO_HIGH' } });
    expect(a.placeBid({ bidderId: B, amount: 149_000, maxAmount: 149_000 }, T0, ids)).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    expect(a.placeBid({ bidderId: B, amount: 149_000, maxAmount: null }, T0, ids).ok).toBe(true);
    expect(a.placeBid({ bidderId: B, amount: 100_000, maxAmount: null }, T0, ids)).toMatchObject({ ok: false, error: { code: 'ALREADY_HIGHEST_BIDDER' } });
    expect(a.state).toMatchObject({ currentPrice: 149_000, leaderId: B, bidCount: 2 });
  });
});
