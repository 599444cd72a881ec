import { type CreateAuctionRequest, incrementRuleOf, type UpdateAuctionRequest } from '@gavel/contracts';
import type { AuctionTerms, AuctionTermsInput } from '@gavel/core';
import { instantOf } from './route-support';

type Optional = Omit<UpdateAuctionRequest, 'title' | 'description' | 'startingPrice' | 'endTime'>;

/** The optional terms a body carries, in core's shape; absent stays absent, null clears. */
const optionalTerms = (b: Optional): Partial<AuctionTerms> => ({
  ...(b.categoryId !== undefined ? { categoryId: b.categoryId } : {}),
  ...(b.reservePrice !== undefined ? { reservePrice: b.reservePrice } : {}),
  ...(b.buyNowPrice !== undefined ? { buyNowPrice: b.buyNowPrice } : {}),
  ...(b.budgetMax !== undefined ? { budgetMax: b.budgetMax } : {}),
  ...(b.increment !== undefined ? { increment: incrementRuleOf(b.increment) } : {}),
  ...(b.startTime !== undefined ? { startTime: b.startTime === null ? null : instantOf(b.startTime) } : {}),
  ...(b.extension !== undefined ? { extension: b.extension } : {}),
  ...(b.commissionBps !== undefined ? { commissionBps: b.commissionBps } : {}),
  ...(b.buyerPremiumBps !== undefined ? { buyerPremiumBps: b.buyerPremiumBps } : {}),
  ...(b.shippingCost !== undefined ? { shippingCost: b.shippingCost } : {}),
});

/** `POST /auctions`' body as core's terms (the codec already stripped unknown keys). */
export const termsOf = (b: CreateAuctionRequest): AuctionTermsInput => ({
  title: b.title, type: b.type, currency: b.currency, startingPrice: b.startingPrice, endTime: instantOf(b.endTime),
  ...(b.description !== undefined ? { description: b.description } : {}),
  ...optionalTerms(b),
});

/** `PATCH /auctions/:id`'s body as a patch of core's terms. */
export const patchOf = (b: UpdateAuctionRequest): Partial<AuctionTerms> => ({
  ...(b.title !== undefined ? { title: b.title } : {}),
  ...(b.description !== undefined ? { description: b.description } : {}),
  ...(b.startingPrice !== undefined ? { startingPrice: b.startingPrice } : {}),
  ...(b.endTime !== undefined ? { endTime: instantOf(b.endTime) } : {}),
  ...optionalTerms(b),
});
