import type { BidContext, FraudPolicy, FraudVerdict } from '../ports/fraud-policy.port';
import type { FraudFindingDraft } from '../ports/fraud-log.port';

export interface CombinedVerdict {
  readonly findings: readonly (FraudFindingDraft & { readonly policy: string })[];
  readonly block: FraudVerdict['block'] | null;
}

/** Every policy runs (so every finding is recorded); the first block decides the refusal. */
export const runFraudPolicies = (policies: readonly FraudPolicy[], ctx: BidContext): CombinedVerdict => {
  const findings: (FraudFindingDraft & { policy: string })[] = [];
  let block: FraudVerdict['block'] | null = null;
  for (const policy of policies) {
    const verdict = policy.evaluate(ctx);
    for (const f of verdict.findings) findings.push({ ...f, policy: policy.name });
    if (verdict.block && block === null) block = verdict.block;
  }
  return { findings, block };
};

export const lookbackOf = (policies: readonly FraudPolicy[]): number =>
  policies.reduce((max, p) => Math.max(max, p.lookbackMs), 0);
