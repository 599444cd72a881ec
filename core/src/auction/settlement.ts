import { applyBps } from '../shared/money';
import type { UserId } from '../shared/ids';

/**
 * What is owed when an auction is sold: the seller's commission comes out of the final price,
 * the buyer's premium and shipping go on top (seed 001 names commission and payout).
 */
export interface Settlement {
  readonly buyerId: UserId;
  /** Who receives the payout: the seller, or the winning provider in a reverse auction. */
  readonly payeeId: UserId;
  readonly finalPrice: number;
  readonly commissionBps: number;
  readonly commission: number;
  readonly buyerPremiumBps: number;
  readonly buyerPremium: number;
  readonly shippingCost: number;
  readonly sellerPayout: number;
  readonly buyerTotal: number;
  readonly settledAt: number;
}

export interface SettlementTerms {
  readonly buyerId: UserId;
  readonly payeeId: UserId;
  readonly finalPrice: number;
  readonly commissionBps: number;
  readonly buyerPremiumBps: number;
  readonly shippingCost: number;
  readonly settledAt: number;
}

export const computeSettlement = (t: SettlementTerms): Settlement => {
  const commission = applyBps(t.finalPrice, t.commissionBps);
  const buyerPremium = applyBps(t.finalPrice, t.buyerPremiumBps);
  return {
    ...t,
    commission,
    buyerPremium,
    sellerPayout: t.finalPrice - commission,
    buyerTotal: t.finalPrice + buyerPremium + t.shippingCost,
  };
};
