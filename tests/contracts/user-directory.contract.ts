import type { UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { newUser, seedUsers } from './persistence-subject';
import { type ReadSideFactory, type ReadSideSubject, registerUser } from './read-side-subject';

/** `UserDirectory`: the name when set, else the username; users without a login and unknown ids absent. */
export const describeUserDirectoryContract = (name: string, factory: ReadSideFactory): void => {
  describe(`UserDirectory contract: ${name}`, () => {
    let s: ReadSideSubject;
    beforeAll(async () => {
      s = await factory();
    });
    afterAll(() => s.close());

    it('answers the name when set, else the username, and leaves unknown ids out', async () => {
      const named = await registerUser(s.uow, 'Jane Doe');
      const unnamed = await registerUser(s.uow, null);
      const bare = newUser(); // a user row without a login: nothing to show
      await seedUsers(s.uow, [bare]);
      const unknown = randomUUID() as UserId;
      const names = await s.directory.displayNames([named.userId, unnamed.userId, bare.id, unknown, named.userId, 'not-a-uuid' as UserId]);
      expect(new Map(names)).toEqual(new Map([[named.userId, 'Jane Doe'], [unnamed.userId, unnamed.username]]));
      expect((await s.directory.displayNames([])).size).toBe(0);
    });

    it('follows committed profile changes', async () => {
      const user = await registerUser(s.uow, 'Before');
      await s.uow.run((tx) => tx.accounts.updateProfile(user.userId, { name: 'After' }));
      expect((await s.directory.displayNames([user.userId])).get(user.userId)).toBe('After');
      await s.uow.run((tx) => tx.accounts.updateProfile(user.userId, { name: null }));
      expect((await s.directory.displayNames([user.userId])).get(user.userId)).toBe(user.username);
    });
  });
};
