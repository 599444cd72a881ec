import type { AuctionId, FindingId, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';

/** Seed 000's `fraud_logs` vocabulary. */
export type FraudType = 'shill_bidding' | 'bid_manipulation' | 'multiple_accounts' | 'suspicious_pattern' | 'payment_fraud';
export type FraudSeverity = 'low' | 'medium' | 'high' | 'critical';

export interface FraudFindingDraft {
  readonly type: FraudType;
  readonly severity: FraudSeverity;
  readonly description: string;
  readonly evidence: Readonly<Record<string, unknown>>;
}

export interface FraudFinding extends FraudFindingDraft {
  readonly id: FindingId;
  readonly policy: string;
  readonly userId: UserId;
  readonly auctionId: AuctionId;
  readonly ip: string | null;
  readonly createdAt: Instant;
}

/** Where findings go, inside the unit of work of the bid that raised them. */
export interface FraudLog {
  record(findings: readonly FraudFinding[]): Promise<void>;
  list(filter: { readonly auctionId?: AuctionId; readonly userId?: UserId }): Promise<FraudFinding[]>;
}
