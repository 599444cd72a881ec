import { isAmount } from '../shared/money';
import { type CurrencyCode, minorUnitExponent } from '../shared/currency';

/** A band of a tiered table: from `from` (inclusive, minor units) upwards, bids step by `increment`. */
export interface IncrementTier {
  readonly from: number;
  readonly increment: number;
}

export type IncrementRule =
  | { readonly kind: 'fixed'; readonly amount: number }
  | { readonly kind: 'table'; readonly tiers: readonly IncrementTier[] };

/** eBay's public table (seeds/README.md) in cents; scaled to the currency's minor unit below. */
const EBAY_CENTS: readonly (readonly [number, number])[] = [
  [0, 5],
  [100, 25],
  [500, 50],
  [2_500, 100],
  [10_000, 250],
  [25_000, 500],
  [50_000, 1_000],
  [100_000, 2_500],
  [250_000, 5_000],
  [500_000, 10_000],
];

/**
 * The default table for a currency. Amounts are in major units in eBay's table, so a currency
 * with 0 or 3 decimals gets the same bands in its own minor unit; no step is ever below one
 * minor unit (JPY: 0.05 becomes 1 yen).
 */
export const defaultIncrementTable = (currency: CurrencyCode): IncrementRule => {
  const scale = 10 ** (minorUnitExponent(currency) - 2);
  const tiers = EBAY_CENTS.map(([from, step]) => ({
    from: Math.round(from * scale),
    increment: Math.max(1, Math.round(step * scale)),
  }));
  return { kind: 'table', tiers };
};

/** The step that applies at `price`: the fixed amount, or the band of the table holding it. */
export const incrementAt = (rule: IncrementRule, price: number): number => {
  if (rule.kind === 'fixed') return rule.amount;
  const tiers = rule.tiers;
  let step = tiers[0]!.increment;
  for (let i = 1; i < tiers.length; i++) {
    const tier = tiers[i]!;
    if (tier.from > price) break;
    step = tier.increment;
  }
  return step;
};

/** Null when the rule is usable; a reason otherwise. */
export const incrementRuleProblem = (rule: IncrementRule): string | null => {
  if (rule.kind === 'fixed') {
    return isAmount(rule.amount) && rule.amount > 0 ? null : 'must be a positive integer';
  }
  if (rule.tiers.length === 0) return 'table needs at least one tier';
  if (rule.tiers[0]!.from !== 0) return 'the first tier must start at 0';
  for (let i = 0; i < rule.tiers.length; i++) {
    const t = rule.tiers[i]!;
    if (!isAmount(t.increment) || t.increment <= 0 || !isAmount(t.from)) return 'tier increments must be positive integers';
    if (i > 0 && !(t.from > rule.tiers[i - 1]!.from)) return 'tiers must be in ascending order of `from`';
  }
  return null;
};
