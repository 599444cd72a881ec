import { sharedIdentityPolicy } from '@gavel/core';
import { actor, ALICE, BOB, expectOk, harness, SELLER } from '../../tests/builders/harness.builder';
import { HOUR, T0 } from '../../tests/builders/terms.builder';

const terms = { title: 'Lamp', type: 'forward' as const, currency: 'USD', startingPrice: 1_000, buyNowPrice: 5_000, endTime: T0 + HOUR };

describe('cancelling at the end', () => {
  it('refuses to cancel a live auction that has reached its end: it closes as NO_BIDS instead', async () => {
    const { gavel, clock } = await harness();
    const view = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms, publish: true }));
    clock.set(T0 + HOUR);
    const cancelled = await gavel.cancelAuction.execute({ auctionId: view.id, actor: actor(SELLER) });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const closed = expectOk(await gavel.closeAuction.execute({ auctionId: view.id }));
    expect(closed.state).toMatchObject({ status: 'ENDED', outcome: 'NO_BIDS' });
  });
});

describe('buy now goes through the fraud policies like any bid', () => {
  it('records a shill finding when the buyer shares the seller’s IP', async () => {
    const { gavel, db } = await harness({ fraudPolicies: [sharedIdentityPolicy()] });
    await db.users.save({ id: SELLER, status: 'ACTIVE', role: 'user', knownIps: ['198.51.100.7'], knownDevices: [] });
    const view = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms, publish: true }));
    expectOk(await gavel.buyNow.execute({ auctionId: view.id, buyerId: ALICE, ip: '198.51.100.7' }));
    expect(db.state.findings).toEqual([expect.objectContaining({ type: 'shill_bidding', severity: 'high', userId: ALICE, auctionId: view.id })]);
  });

  it('records no finding for a purchase refused before screening (the seller buying)', async () => {
    const { gavel, db } = await harness({ fraudPolicies: [sharedIdentityPolicy()] });
    await db.users.save({ id: SELLER, status: 'ACTIVE', role: 'user', knownIps: ['198.51.100.7'], knownDevices: [] });
    const view = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms, publish: true }));
    const own = await gavel.buyNow.execute({ auctionId: view.id, buyerId: SELLER, ip: '198.51.100.7' });
    expect(own).toMatchObject({ ok: false, error: { code: 'CANNOT_BID_OWN_AUCTION' } });
    expect(db.state.findings).toEqual([]);
    expectOk(await gavel.buyNow.execute({ auctionId: view.id, buyerId: BOB, ip: '203.0.113.9' }));
    expect(db.state.findings).toEqual([]);
  });
});
