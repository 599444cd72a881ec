import type { Auction } from '../auction/auction';
import { lookbackOf, runFraudPolicies } from '../fraud/run-policies';
import type { FraudFinding } from '../ports/fraud-log.port';
import type { FraudPolicy } from '../ports/fraud-policy.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { TransactionContext } from '../ports/unit-of-work.port';
import type { FindingId, UserId } from '../shared/ids';
import { fail, type Result } from '../shared/result';
import type { Instant } from '../shared/time';

export interface BidSignals {
  readonly bidderId: UserId;
  readonly amount: number;
  readonly ip?: string | null;
  readonly deviceFingerprint?: string | null;
}

/**
 * Runs the fraud policies on a bid (a buy-now purchase counts as one), records their findings
 * in the bid's unit of work, and answers with a refusal when a policy blocks.
 */
export const screenBid = async (
  deps: { readonly fraudPolicies: readonly FraudPolicy[]; readonly ids: IdGenerator },
  tx: TransactionContext,
  auction: Auction,
  bid: BidSignals,
  now: Instant,
): Promise<Result<never> | null> => {
  const policies = deps.fraudPolicies;
  if (policies.length === 0) return null;
  const { id: auctionId, sellerId } = auction.state;
  const lookback = lookbackOf(policies);
  const [seller, recent] = await Promise.all([
    tx.users.get(sellerId),
    lookback > 0 ? tx.auctions.recentBidsBy(auctionId, bid.bidderId, now - lookback) : Promise.resolve([]),
  ]);
  const verdict = runFraudPolicies(policies, {
    auctionId,
    sellerId,
    bidderId: bid.bidderId,
    amount: bid.amount,
    now,
    ip: bid.ip ?? null,
    deviceFingerprint: bid.deviceFingerprint ?? null,
    seller: { knownIps: seller?.knownIps ?? [], knownDevices: seller?.knownDevices ?? [] },
    recentBids: recent,
  });
  if (verdict.findings.length > 0) {
    const findings: FraudFinding[] = verdict.findings.map((f) => ({
      ...f,
      id: deps.ids.next() as FindingId,
      userId: bid.bidderId,
      auctionId,
      ip: bid.ip ?? null,
      createdAt: now,
    }));
    await tx.fraudLog.record(findings);
  }
  return verdict.block ? fail(verdict.block.code, verdict.block.message) : null;
};
