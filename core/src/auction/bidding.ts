import { isAmount, MAX_AMOUNT } from '../shared/money';
import type { UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { AuctionState, BidKind } from './auction-state';
import { incrementAt } from './increments';

/** A row a decision will record, before it gets an id, an ordinal and a time. */
export interface RowDraft {
  readonly bidderId: UserId;
  readonly amount: number;
  readonly maxAmount: number | null;
  readonly kind: BidKind;
}

export interface Resolution {
  readonly rows: readonly RowDraft[];
  readonly price: number;
  readonly leaderId: UserId;
  readonly leaderMax: number;
}

type Pricing = Pick<
  AuctionState,
  'type' | 'startingPrice' | 'reservePrice' | 'budgetMax' | 'increment' | 'currentPrice' | 'leaderId' | 'leaderMax'
>;

/** Forward: the least a new challenger may bid. Reverse: the most. */
export const nextBidLimit = (s: Pricing): number => {
  if (s.type === 'reverse') {
    if (s.currentPrice === null) return s.budgetMax ?? s.startingPrice;
    // 0 once no positive offer can undercut the lowest by the decrement: nothing is acceptable.
    return Math.max(0, s.currentPrice - incrementAt(s.increment, s.currentPrice));
  }
  return s.currentPrice === null ? s.startingPrice : s.currentPrice + incrementAt(s.increment, s.currentPrice);
};

/** "When a proxy max reaches the reserve and the price is below it, the price rises to it." */
const liftToReserve = (s: Pricing, price: number, max: number): number =>
  s.reservePrice !== null && max >= s.reservePrice && price < s.reservePrice ? s.reservePrice : price;

const auto = (bidderId: UserId, amount: number): RowDraft => ({ bidderId, amount, maxAmount: null, kind: 'auto' });

/**
 * Proxy bidding as eBay describes it: the system bids for a bidder, one increment above the
 * rival, up to its maximum; between two proxies the higher maximum wins at the lower maximum
 * plus one increment (capped at the higher maximum); an equal maximum goes to the earlier
 * bidder, who is always the current leader. Beaten maxima are all below the price, so the
 * leader's maximum is the only one that can still answer.
 */
const resolveForward = (
  s: Pricing,
  bidderId: UserId,
  amount: number,
  maxAmount: number | null,
): Result<Resolution> => {
  const leaderId = s.leaderId;
  const leaderMax = s.leaderMax ?? 0;
  const price = s.currentPrice ?? 0;

  if (leaderId === bidderId) {
    // Seed 000: a plain bid by the leader would only bid against itself.
    if (maxAmount === null) return fail('ALREADY_HIGHEST_BIDDER', 'You are already the highest bidder');
    if (maxAmount <= leaderMax) {
      return fail('BID_TOO_LOW', 'A new maximum must be above your current maximum', {
        max_amount: 'must be above your current maximum',
      });
    }
    const lifted = liftToReserve(s, price, maxAmount);
    return ok({
      rows: [{ bidderId, amount: lifted, maxAmount, kind: 'max_raise' }],
      price: lifted,
      leaderId: bidderId,
      leaderMax: maxAmount,
    });
  }

  const minimum = nextBidLimit(s);
  if (amount < minimum) {
    return fail('BID_TOO_LOW', `Bid amount is too low: the minimum bid is ${minimum}`, {
      bid_amount: `must be at least ${minimum}`,
    });
  }
  const max = maxAmount ?? amount;
  const manual: RowDraft = { bidderId, amount, maxAmount, kind: 'bid' };

  if (leaderId === null) {
    const opening = liftToReserve(s, amount, max);
    const rows = opening > amount ? [manual, auto(bidderId, opening)] : [manual];
    return ok({ rows, price: opening, leaderId: bidderId, leaderMax: max });
  }

  if (max > leaderMax) {
    // The challenger takes the lead; the old leader's proxy answers up to its maximum first.
    const rows: RowDraft[] = [manual];
    if (leaderMax > amount) rows.push(auto(leaderId, leaderMax));
    const step = leaderMax + incrementAt(s.increment, leaderMax);
    const newPrice = liftToReserve(s, Math.max(amount, Math.min(max, step)), max);
    if (newPrice > rows[rows.length - 1]!.amount) rows.push(auto(bidderId, newPrice));
    return ok({ rows, price: newPrice, leaderId: bidderId, leaderMax: max });
  }

  // The leader's proxy holds: the challenger's proxy goes to its maximum, the leader answers
  // one increment above it (exactly the maximum on a tie, which the earlier bidder keeps).
  const rows: RowDraft[] = [manual];
  if (max > amount) rows.push(auto(bidderId, max));
  const answer = max === leaderMax ? leaderMax : Math.min(leaderMax, max + incrementAt(s.increment, max));
  const newPrice = liftToReserve(s, answer, leaderMax);
  rows.push(auto(leaderId, newPrice));
  return ok({ rows, price: newPrice, leaderId, leaderMax });
};

/**
 * Reverse (seed 002): the lowest offer leads, each offer must undercut the current lowest by
 * the decrement, the first one may not exceed the budget. Offers are plain: no proxy.
 */
const resolveReverse = (
  s: Pricing,
  bidderId: UserId,
  amount: number,
  maxAmount: number | null,
): Result<Resolution> => {
  if (maxAmount !== null) {
    return fail('VALIDATION_ERROR', 'Reverse auctions take plain offers only', {
      max_amount: 'not allowed on a reverse auction',
    });
  }
  if (s.leaderId === bidderId) return fail('ALREADY_HIGHEST_BIDDER', 'Your offer is already the lowest');
  const limit = nextBidLimit(s);
  if (amount > limit) {
    return fail('BID_TOO_HIGH', `Offer is too high: the most you can offer is ${limit}`, {
      bid_amount: `must be at most ${limit}`,
    });
  }
  return ok({
    rows: [{ bidderId, amount, maxAmount: null, kind: 'bid' }],
    price: amount,
    leaderId: bidderId,
    leaderMax: amount,
  });
};

export const resolveBid = (
  s: Pricing,
  bidderId: UserId,
  amount: number,
  maxAmount: number | null,
): Result<Resolution> =>
  s.type === 'reverse' ? resolveReverse(s, bidderId, amount, maxAmount) : resolveForward(s, bidderId, amount, maxAmount);

/** Forward: no reserve counts as met once someone bids. Reverse auctions have no reserve. */
export const isReserveMet = (s: Pick<AuctionState, 'reservePrice' | 'currentPrice'>): boolean =>
  s.currentPrice !== null && (s.reservePrice === null || s.currentPrice >= s.reservePrice);

type Availability = Pick<AuctionState, 'type' | 'status' | 'startTime' | 'endTime' | 'buyNowPrice' | 'reservePrice' | 'currentPrice' | 'leaderId'>;

/** A scheduled auction whose start has passed takes bids even before a scheduler opens it. */
export const isOpenAt = (s: Pick<AuctionState, 'status' | 'startTime' | 'endTime'>, now: number): boolean =>
  now < s.endTime &&
  (s.status === 'LIVE' || (s.status === 'SCHEDULED' && s.startTime !== null && s.startTime <= now));

/** SPEC: while live, until a bid meets the reserve (no reserve: until the first bid). */
export const isBuyNowAvailable = (s: Availability, now: number): boolean =>
  s.type === 'forward' && s.buyNowPrice !== null && isOpenAt(s, now) &&
  (s.reservePrice === null ? s.leaderId === null : !isReserveMet(s));

/** Field problems of a bid's amounts, or null: positive safe integers, max not below the bid. */
export const bidAmountProblems = (amount: number, maxAmount: number | null): Record<string, string> | null => {
  if (!isAmount(amount) || amount <= 0) return { bid_amount: `must be a positive integer amount up to ${MAX_AMOUNT}` };
  if (maxAmount !== null && (!isAmount(maxAmount) || maxAmount < amount)) {
    return { max_amount: `must be an integer amount not below bid_amount, up to ${MAX_AMOUNT}` };
  }
  return null;
};
