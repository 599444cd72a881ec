import type { IdempotencyStore, UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { T0 } from '../builders/terms.builder';

const DAY = 86_400_000;

export interface IdempotencySubject {
  readonly store: IdempotencyStore;
  close(): Promise<void>;
}

/** `IdempotencyStore` (SPEC, "Idempotency"): one execution per key, replays, mismatches, expiry. */
export const describeIdempotencyStoreContract = (name: string, factory: () => Promise<IdempotencySubject>): void => {
  describe(`IdempotencyStore contract: ${name}`, () => {
    let s: IdempotencySubject;
    beforeAll(async () => {
      s = await factory();
    });
    afterAll(() => s.close());
    const user = () => randomUUID() as UserId;

    it('claims a new key once; the same body then waits for, and replays, the stored reply', async () => {
      const u = user();
      expect(await s.store.claim(u, 'k1', 'hash-a', T0, DAY)).toEqual({ kind: 'claimed' });
      expect(await s.store.claim(u, 'k1', 'hash-a', T0 + 1, DAY)).toEqual({ kind: 'in_progress' });
      await s.store.complete(u, 'k1', 201, { success: true, data: { id: 'b1', amount: 2 ** 40 } });
      expect(await s.store.claim(u, 'k1', 'hash-a', T0 + 2, DAY)).toEqual({ kind: 'replay', statusCode: 201, body: { success: true, data: { id: 'b1', amount: 2 ** 40 } } });
    });

    it('answers mismatch for the same key with another body, and scopes keys per user', async () => {
      const [u, v] = [user(), user()];
      await s.store.claim(u, 'k2', 'hash-a', T0, DAY);
      await s.store.complete(u, 'k2', 201, { ok: 1 });
      expect(await s.store.claim(u, 'k2', 'hash-b', T0 + 1, DAY)).toEqual({ kind: 'mismatch' });
      expect(await s.store.claim(v, 'k2', 'hash-b', T0 + 1, DAY)).toEqual({ kind: 'claimed' });
    });

    it('lets exactly one of many concurrent claims with one key win', async () => {
      const u = user();
      const claims = await Promise.all(Array.from({ length: 50 }, () => s.store.claim(u, 'k3', 'hash-a', T0, DAY)));
      expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.kind === 'in_progress')).toHaveLength(49);
    });

    it('forgets a key after its time, and frees a released (failed) claim for a retry', async () => {
      const u = user();
      await s.store.claim(u, 'k4', 'hash-a', T0, DAY);
      await s.store.complete(u, 'k4', 201, { n: 1 });
      expect(await s.store.claim(u, 'k4', 'hash-b', T0 + DAY, DAY)).toEqual({ kind: 'claimed' });
      await s.store.claim(u, 'k5', 'hash-a', T0, DAY);
      await s.store.release(u, 'k5');
      expect(await s.store.claim(u, 'k5', 'hash-a', T0 + 1, DAY)).toEqual({ kind: 'claimed' });
    });
  });
};
