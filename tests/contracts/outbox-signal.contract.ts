import type { AuctionEvent, AuctionId, OutboxSignal, UnitOfWork } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { T0 } from '../builders/terms.builder';
import { newUser, seedUsers, storeLiveAuction } from './persistence-subject';

/** A signal and a unit of work over the same store: commits through `uow` must fire `signal`. */
export interface OutboxSignalSubject {
  readonly signal: OutboxSignal;
  readonly uow: UnitOfWork;
  /** Resolves once the signal is live (PostgreSQL: its LISTEN is active). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export type OutboxSignalFactory = () => Promise<OutboxSignalSubject>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `count()` reaches `n` (a signal travels through the database on PostgreSQL). */
export const waitFor = async (what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await pause(5);
  }
};

const someEvent = (): AuctionEvent => ({ type: 'AuctionUpdated', auctionId: randomUUID() as AuctionId, seq: 1, occurredAt: T0, payload: { fields: ['title'] } });

/**
 * `OutboxSignal`: a hint after commits that published events. Subscribers fire after such a
 * commit, not for a rollback nor for a commit without events, and stop after unsubscribing.
 * Each negative case is followed by a commit that does fire, so "nothing arrived" is checked
 * after something provably arrived (notifications arrive in commit order).
 */
export const describeOutboxSignalContract = (name: string, factory: OutboxSignalFactory): void => {
  describe(`OutboxSignal contract: ${name}`, () => {
    let subject: OutboxSignalSubject;
    let count = 0;
    let off: () => void;
    const seller = newUser();

    beforeAll(async () => {
      subject = await factory();
      await seedUsers(subject.uow, [seller]);
      off = subject.signal.subscribe(() => count++);
      await subject.ready();
      await pause(50);
    });
    afterAll(async () => {
      off();
      await subject.close();
    });
    beforeEach(() => {
      count = 0;
    });

    const commitEvents = () => storeLiveAuction(subject.uow, seller.id);

    it('fires after a unit of work that published events commits', async () => {
      await commitEvents();
      await waitFor('the signal', () => count >= 1);
    });

    it('does not fire for a rolled back unit of work, nor for a commit without events', async () => {
      const failing = subject.uow.run(async (tx) => {
        await tx.events.publish([someEvent()]);
        throw new Error('roll back');
      });
      await expect(failing).rejects.toThrow('roll back');
      await subject.uow.run((tx) => tx.users.save(newUser()));
      await pause(100);
      expect(count).toBe(0);
      await commitEvents();
      await waitFor('the signal', () => count >= 1);
      await pause(100);
      expect(count).toBe(1);
    });

    it('fires every subscriber, even when one throws, and the commit still succeeds', async () => {
      let other = 0;
      const offThrowing = subject.signal.subscribe(() => {
        throw new Error('subscriber bug');
      });
      const offOther = subject.signal.subscribe(() => other++);
      try {
        await commitEvents();
        await waitFor('both subscribers', () => count >= 1 && other >= 1);
      } finally {
        offThrowing();
        offOther();
      }
    });

    it('stops calling a subscriber once it unsubscribed', async () => {
      let gone = 0;
      const offGone = subject.signal.subscribe(() => gone++);
      offGone();
      await commitEvents();
      await waitFor('the remaining subscriber', () => count >= 1);
      await pause(50);
      expect(gone).toBe(0);
    });
  });
};
