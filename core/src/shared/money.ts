import { type CurrencyCode, isCurrencyCode, minorUnitExponent } from './currency';

/** Basis points: 500 = 5 %. */
export type BasisPoints = number;
export const BPS_SCALE = 10_000;

/**
 * The largest amount the core accepts from anyone: 10^15 minor units (ten trillion dollars). Far
 * below 2^53, so a price plus an increment, or a price plus premium and shipping, is still an
 * exact JS number and fits every BIGINT; without the cap a bid near 2^53 would leave a minimum
 * next bid that no longer is.
 */
export const MAX_AMOUNT = 1_000_000_000_000_000;

/** An integer amount of minor units from 0 to `MAX_AMOUNT`. */
export const isAmount = (value: number): boolean =>
  Number.isSafeInteger(value) && value >= 0 && value <= MAX_AMOUNT;

/**
 * `amount * bps / 10000`, rounded half away from zero to the minor unit (SPEC). Integer
 * arithmetic throughout: the product stays below 2^53 for any amount under 9e11 minor units,
 * and BigInt takes over beyond that so large amounts never lose a unit.
 */
export const applyBps = (amount: number, bps: BasisPoints): number => {
  const product = amount * bps;
  if (Number.isSafeInteger(product)) {
    const sign = product < 0 ? -1 : 1;
    const abs = Math.abs(product);
    const quotient = Math.floor(abs / BPS_SCALE);
    const remainder = abs - quotient * BPS_SCALE;
    // `+ 0` turns the -0 of a negative amount rounding to nothing into 0.
    return sign * (remainder * 2 >= BPS_SCALE ? quotient + 1 : quotient) + 0;
  }
  const big = BigInt(amount) * BigInt(bps);
  const negative = big < 0n;
  const abs = negative ? -big : big;
  const scale = BigInt(BPS_SCALE);
  const rounded = abs / scale + ((abs % scale) * 2n >= scale ? 1n : 0n);
  return Number(negative ? -rounded : rounded);
};

/** An immutable amount of money: integer minor units and an ISO 4217 currency. */
export class Money {
  private constructor(
    readonly amount: number,
    readonly currency: CurrencyCode,
  ) {}

  static of(amount: number, currency: string): Money {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`amount must be a safe integer, got ${amount}`);
    if (!isCurrencyCode(currency)) throw new RangeError(`unknown ISO 4217 currency ${currency}`);
    return new Money(amount, currency);
  }

  static zero(currency: string): Money {
    return Money.of(0, currency);
  }

  add(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount + other.amount, this.currency);
  }

  subtract(other: Money): Money {
    this.assertSameCurrency(other);
    return Money.of(this.amount - other.amount, this.currency);
  }

  /** The share of this amount at a rate in basis points, rounded half away from zero. */
  percentage(bps: BasisPoints): Money {
    return Money.of(applyBps(this.amount, bps), this.currency);
  }

  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount === other.amount;
  }

  /** Decimal text in major units, e.g. `12.50 USD`; for logs and humans, never for arithmetic. */
  toString(): string {
    const exp = minorUnitExponent(this.currency);
    const abs = Math.abs(this.amount).toString().padStart(exp + 1, '0');
    const major = exp === 0 ? abs : `${abs.slice(0, -exp)}.${abs.slice(-exp)}`;
    return `${this.amount < 0 ? '-' : ''}${major} ${this.currency}`;
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new RangeError(`currency mismatch: ${this.currency} vs ${other.currency}`);
    }
  }
}
