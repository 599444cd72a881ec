import { createAdmin } from '@gavel/core';
import { ADMIN, ALICE, actor, expectOk, harness } from '../../../tests/builders/harness.builder';
import { T0 } from '../../../tests/builders/terms.builder';

const setup = async () => {
  const h = await harness();
  const admin = createAdmin({ uow: h.db.uow, clock: h.clock, categories: h.db.categories });
  return { ...h, admin };
};

describe('ManageUser', () => {
  it('lets an admin deactivate a user, and revokes its refresh tokens in the same step', async () => {
    const h = await setup();
    await h.db.uow.run((tx) => tx.refreshTokens.insert({
      id: 'r1', userId: ALICE, familyId: 'f1', tokenHash: 'h1', expiresAt: T0 + 1e9, revokedAt: null, replacedBy: null, createdAt: T0,
    }));
    const done = expectOk(await h.admin.manageUser.execute({ actor: actor(ADMIN, 'admin'), userId: ALICE, status: 'INACTIVE' }));
    expect(done).toEqual({ id: ALICE, status: 'INACTIVE', role: 'user' });
    expect((await h.db.users.get(ALICE))?.status).toBe('INACTIVE');
    const token = await h.db.uow.run((tx) => tx.refreshTokens.findByHash('h1'));
    expect(token?.revokedAt).toBe(T0);
  });

  it('promotes without touching sessions, and refuses non-admins, unknown users and self-changes', async () => {
    const h = await setup();
    expect(expectOk(await h.admin.manageUser.execute({ actor: actor(ADMIN, 'admin'), userId: ALICE, role: 'admin' })).role).toBe('admin');
    const asUser = await h.admin.manageUser.execute({ actor: actor(ALICE), userId: ADMIN, status: 'INACTIVE' });
    expect(asUser.ok ? null : asUser.error.code).toBe('FORBIDDEN');
    const unknown = await h.admin.manageUser.execute({ actor: actor(ADMIN, 'admin'), userId: '00000000-0000-4000-8000-00000000dead' as never, status: 'ACTIVE' });
    expect(unknown.ok ? null : unknown.error.code).toBe('NOT_FOUND');
    const self = await h.admin.manageUser.execute({ actor: actor(ADMIN, 'admin'), userId: ADMIN, role: 'user' });
    expect(self.ok ? null : self.error.code).toBe('VALIDATION_ERROR');
    expect((await h.db.users.get(ADMIN))?.role).toBe('admin');
  });
});

describe('SaveCategory', () => {
  it('adds categories under existing parents only, and never closes a cycle', async () => {
    const h = await setup();
    const save = (id: string, parentId: string | null) =>
      h.admin.saveCategory.execute({ actor: actor(ADMIN, 'admin'), category: { id, parentId, name: id, description: null, sortOrder: 0 } });
    expectOk(await save('art', null));
    expectOk(await save('paintings', 'art'));
    expectOk(await save('oils', 'paintings'));
    const orphan = await save('x', 'nowhere');
    expect(orphan.ok ? null : orphan.error.details).toEqual({ parentId: 'unknown category' });
    const cycle = await save('art', 'oils');
    expect(cycle.ok ? null : cycle.error.details).toEqual({ parentId: 'would form a cycle' });
    const badId = await save('Not A Slug', null);
    expect(badId.ok ? null : badId.error.code).toBe('VALIDATION_ERROR');
    expect((await h.db.categories.all()).map((c) => [c.id, c.parentId])).toEqual(
      expect.arrayContaining([['art', null], ['paintings', 'art'], ['oils', 'paintings']]),
    );
    expect(await h.db.categories.all()).toHaveLength(3);
  });

  it('is for admins only', async () => {
    const h = await setup();
    const r = await h.admin.saveCategory.execute({ actor: actor(ALICE), category: { id: 'art', parentId: null, name: 'Art', description: null, sortOrder: 0 } });
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    expect(await h.db.categories.all()).toEqual([]);
  });
});

