import type { FraudFindingDraft } from '../ports/fraud-log.port';
import type { FraudPolicy } from '../ports/fraud-policy.port';

/**
 * A bidder on the seller's IP or device is the classic sign of shill bidding (seed 000). It is
 * recorded at high severity for review, not blocked: households and offices share IPs.
 */
export const sharedIdentityPolicy = (): FraudPolicy => ({
  name: 'shared-identity',
  lookbackMs: 0,
  evaluate(ctx) {
    const sharedIp = ctx.ip !== null && ctx.seller.knownIps.includes(ctx.ip);
    const sharedDevice = ctx.deviceFingerprint !== null && ctx.seller.knownDevices.includes(ctx.deviceFingerprint);
    if (!sharedIp && !sharedDevice) return { findings: [] };
    const finding: FraudFindingDraft = {
      type: 'shill_bidding',
      severity: 'high',
      description: `Bidder shares ${[sharedIp && 'an IP address', sharedDevice && 'a device'].filter(Boolean).join(' and ')} with the seller`,
      evidence: {
        sellerId: ctx.sellerId,
        ...(sharedIp ? { ip: ctx.ip } : {}),
        ...(sharedDevice ? { deviceFingerprint: ctx.deviceFingerprint } : {}),
      },
    };
    return { findings: [finding] };
  },
});
