import { applyBps, BPS_SCALE, isAmount, Money, MAX_AMOUNT } from '@gavel/core';
import fc from 'fast-check';

/** The exact rounding SPEC asks for, in BigInt: half away from zero, to the minor unit. */
const reference = (amount: number, bps: number): bigint => {
  const product = BigInt(amount) * BigInt(bps);
  const abs = product < 0n ? -product : product;
  const rounded = abs / 10_000n + ((abs % 10_000n) * 2n >= 10_000n ? 1n : 0n);
  return product < 0n ? -rounded : rounded;
};

// SPEC "Money, ids, time": rates are integer basis points (500 = 5 %); a rate applied to an
// amount rounds half away from zero, to the minor unit.
describe('applyBps', () => {
  it('uses a scale of 10 000 basis points', () => {
    expect(BPS_SCALE).toBe(10_000);
    expect(applyBps(10_000, 500)).toBe(500);
  });

  it('rounds an exact half away from zero: 5 % of 1010 = 50.5 → 51', () => {
    expect(applyBps(1_010, 500)).toBe(51);
  });

  it('rounds below the half down: 5 % of 1009 = 50.45 → 50', () => {
    expect(applyBps(1_009, 500)).toBe(50);
  });

  it('rounds above the half up: 5 % of 1011 = 50.55 → 51', () => {
    expect(applyBps(1_011, 500)).toBe(51);
  });

  it('rounds one minor unit: 5 % of 10 = 0.5 → 1, 5 % of 9 = 0.45 → 0', () => {
    expect(applyBps(10, 500)).toBe(1);
    expect(applyBps(9, 500)).toBe(0);
  });

  it('rounds negative amounts away from zero too: 5 % of −1010 = −50.5 → −51, of −1009 → −50', () => {
    expect(applyBps(-1_010, 500)).toBe(-51);
    expect(applyBps(-1_009, 500)).toBe(-50);
    expect(applyBps(-1_011, 500)).toBe(-51);
  });

  it('gives 0 for a zero rate or a zero amount, and the amount itself at 10 000 bps', () => {
    expect(applyBps(12_345, 0)).toBe(0);
    expect(applyBps(0, 500)).toBe(0);
    expect(applyBps(12_345, 10_000)).toBe(12_345);
  });

  it('handles odd rates: 2.5 % (250 bps) of 1 999 = 49.975 → 50; 0.01 % (1 bp) of 5 000 = 0.5 → 1', () => {
    expect(applyBps(1_999, 250)).toBe(50);
    expect(applyBps(5_000, 1)).toBe(1);
    expect(applyBps(4_999, 1)).toBe(0);
  });

  // Beyond 2^53 / 10 000 (≈ 9.007e11 minor units) amount × bps no longer fits a safe integer:
  // the BigInt path takes over and must not lose a unit.
  it('is exact beyond 2^53 / 10 000 through the BigInt path', () => {
    const big = 900_719_925_474_099; // ≈ 9e14, × 500 ≈ 4.5e17 > 2^53
    expect(Number.isSafeInteger(big * 500)).toBe(false);
    // 900 719 925 474 099 × 0.05 = 45 035 996 273 704.95 → …705
    expect(applyBps(big, 500)).toBe(45_035_996_273_705);
    // Number.MAX_SAFE_INTEGER × 5 % = 450 359 962 737 049.55 → …050
    expect(applyBps(Number.MAX_SAFE_INTEGER, 500)).toBe(450_359_962_737_050);
    // An exact half on the BigInt path: 1e15 + 10 at 5 % = 50 000 000 000 000.5 → …001
    expect(applyBps(1_000_000_000_000_010, 500)).toBe(50_000_000_000_001);
    expect(applyBps(-1_000_000_000_000_010, 500)).toBe(-50_000_000_000_001);
  });

  it('agrees with an exact BigInt computation for every safe amount and rate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.integer({ min: 0, max: 10_000 }),
        (amount, bps) => {
          const exact = reference(amount, bps);
          // Results above 2^53 cannot be represented exactly as numbers at all.
          fc.pre(exact <= BigInt(Number.MAX_SAFE_INTEGER) && exact >= -BigInt(Number.MAX_SAFE_INTEGER));
          // `+ 0` folds -0 into 0: a tiny negative share comes back as -0, which is still 0.
          expect(applyBps(amount, bps) + 0).toBe(Number(exact));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe('isAmount', () => {
  // SPEC: amounts are integers in the minor unit (BIGINT in SQL), never floats.
  it('accepts integers from 0 to MAX_AMOUNT only, so a price plus an increment stays exact', () => {
    expect(isAmount(0)).toBe(true);
    expect(isAmount(1_250)).toBe(true);
    expect(isAmount(MAX_AMOUNT)).toBe(true);
    expect(isAmount(MAX_AMOUNT + 1)).toBe(false);
    expect(Number.isSafeInteger(MAX_AMOUNT * 3)).toBe(true);
    expect(isAmount(Number.MAX_SAFE_INTEGER)).toBe(false);
    expect(isAmount(-1)).toBe(false);
    expect(isAmount(12.5)).toBe(false);
    expect(isAmount(Number.MAX_SAFE_INTEGER + 1)).toBe(false);
    expect(isAmount(Number.NaN)).toBe(false);
    expect(isAmount(Number.POSITIVE_INFINITY)).toBe(false);
  });
});

// CONVENTIONS §6: money is an immutable value object of integer minor units and a currency.
describe('Money', () => {
  it('rejects floats and unsafe integers', () => {
    expect(() => Money.of(12.5, 'USD')).toThrow(RangeError);
    expect(() => Money.of(0.1, 'USD')).toThrow(/safe integer/);
    expect(() => Money.of(Number.NaN, 'USD')).toThrow(RangeError);
    expect(() => Money.of(2 ** 53, 'USD')).toThrow(RangeError);
  });

  it('rejects currencies that are not ISO 4217 codes', () => {
    expect(() => Money.of(100, 'XYZ')).toThrow(/unknown ISO 4217 currency XYZ/);
    expect(() => Money.of(100, 'usd')).toThrow(RangeError);
    expect(() => Money.of(100, '')).toThrow(RangeError);
  });

  it('keeps amount and currency as given', () => {
    const m = Money.of(1_250, 'USD');
    expect(m.amount).toBe(1_250);
    expect(m.currency).toBe('USD');
    expect(Money.zero('JPY').amount).toBe(0);
  });

  it('adds and subtracts within one currency', () => {
    const a = Money.of(1_250, 'EUR');
    const b = Money.of(300, 'EUR');
    expect(a.add(b).amount).toBe(1_550);
    expect(a.subtract(b).amount).toBe(950);
    expect(b.subtract(a).amount).toBe(-950);
    // immutable: the operands are unchanged
    expect(a.amount).toBe(1_250);
    expect(b.amount).toBe(300);
  });

  it('refuses to mix currencies', () => {
    const usd = Money.of(100, 'USD');
    const eur = Money.of(100, 'EUR');
    expect(() => usd.add(eur)).toThrow(/currency mismatch: USD vs EUR/);
    expect(() => usd.subtract(eur)).toThrow(RangeError);
  });

  it('refuses a sum that would leave the safe integers', () => {
    expect(() => Money.of(Number.MAX_SAFE_INTEGER, 'USD').add(Money.of(1, 'USD'))).toThrow(RangeError);
  });

  it('takes a percentage with the same rounding as applyBps', () => {
    expect(Money.of(1_010, 'USD').percentage(500).equals(Money.of(51, 'USD'))).toBe(true);
    expect(Money.of(1_009, 'USD').percentage(500).amount).toBe(50);
  });

  it('compares by amount and currency', () => {
    expect(Money.of(100, 'USD').equals(Money.of(100, 'USD'))).toBe(true);
    expect(Money.of(100, 'USD').equals(Money.of(101, 'USD'))).toBe(false);
    expect(Money.of(100, 'USD').equals(Money.of(100, 'CAD'))).toBe(false);
  });

  // ISO 4217 exponents: USD 2 decimals, JPY 0, BHD 3.
  it('prints major units with the currency exponent: USD, JPY, BHD', () => {
    expect(Money.of(1_250, 'USD').toString()).toBe('12.50 USD');
    expect(Money.of(5, 'USD').toString()).toBe('0.05 USD');
    expect(Money.of(0, 'USD').toString()).toBe('0.00 USD');
    expect(Money.of(-5, 'USD').toString()).toBe('-0.05 USD');
    expect(Money.of(1_250, 'JPY').toString()).toBe('1250 JPY');
    expect(Money.of(-7, 'JPY').toString()).toBe('-7 JPY');
    expect(Money.of(1_250, 'BHD').toString()).toBe('1.250 BHD');
    expect(Money.of(5, 'BHD').toString()).toBe('0.005 BHD');
  });
});

describe('applyBps sign of zero', () => {
  it('gives 0, not -0, when a negative amount rounds to nothing', () => {
    expect(Object.is(applyBps(-1, 1), 0)).toBe(true);
  });
});
