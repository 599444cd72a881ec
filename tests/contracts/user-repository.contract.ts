import type { UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { newUser, type PersistenceFactory, type PersistenceSubject } from './persistence-subject';

export const describeUserRepositoryContract = (name: string, factory: PersistenceFactory): void => {
  describe(`UserRepository contract: ${name}`, () => {
    let subject: PersistenceSubject;
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(() => subject.close());

    it('answers null for an unknown user', async () => {
      expect(await subject.uow.run((tx) => tx.users.get(randomUUID() as UserId))).toBeNull();
    });

    it('stores a user with its status, role and fraud signals, and replaces it on save', async () => {
      const user = newUser({ role: 'admin', knownIps: ['192.0.2.1', '2001:db8::1'], knownDevices: ['fp-1'] });
      await subject.uow.run((tx) => tx.users.save(user));
      expect(await subject.uow.run((tx) => tx.users.get(user.id))).toEqual(user);
      const suspended = { ...user, status: 'SUSPENDED' as const, knownIps: [] };
      await subject.uow.run((tx) => tx.users.save(suspended));
      expect(await subject.uow.run((tx) => tx.users.get(user.id))).toEqual(suspended);
    });
  });
};
