import {
  Auction,
  AuctionId,
  type CurrencyCode,
  defaultIncrementTable,
  type IncrementRule,
  incrementAt,
  incrementRuleProblem,
  nextBidLimit,
  termsProblems,
} from '@gavel/core';
import { SELLER } from '../../tests/builders/harness.builder';
import { forwardTerms, T0 } from '../../tests/builders/terms.builder';

const usd = defaultIncrementTable('USD' as CurrencyCode);

// seeds/README.md, "Default bid increment table": eBay's public table in major units, here in
// USD cents. Each band is checked at both of its edges.
describe('default increment table (eBay), USD cents', () => {
  it.each([
    // [current price, increment]  band (major units)
    [1, 5], //                      0.01 – 0.99  → 0.05
    [99, 5],
    [100, 25], //                   1.00 – 4.99  → 0.25
    [499, 25],
    [500, 50], //                   5.00 – 24.99 → 0.50
    [2_499, 50],
    [2_500, 100], //               25.00 – 99.99 → 1.00
    [9_999, 100],
    [10_000, 250], //             100.00 – 249.99 → 2.50
    [24_999, 250],
    [25_000, 500], //             250.00 – 499.99 → 5.00
    [49_999, 500],
    [50_000, 1_000], //           500.00 – 999.99 → 10.00
    [99_999, 1_000],
    [100_000, 2_500], //        1,000.00 – 2,499.99 → 25.00
    [249_999, 2_500],
    [250_000, 5_000], //        2,500.00 – 4,999.99 → 50.00
    [499_999, 5_000],
    [500_000, 10_000], //       5,000.00 and up → 100.00
    [100_000_000, 10_000],
  ])('at %i cents the increment is %i cents', (price, increment) => {
    expect(incrementAt(usd, price)).toBe(increment);
  });

  it('has the ten bands of the table', () => {
    expect(usd).toEqual({
      kind: 'table',
      tiers: [
        { from: 0, increment: 5 },
        { from: 100, increment: 25 },
        { from: 500, increment: 50 },
        { from: 2_500, increment: 100 },
        { from: 10_000, increment: 250 },
        { from: 25_000, increment: 500 },
        { from: 50_000, increment: 1_000 },
        { from: 100_000, increment: 2_500 },
        { from: 250_000, increment: 5_000 },
        { from: 500_000, increment: 10_000 },
      ],
    });
  });

  it('is the same table for every two-decimal currency', () => {
    expect(defaultIncrementTable('EUR' as CurrencyCode)).toEqual(usd);
    expect(defaultIncrementTable('GBP' as CurrencyCode)).toEqual(usd);
  });
});

// SPEC "Money, ids, time": amounts are in the currency's minor unit, so the table's major-unit
// bands scale with the ISO 4217 exponent; no step may be below one minor unit.
describe('default increment table in other currencies', () => {
  it('JPY (0 decimals): the bands start at whole yen, steps below one yen become 1 yen', () => {
    const jpy = defaultIncrementTable('JPY' as CurrencyCode);
    expect(jpy).toEqual({
      kind: 'table',
      tiers: [
        { from: 0, increment: 1 }, //  0.05 → 1 yen (never below one minor unit)
        { from: 1, increment: 1 }, //  0.25 → 1 yen
        { from: 5, increment: 1 }, //  0.50 → 1 yen (0.5 rounds half away from zero)
        { from: 25, increment: 1 },
        { from: 100, increment: 3 }, // 2.50 → 3 yen (half away from zero)
        { from: 250, increment: 5 },
        { from: 500, increment: 10 },
        { from: 1_000, increment: 25 },
        { from: 2_500, increment: 50 },
        { from: 5_000, increment: 100 },
      ],
    });
    expect(incrementAt(jpy, 99)).toBe(1); // 99 yen is in the 25.00 – 99.99 band: 1 yen
    expect(incrementAt(jpy, 1_000)).toBe(25);
    expect(incrementAt(jpy, 4_999)).toBe(50);
    expect(incrementAt(jpy, 5_000)).toBe(100);
  });

  it('BHD (3 decimals): every band and step ×10 (fils)', () => {
    const bhd = defaultIncrementTable('BHD' as CurrencyCode);
    expect(bhd).toEqual({
      kind: 'table',
      tiers: usd.kind === 'table' ? usd.tiers.map((t) => ({ from: t.from * 10, increment: t.increment * 10 })) : [],
    });
    expect(incrementAt(bhd, 999)).toBe(50); //      0.999 BHD → 0.050
    expect(incrementAt(bhd, 1_000)).toBe(250); //   1.000 BHD → 0.250
    expect(incrementAt(bhd, 5_000_000)).toBe(100_000); // 5,000.000 BHD → 100.000
  });
});

describe('fixed increments', () => {
  // SPEC "Domain rules": per auction, either a fixed increment or a tiered table.
  it('applies the same step at every price', () => {
    const fixed: IncrementRule = { kind: 'fixed', amount: 75 };
    expect(incrementAt(fixed, 0)).toBe(75);
    expect(incrementAt(fixed, 99)).toBe(75);
    expect(incrementAt(fixed, 1_000_000)).toBe(75);
  });

  it('drives the minimum next bid: current price + step, or the starting price before any bid', () => {
    const pricing = {
      type: 'forward' as const,
      startingPrice: 1_000,
      reservePrice: null,
      budgetMax: null,
      increment: { kind: 'fixed', amount: 75 } as IncrementRule,
      currentPrice: null,
      leaderId: null,
      leaderMax: null,
    };
    expect(nextBidLimit(pricing)).toBe(1_000);
    expect(nextBidLimit({ ...pricing, currentPrice: 1_000 })).toBe(1_075);
    expect(nextBidLimit({ ...pricing, currentPrice: 1_000, increment: usd })).toBe(1_050); // 10.00 → +0.50
    expect(nextBidLimit({ ...pricing, currentPrice: 9_999, increment: usd })).toBe(10_099); // 99.99 → +1.00
  });

  it('is what an auction created with `increment: "table"` resolves to in its currency', () => {
    const created = Auction.create(AuctionId('00000000-0000-4000-8000-0000000000a1'), SELLER, forwardTerms({ currency: 'JPY' }), T0);
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.state.increment).toEqual(defaultIncrementTable('JPY' as CurrencyCode));
  });
});

describe('custom rule validation (incrementRuleProblem)', () => {
  it('accepts a positive fixed amount and a well-formed table', () => {
    expect(incrementRuleProblem({ kind: 'fixed', amount: 1 })).toBeNull();
    expect(incrementRuleProblem({ kind: 'table', tiers: [{ from: 0, increment: 10 }] })).toBeNull();
    expect(incrementRuleProblem({ kind: 'table', tiers: [{ from: 0, increment: 10 }, { from: 1_000, increment: 100 }] })).toBeNull();
    expect(incrementRuleProblem(usd)).toBeNull();
  });

  it('refuses a fixed amount that is zero, negative or not an integer', () => {
    expect(incrementRuleProblem({ kind: 'fixed', amount: 0 })).toBe('must be a positive integer');
    expect(incrementRuleProblem({ kind: 'fixed', amount: -5 })).toBe('must be a positive integer');
    expect(incrementRuleProblem({ kind: 'fixed', amount: 2.5 })).toBe('must be a positive integer');
  });

  it('refuses an empty table', () => {
    expect(incrementRuleProblem({ kind: 'table', tiers: [] })).toBe('table needs at least one tier');
  });

  it('refuses a table whose first tier does not start at 0', () => {
    expect(incrementRuleProblem({ kind: 'table', tiers: [{ from: 100, increment: 10 }] })).toBe('the first tier must start at 0');
  });

  it('refuses non-positive or fractional tier increments', () => {
    expect(incrementRuleProblem({ kind: 'table', tiers: [{ from: 0, increment: 0 }] })).toBe('tier increments must be positive integers');
    expect(incrementRuleProblem({ kind: 'table', tiers: [{ from: 0, increment: 5 }, { from: 100, increment: 0.5 }] })).toBe(
      'tier increments must be positive integers',
    );
  });

  it('refuses tiers out of ascending order, including a repeated `from`', () => {
    const descending = { kind: 'table' as const, tiers: [{ from: 0, increment: 5 }, { from: 500, increment: 50 }, { from: 100, increment: 25 }] };
    const repeated = { kind: 'table' as const, tiers: [{ from: 0, increment: 5 }, { from: 0, increment: 25 }] };
    expect(incrementRuleProblem(descending)).toBe('tiers must be in ascending order of `from`');
    expect(incrementRuleProblem(repeated)).toBe('tiers must be in ascending order of `from`');
  });

  it('surfaces as a per-field reason of the auction terms', () => {
    expect(termsProblems(forwardTerms({ increment: { kind: 'fixed', amount: 0 } }), T0)).toEqual({ increment: 'must be a positive integer' });
    expect(termsProblems(forwardTerms({ increment: { kind: 'table', tiers: [] } }), T0)).toEqual({ increment: 'table needs at least one tier' });
    expect(termsProblems(forwardTerms({ increment: 'table' }), T0)).toEqual({});
  });

  it('applies a custom table band by band', () => {
    const custom: IncrementRule = { kind: 'table', tiers: [{ from: 0, increment: 10 }, { from: 1_000, increment: 100 }] };
    expect(incrementAt(custom, 999)).toBe(10);
    expect(incrementAt(custom, 1_000)).toBe(100);
  });
});
