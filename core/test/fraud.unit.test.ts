import {
  AuctionId,
  type BidContext,
  bidVelocityPolicy,
  defaultFraudPolicies,
  type FraudPolicy,
  lookbackOf,
  runFraudPolicies,
  sharedIdentityPolicy,
  type UserId,
} from '@gavel/core';
import { ALICE, BOB, SELLER, actor, expectOk, harness } from '../../tests/builders/harness.builder';
import { forwardTerms, T0 } from '../../tests/builders/terms.builder';

const SELLER_IP = '203.0.113.7';
const SELLER_DEVICE = 'fp-seller-laptop';

const setup = async (fraudPolicies: readonly FraudPolicy[]) => {
  const h = await harness({ fraudPolicies });
  const v = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: { ...forwardTerms(), commissionBps: undefined }, publish: true }));
  return { ...h, id: v.id };
};
type H = Awaited<ReturnType<typeof setup>>;

const place = (h: H, bidderId: UserId, amount: number, maxAmount: number | null = null, net: { ip?: string; deviceFingerprint?: string } = {}) =>
  h.gavel.placeBid.execute({ auctionId: h.id, bidderId, amount, maxAmount, ...net });

const ctx = (over: Partial<BidContext> = {}): BidContext => ({
  auctionId: AuctionId('00000000-0000-4000-8000-0000000000a1'),
  sellerId: SELLER,
  bidderId: ALICE,
  amount: 1_000,
  now: T0,
  ip: null,
  deviceFingerprint: null,
  seller: { knownIps: [], knownDevices: [] },
  recentBids: [],
  ...over,
});

// Seed 003 / SPEC "Refusals": too many bids in a short time → RATE_LIMIT_EXCEEDED; SPEC "Fraud
// policies": findings are recorded with severity and evidence, and a policy may block a bid.
describe('bidVelocityPolicy (3 bids per 10 s) through the use case', () => {
  const velocity = () => bidVelocityPolicy({ maxBids: 3, windowMs: 10_000 });

  /** Alice places three manual bids one second apart: a bid and two raises of her maximum. */
  const threeBids = async (h: H) => {
    expectOk(await place(h, ALICE, 1_000, 1_100));
    h.clock.advance(1_000);
    expectOk(await place(h, ALICE, 1_000, 1_200));
    h.clock.advance(1_000);
    expectOk(await place(h, ALICE, 1_000, 1_300));
    h.clock.advance(1_000);
  };

  it('refuses the 4th bid within the window with RATE_LIMIT_EXCEEDED', async () => {
    const h = await setup([velocity()]);
    await threeBids(h);
    const r = await place(h, ALICE, 1_000, 1_400);
    expect(r).toEqual({ ok: false, error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Too many bids: at most 3 per 10 s on one auction' } });
    const s = h.db.state.auctions.get(h.id)!;
    expect([s.bidCount, s.leaderMax]).toEqual([3, 1_300]);
  });

  it('stores the finding although the bid was refused', async () => {
    const h = await setup([velocity()]);
    await threeBids(h);
    expect(h.db.state.findings).toEqual([]);
    await place(h, ALICE, 1_000, 1_400);
    expect(h.db.state.findings).toEqual([
      {
        id: expect.any(String),
        policy: 'bid-velocity',
        type: 'bid_manipulation',
        severity: 'medium',
        description: expect.any(String),
        evidence: { bidsInWindow: 3, maxBids: 3, windowMs: 10_000 },
        userId: ALICE,
        auctionId: h.id,
        ip: null,
        createdAt: T0 + 3_000,
      },
    ]);
  });

  it('counts per bidder: Bob may still bid while Alice is held back', async () => {
    const h = await setup([velocity()]);
    await threeBids(h);
    expect((await place(h, BOB, 1_100)).ok).toBe(true);
  });

  it('accepts again once the window has passed: the bid 10 s old no longer counts', async () => {
    const h = await setup([velocity()]);
    await threeBids(h); // at T0, T0+1s, T0+2s
    expect((await place(h, ALICE, 1_000, 1_400)).ok).toBe(false);
    h.clock.set(T0 + 9_999);
    expect((await place(h, ALICE, 1_000, 1_400)).ok).toBe(false);
    h.clock.set(T0 + 10_000);
    expect(expectOk(await place(h, ALICE, 1_000, 1_400)).bid.kind).toBe('max_raise');
  });

  it('the default is 10 bids per minute', () => {
    const p = bidVelocityPolicy();
    expect(p.lookbackMs).toBe(60_000);
    const nine = Array.from({ length: 9 }, (_, i) => ({ amount: 1_000, placedAt: T0 - i * 1_000 }));
    expect(p.evaluate(ctx({ recentBids: nine })).block).toBeUndefined();
    const ten = [...nine, { amount: 1_000, placedAt: T0 - 59_999 }];
    expect(p.evaluate(ctx({ recentBids: ten })).block?.code).toBe('RATE_LIMIT_EXCEEDED');
    const tenButOneOld = [...nine, { amount: 1_000, placedAt: T0 - 60_000 }];
    expect(p.evaluate(ctx({ recentBids: tenButOneOld })).block).toBeUndefined();
  });
});

// Seed 000: a bidder on the seller's IP or device is the classic sign of shill bidding; recorded
// at high severity for review, not blocked (households and offices share IPs).
describe('sharedIdentityPolicy through the use case', () => {
  const withKnownSeller = async () => {
    const h = await setup([sharedIdentityPolicy()]);
    await h.db.users.save({ id: SELLER, status: 'ACTIVE', role: 'user', knownIps: [SELLER_IP], knownDevices: [SELLER_DEVICE] });
    return h;
  };

  it('records a high-severity shill_bidding finding for a bidder on the seller’s IP, without blocking', async () => {
    const h = await withKnownSeller();
    const out = expectOk(await place(h, ALICE, 1_000, null, { ip: SELLER_IP }));
    expect(out.leading).toBe(true);
    expect(h.db.state.findings).toEqual([
      {
        id: expect.any(String),
        policy: 'shared-identity',
        type: 'shill_bidding',
        severity: 'high',
        description: 'Bidder shares an IP address with the seller',
        evidence: { sellerId: SELLER, ip: SELLER_IP },
        userId: ALICE,
        auctionId: h.id,
        ip: SELLER_IP,
        createdAt: T0,
      },
    ]);
  });

  it('names the device, and both when both match', async () => {
    const h = await withKnownSeller();
    expectOk(await place(h, ALICE, 1_000, null, { ip: '198.51.100.1', deviceFingerprint: SELLER_DEVICE }));
    expectOk(await place(h, BOB, 1_050, null, { ip: SELLER_IP, deviceFingerprint: SELLER_DEVICE }));
    expect(h.db.state.findings.map((f) => [f.userId, f.description, f.evidence])).toEqual([
      [ALICE, 'Bidder shares a device with the seller', { sellerId: SELLER, deviceFingerprint: SELLER_DEVICE }],
      [BOB, 'Bidder shares an IP address and a device with the seller', { sellerId: SELLER, ip: SELLER_IP, deviceFingerprint: SELLER_DEVICE }],
    ]);
  });

  it('records nothing for a bidder on another IP and device, or with none given', async () => {
    const h = await withKnownSeller();
    expectOk(await place(h, ALICE, 1_000, null, { ip: '198.51.100.1', deviceFingerprint: 'fp-other' }));
    expectOk(await place(h, BOB, 1_050));
    expect(h.db.state.findings).toEqual([]);
  });
});

describe('running several policies', () => {
  const blocker = (name: string): FraudPolicy => ({
    name,
    lookbackMs: 5,
    evaluate: () => ({ findings: [{ type: 'suspicious_pattern', severity: 'low', description: name, evidence: {} }], block: { code: 'RATE_LIMIT_EXCEEDED', message: name } }),
  });

  it('runs every policy, keeps every finding with its policy name, and the first block decides', () => {
    const verdict = runFraudPolicies([sharedIdentityPolicy(), blocker('first'), blocker('second')], ctx({ ip: SELLER_IP, seller: { knownIps: [SELLER_IP], knownDevices: [] } }));
    expect(verdict.findings.map((f) => f.policy)).toEqual(['shared-identity', 'first', 'second']);
    expect(verdict.block).toEqual({ code: 'RATE_LIMIT_EXCEEDED', message: 'first' });
  });

  it('no finding and no block when nothing is wrong', () => {
    expect(runFraudPolicies(defaultFraudPolicies(), ctx())).toEqual({ findings: [], block: null });
  });

  it('looks back as far as the longest policy needs', () => {
    expect(lookbackOf([sharedIdentityPolicy(), blocker('x'), bidVelocityPolicy({ maxBids: 3, windowMs: 10_000 })])).toBe(10_000);
    expect(lookbackOf([])).toBe(0);
  });

  it('createGavel defaults to velocity and shared identity', () => {
    expect(defaultFraudPolicies().map((p) => p.name)).toEqual(['bid-velocity', 'shared-identity']);
  });
});
