import type { Account, RefreshTokenRecord, UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { T0 } from '../builders/terms.builder';
import { newUser, type PersistenceFactory, type PersistenceSubject } from './persistence-subject';

const account = (overrides: Partial<Account> = {}): Account => {
  const tag = randomUUID().slice(0, 8);
  return { userId: randomUUID() as UserId, username: `user_${tag}`, email: `${tag}@example.test`, name: 'Jane Doe', passwordHash: `$2b$12$${tag}`, createdAt: T0, ...overrides };
};

/** Stores a user and its account the way registration does: account first, then the user. */
const register = (s: PersistenceSubject, a: Account) =>
  s.uow.run(async (tx) => {
    const conflict = await tx.accounts.create(a);
    if (!conflict) await tx.users.save(newUser({ id: a.userId }));
    return conflict;
  });

/** `AccountRepository` and `RefreshTokenRepository`: logins and rotating refresh tokens. */
export const describeAccountContract = (name: string, factory: PersistenceFactory): void => {
  describe(`AccountRepository + RefreshTokenRepository contract: ${name}`, () => {
    let s: PersistenceSubject;
    beforeAll(async () => {
      s = await factory();
    });
    afterAll(() => s.close());

    it('creates an account and finds it by e-mail, username and id, with its user intact', async () => {
      const a = account();
      expect(await register(s, a)).toBeNull();
      const found = await s.uow.run(async (tx) => ({
        byEmail: await tx.accounts.findByEmail(a.email),
        byName: await tx.accounts.findByUsername(a.username),
        byId: await tx.accounts.get(a.userId),
        user: await tx.users.get(a.userId),
      }));
      expect(found.byEmail).toEqual(a);
      expect(found.byName).toEqual(a);
      expect(found.byId).toEqual(a);
      expect(found.user).toMatchObject({ id: a.userId, status: 'ACTIVE', role: 'user' });
    });

    it('answers the conflict for a taken e-mail or username and stores nothing', async () => {
      const a = account();
      await register(s, a);
      const sameEmail = account({ email: a.email });
      const sameName = account({ username: a.username });
      expect(await register(s, sameEmail)).toBe('EMAIL_ALREADY_EXISTS');
      expect(await register(s, sameName)).toBe('USERNAME_ALREADY_EXISTS');
      expect(await s.uow.run((tx) => tx.accounts.get(sameEmail.userId))).toBeNull();
      expect(await s.uow.run((tx) => tx.accounts.findByUsername(sameEmail.username))).toBeNull();
    });

    it('finds no account for a user without credentials or an unknown login', async () => {
      const bare = newUser();
      await s.uow.run((tx) => tx.users.save(bare));
      expect(await s.uow.run((tx) => tx.accounts.get(bare.id))).toBeNull();
      expect(await s.uow.run((tx) => tx.accounts.findByEmail('nobody@example.test'))).toBeNull();
    });

    it('changes the profile name, clears it with null, and keeps it when the field is absent', async () => {
      const a = account({ name: 'Old Name' });
      await register(s, a);
      const profile = () => s.uow.run((tx) => tx.accounts.get(a.userId));
      expect(await s.uow.run((tx) => tx.accounts.updateProfile(a.userId, { name: 'New Name' }))).toBe(true);
      expect(await profile()).toEqual({ ...a, name: 'New Name' });
      expect(await s.uow.run((tx) => tx.accounts.updateProfile(a.userId, {}))).toBe(true);
      expect(await profile()).toEqual({ ...a, name: 'New Name' });
      expect(await s.uow.run((tx) => tx.accounts.updateProfile(a.userId, { name: null }))).toBe(true);
      expect(await profile()).toEqual({ ...a, name: null });
      expect(await s.uow.run((tx) => tx.accounts.findByEmail(a.email))).toEqual({ ...a, name: null });
    });

    it('sees its own profile change inside the unit of work, and keeps nothing when the work throws', async () => {
      const a = account({ name: 'Kept' });
      await register(s, a);
      const failing = s.uow.run(async (tx) => {
        await tx.accounts.updateProfile(a.userId, { name: 'Rolled back' });
        expect((await tx.accounts.get(a.userId))?.name).toBe('Rolled back');
        throw new Error('boom after the update');
      });
      await expect(failing).rejects.toThrow('boom after the update');
      expect((await s.uow.run((tx) => tx.accounts.get(a.userId)))?.name).toBe('Kept');
    });

    it('answers false when updating the profile of an unknown user or of a user without a login', async () => {
      const bare = newUser();
      await s.uow.run((tx) => tx.users.save(bare));
      expect(await s.uow.run((tx) => tx.accounts.updateProfile(randomUUID() as UserId, { name: 'X' }))).toBe(false);
      expect(await s.uow.run((tx) => tx.accounts.updateProfile(bare.id, { name: 'X' }))).toBe(false);
      expect(await s.uow.run((tx) => tx.accounts.get(bare.id))).toBeNull();
    });

    it('stores refresh tokens by digest, revokes once, and revokes a family or a user’s tokens', async () => {
      const a = account();
      await register(s, a);
      const token = (familyId: string, overrides: Partial<RefreshTokenRecord> = {}): RefreshTokenRecord => ({
        id: randomUUID(), userId: a.userId, familyId, tokenHash: randomUUID().replace(/-/g, ''), expiresAt: T0 + 86_400_000,
        revokedAt: null, replacedBy: null, createdAt: T0, ...overrides,
      });
      const famA = randomUUID();
      const famB = randomUUID();
      const [a1, a2, b1] = [token(famA), token(famA), token(famB)];
      await s.uow.run(async (tx) => {
        for (const t of [a1, a2, b1]) await tx.refreshTokens.insert(t);
      });
      expect(await s.uow.run((tx) => tx.refreshTokens.findByHash(a1.tokenHash))).toEqual(a1);
      expect(await s.uow.run((tx) => tx.refreshTokens.revoke(a1.id, T0 + 5, a2.id))).toBe(true);
      expect(await s.uow.run((tx) => tx.refreshTokens.revoke(a1.id, T0 + 6, null))).toBe(false);
      expect(await s.uow.run((tx) => tx.refreshTokens.findByHash(a1.tokenHash))).toEqual({ ...a1, revokedAt: T0 + 5, replacedBy: a2.id });
      await s.uow.run((tx) => tx.refreshTokens.revokeFamily(famA, T0 + 7));
      expect((await s.uow.run((tx) => tx.refreshTokens.findByHash(a2.tokenHash)))?.revokedAt).toBe(T0 + 7);
      expect((await s.uow.run((tx) => tx.refreshTokens.findByHash(b1.tokenHash)))?.revokedAt).toBeNull();
      await s.uow.run((tx) => tx.refreshTokens.revokeAllForUser(a.userId, T0 + 8));
      expect((await s.uow.run((tx) => tx.refreshTokens.findByHash(b1.tokenHash)))?.revokedAt).toBe(T0 + 8);
      expect((await s.uow.run((tx) => tx.refreshTokens.findByHash(a1.tokenHash)))?.revokedAt).toBe(T0 + 5);
    });
  });
};
