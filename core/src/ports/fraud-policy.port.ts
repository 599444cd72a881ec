import type { AuctionId, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';
import type { FraudFindingDraft } from './fraud-log.port';

/** Everything a policy may look at when a bid arrives. */
export interface BidContext {
  readonly auctionId: AuctionId;
  readonly sellerId: UserId;
  readonly bidderId: UserId;
  readonly amount: number;
  readonly now: Instant;
  readonly ip: string | null;
  readonly deviceFingerprint: string | null;
  readonly seller: { readonly knownIps: readonly string[]; readonly knownDevices: readonly string[] };
  /** This bidder's manual bids on this auction within the longest look-back of the policies. */
  readonly recentBids: readonly { readonly amount: number; readonly placedAt: Instant }[];
}

export interface FraudVerdict {
  readonly findings: readonly FraudFindingDraft[];
  /** Present when the bid must be refused. */
  readonly block?: { readonly code: 'RATE_LIMIT_EXCEEDED'; readonly message: string };
}

/** Runs on every bid before the auction decides (SPEC, "Fraud policies"). Pure and synchronous. */
export interface FraudPolicy {
  readonly name: string;
  /** How far back `recentBids` must reach for this policy, in milliseconds. */
  readonly lookbackMs: number;
  evaluate(ctx: BidContext): FraudVerdict;
}
