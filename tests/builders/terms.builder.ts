import type { AuctionTerms } from '@gavel/core';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
export const HOUR = 3_600_000;

/** Valid forward-auction terms in USD cents, ending an hour after T0; override what a test needs. */
export const forwardTerms = (overrides: Partial<AuctionTerms> = {}): AuctionTerms => ({
  title: 'Vintage camera',
  description: 'A working rangefinder',
  categoryId: null,
  type: 'forward',
  currency: 'USD',
  startingPrice: 1_000,
  reservePrice: null,
  buyNowPrice: null,
  budgetMax: null,
  increment: 'table',
  startTime: null,
  endTime: T0 + HOUR,
  extension: { windowSeconds: 120, extendBySeconds: 120 },
  commissionBps: 500,
  buyerPremiumBps: 0,
  shippingCost: 0,
  ...overrides,
});

export const reverseTerms = (overrides: Partial<AuctionTerms> = {}): AuctionTerms =>
  forwardTerms({ title: 'Fix my roof', type: 'reverse', startingPrice: 200_000, budgetMax: 200_000, increment: { kind: 'fixed', amount: 1_000 }, ...overrides });
