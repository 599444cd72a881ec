import { type Actor, createGavel, type FraudPolicy, type GavelOptions, type UserId, UserId as toUserId } from '@gavel/core';
import { FakeClock, MemoryDatabase, SequentialIdGenerator } from '@gavel/memory';
import { T0 } from './terms.builder';

export const SELLER = toUserId('5e11e000-0000-4000-8000-000000000001');
export const ALICE = toUserId('a11ce000-0000-4000-8000-000000000002');
export const BOB = toUserId('b0b00000-0000-4000-8000-000000000003');
export const CAROL = toUserId('ca401000-0000-4000-8000-000000000004');
export const ADMIN = toUserId('ad310000-0000-4000-8000-000000000005');

export const actor = (userId: UserId, role: Actor['role'] = 'user'): Actor => ({ userId, role });

/**
 * The whole core on the memory adapters with a fake clock at T0 and deterministic ids; the
 * seller, Alice, Bob, Carol and an admin exist and are active.
 */
export const harness = async (opts: { fraudPolicies?: readonly FraudPolicy[]; defaults?: GavelOptions['defaults'] } = {}) => {
  const db = new MemoryDatabase();
  const clock = new FakeClock(T0);
  const ids = new SequentialIdGenerator();
  const gavel = createGavel({ uow: db.uow, clock, ids, fraudPolicies: opts.fraudPolicies ?? [], ...(opts.defaults ? { defaults: opts.defaults } : {}) });
  for (const id of [SELLER, ALICE, BOB, CAROL]) {
    await db.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
  }
  await db.users.save({ id: ADMIN, status: 'ACTIVE', role: 'admin', knownIps: [], knownDevices: [] });
  return { db, clock, ids, gavel };
};

/** Unwraps a Result in a test: fails loudly with the error when it is not ok. */
export const expectOk = <T>(result: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.value;
};
