import { type CurrencyCode, isCurrencyCode } from '../shared/currency';
import { isAmount } from '../shared/money';
import type { Instant } from '../shared/time';
import type { AuctionType, ExtensionRule } from './auction-state';
import { defaultIncrementTable, type IncrementRule, incrementRuleProblem } from './increments';

/** What a seller decides about an auction; the fields of SPEC's auction body, decoded. */
export interface AuctionTerms {
  readonly title: string;
  readonly description: string;
  readonly categoryId: string | null;
  readonly type: AuctionType;
  readonly currency: string;
  readonly startingPrice: number;
  readonly reservePrice: number | null;
  readonly buyNowPrice: number | null;
  readonly budgetMax: number | null;
  /** `'table'` picks the default (eBay) table of the currency. */
  readonly increment: IncrementRule | 'table';
  readonly startTime: Instant | null;
  readonly endTime: Instant;
  readonly extension: ExtensionRule;
  readonly commissionBps: number;
  readonly buyerPremiumBps: number;
  readonly shippingCost: number;
}

/** Platform defaults (SPEC): 5 % commission, no premium, 120 s / 120 s soft close. */
export interface AuctionDefaults {
  readonly commissionBps: number;
  readonly buyerPremiumBps: number;
  readonly extension: ExtensionRule;
}

export const DEFAULT_AUCTION_POLICY: AuctionDefaults = {
  commissionBps: 500,
  buyerPremiumBps: 0,
  extension: { windowSeconds: 120, extendBySeconds: 120 },
};

export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 20_000;
const MAX_EXTENSION_SECONDS = 86_400;

const isBps = (v: number) => Number.isInteger(v) && v >= 0 && v <= 10_000;

/**
 * Every reason the terms are unusable, by field; empty when they are fine. `now` is given when
 * times must still lie ahead (creating, publishing, editing before the start).
 */
export const termsProblems = (t: AuctionTerms, now: Instant | null): Record<string, string> => {
  const p: Record<string, string> = {};
  const title = t.title.trim();
  if (title.length === 0 || title.length > MAX_TITLE) p.title = `must be 1 to ${MAX_TITLE} characters`;
  if (t.description.length > MAX_DESCRIPTION) p.description = `must be at most ${MAX_DESCRIPTION} characters`;
  if (!isCurrencyCode(t.currency)) p.currency = 'must be an ISO 4217 currency code';
  if (!isAmount(t.startingPrice) || t.startingPrice <= 0) p.startingPrice = 'must be a positive integer amount';
  if (t.type === 'forward') {
    if (t.reservePrice !== null && (!isAmount(t.reservePrice) || t.reservePrice < t.startingPrice)) {
      p.reservePrice = 'must be an integer amount not below startingPrice';
    }
    if (t.buyNowPrice !== null && (!isAmount(t.buyNowPrice) || t.buyNowPrice <= t.startingPrice)) {
      p.buyNowPrice = 'must be an integer amount above startingPrice';
    } else if (t.buyNowPrice !== null && t.reservePrice !== null && t.buyNowPrice < t.reservePrice) {
      p.buyNowPrice = 'must not be below reservePrice';
    }
    if (t.budgetMax !== null) p.budgetMax = 'only reverse auctions have a budget';
  } else {
    if (t.reservePrice !== null) p.reservePrice = 'reverse auctions have no reserve';
    if (t.buyNowPrice !== null) p.buyNowPrice = 'reverse auctions have no buy now';
    if (t.budgetMax !== null && (!isAmount(t.budgetMax) || t.budgetMax <= 0)) p.budgetMax = 'must be a positive integer amount';
  }
  if (t.increment !== 'table') {
    const problem = incrementRuleProblem(t.increment);
    if (problem) p.increment = problem;
  }
  const { windowSeconds, extendBySeconds } = t.extension;
  const inRange = (v: number) => Number.isInteger(v) && v >= 0 && v <= MAX_EXTENSION_SECONDS;
  if (!inRange(windowSeconds) || !inRange(extendBySeconds) || (windowSeconds > 0 && extendBySeconds === 0)) {
    p.extension = `seconds must be integers from 0 to ${MAX_EXTENSION_SECONDS}; a window needs a positive extension`;
  }
  if (!isBps(t.commissionBps)) p.commissionBps = 'must be an integer from 0 to 10000';
  if (!isBps(t.buyerPremiumBps)) p.buyerPremiumBps = 'must be an integer from 0 to 10000';
  if (!isAmount(t.shippingCost)) p.shippingCost = 'must be a non-negative integer amount';
  if (!Number.isFinite(t.endTime)) p.endTime = 'must be a time';
  else if (t.startTime !== null && t.endTime <= t.startTime) p.endTime = 'must be after startTime';
  else if (now !== null && t.endTime <= now) p.endTime = 'must be in the future';
  return p;
};

export const resolveIncrement = (t: Pick<AuctionTerms, 'increment' | 'currency'>): IncrementRule =>
  t.increment === 'table' ? defaultIncrementTable(t.currency as CurrencyCode) : t.increment;
