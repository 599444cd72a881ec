import { type Actor, UserId } from '@gavel/core';
import { ADMIN, ALICE, BOB, actor, expectOk } from '../../../tests/builders/harness.builder';
import { codeOf, marketplaceHarness, type MarketplaceHarness } from '../../../tests/builders/marketplace.builder';
import { T0 } from '../../../tests/builders/terms.builder';

const GHOST = UserId('99999999-0000-4000-8000-000000000099');

const setStatus = (h: MarketplaceHarness, id: UserId, status: 'ACTIVE' | 'INACTIVE' | 'SUSPENDED', role: Actor['role'] = 'user') =>
  h.db.users.save({ id, status, role, knownIps: [], knownDevices: [] });

describe('UpdateProfile', () => {
  it('trims and stores the name, answering the owner\'s account view', async () => {
    const h = await marketplaceHarness();
    const view = expectOk(await h.market.updateProfile.execute({ actor: actor(ALICE), name: '  Alice P. Liddell  ' }));
    expect(view).toEqual({
      id: ALICE, username: 'alice', email: 'alice@example.com', name: 'Alice P. Liddell', role: 'user', status: 'ACTIVE', createdAt: new Date(T0).toISOString(),
    });
    expect(h.db.state.accounts.get(ALICE)!.name).toBe('Alice P. Liddell');
  });

  it('null clears the name; an absent name changes nothing', async () => {
    const h = await marketplaceHarness();
    expect(expectOk(await h.market.updateProfile.execute({ actor: actor(ALICE) })).name).toBe('Alice Liddell');
    expect(expectOk(await h.market.updateProfile.execute({ actor: actor(ALICE), name: null })).name).toBeNull();
    expect(h.db.state.accounts.get(ALICE)!.name).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['101 characters', 'x'.repeat(101)],
  ])('refuses a %s name with VALIDATION_ERROR on name, changing nothing', async (_, name) => {
    const h = await marketplaceHarness();
    expect(await h.market.updateProfile.execute({ actor: actor(ALICE), name })).toEqual({
      ok: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: { name: expect.any(String) } },
    });
    expect(h.db.state.accounts.get(ALICE)!.name).toBe('Alice Liddell');
  });

  it('counts characters, not UTF-16 units: 100 emoji fit, 100 characters after trimming fit', async () => {
    const h = await marketplaceHarness();
    expect(codeOf(await h.market.updateProfile.execute({ actor: actor(ALICE), name: '😀'.repeat(100) }))).toBe('OK');
    expect(codeOf(await h.market.updateProfile.execute({ actor: actor(ALICE), name: ` ${'y'.repeat(100)} ` }))).toBe('OK');
    expect(codeOf(await h.market.updateProfile.execute({ actor: actor(ALICE), name: '😀'.repeat(101) }))).toBe('VALIDATION_ERROR');
  });

  it('ACCOUNT_INACTIVE for an inactive or suspended user, and for a user that no longer exists', async () => {
    const h = await marketplaceHarness();
    await setStatus(h, ALICE, 'SUSPENDED');
    await setStatus(h, BOB, 'INACTIVE');
    expect(codeOf(await h.market.updateProfile.execute({ actor: actor(ALICE), name: 'New' }))).toBe('ACCOUNT_INACTIVE');
    expect(codeOf(await h.market.updateProfile.execute({ actor: actor(BOB), name: 'New' }))).toBe('ACCOUNT_INACTIVE');
    expect(codeOf(await h.market.updateProfile.execute({ actor: actor(GHOST), name: 'New' }))).toBe('ACCOUNT_INACTIVE');
    expect(h.db.state.accounts.get(ALICE)!.name).toBe('Alice Liddell');
  });
});

describe('GetPublicProfile', () => {
  it('shows id, username, name, role, status and creation time, never the e-mail', async () => {
    const h = await marketplaceHarness();
    const profile = expectOk(await h.market.publicProfile.execute({ userId: ALICE }));
    expect(profile).toEqual({ id: ALICE, username: 'alice', name: 'Alice Liddell', role: 'user', status: 'ACTIVE', createdAt: new Date(T0).toISOString() });
    expect(JSON.stringify(profile)).not.toContain('@');
    expect(expectOk(await h.market.publicProfile.execute({ userId: BOB })).name).toBeNull();
    expect(expectOk(await h.market.publicProfile.execute({ userId: ADMIN })).role).toBe('admin');
  });

  it('NOT_FOUND for an unknown user, or a user without an account', async () => {
    const h = await marketplaceHarness();
    expect(codeOf(await h.market.publicProfile.execute({ userId: GHOST }))).toBe('NOT_FOUND');
    await setStatus(h, GHOST, 'ACTIVE');
    expect(codeOf(await h.market.publicProfile.execute({ userId: GHOST }))).toBe('NOT_FOUND');
  });
});

describe('ResolveActor', () => {
  it('answers the stored user\'s id and role', async () => {
    const h = await marketplaceHarness();
    expect(expectOk(await h.market.resolveActor.execute({ userId: ALICE }))).toEqual({ userId: ALICE, role: 'user' });
    expect(expectOk(await h.market.resolveActor.execute({ userId: ADMIN }))).toEqual({ userId: ADMIN, role: 'admin' });
  });

  it('a demoted admin is a plain user at once (the role comes from storage, not the token)', async () => {
    const h = await marketplaceHarness();
    await setStatus(h, ADMIN, 'ACTIVE', 'user');
    expect(expectOk(await h.market.resolveActor.execute({ userId: ADMIN })).role).toBe('user');
  });

  it('INVALID_TOKEN when the user no longer exists; ACCOUNT_INACTIVE when inactive or suspended', async () => {
    const h = await marketplaceHarness();
    expect(codeOf(await h.market.resolveActor.execute({ userId: GHOST }))).toBe('INVALID_TOKEN');
    await setStatus(h, ALICE, 'INACTIVE');
    await setStatus(h, BOB, 'SUSPENDED');
    expect(codeOf(await h.market.resolveActor.execute({ userId: ALICE }))).toBe('ACCOUNT_INACTIVE');
    expect(codeOf(await h.market.resolveActor.execute({ userId: BOB }))).toBe('ACCOUNT_INACTIVE');
  });
});
