import type { FraudPolicy } from '../ports/fraud-policy.port';

export interface BidVelocityOptions {
  /** Bids allowed within the window before the next is refused. */
  readonly maxBids: number;
  readonly windowMs: number;
}

/** Seed 003's "too many bids in a short time": per bidder, per auction. */
export const bidVelocityPolicy = (opts: BidVelocityOptions = { maxBids: 10, windowMs: 60_000 }): FraudPolicy => ({
  name: 'bid-velocity',
  lookbackMs: opts.windowMs,
  evaluate(ctx) {
    const since = ctx.now - opts.windowMs;
    let count = 0;
    for (const bid of ctx.recentBids) if (bid.placedAt > since) count++;
    if (count < opts.maxBids) return { findings: [] };
    return {
      block: {
        code: 'RATE_LIMIT_EXCEEDED',
        message: `Too many bids: at most ${opts.maxBids} per ${Math.round(opts.windowMs / 1000)} s on one auction`,
      },
      findings: [{
        type: 'bid_manipulation',
        severity: 'medium',
        description: 'Bid velocity limit reached on one auction',
        evidence: { bidsInWindow: count, maxBids: opts.maxBids, windowMs: opts.windowMs },
      }],
    };
  },
});
