import { createMarketplace, type UnitOfWork, type User, UserId } from '@gavel/core';
import { MemoryDatabase } from '@gavel/memory';

const ALICE = UserId('00000000-0000-4000-8000-00000000a11c');
const GHOST = UserId('99999999-0000-4000-8000-000000000099');

/** A unit of work that counts its uses: the reader path must not open one. */
const countingUow = (inner: UnitOfWork) => {
  let runs = 0;
  const uow: UnitOfWork = {
    withAuction: (id, work) => inner.withAuction(id, work),
    withAuctions: (ids, work) => inner.withAuctions(ids, work),
    run: (work) => {
      runs++;
      return inner.run(work);
    },
  };
  return { uow, runs: () => runs };
};

const setup = (withReader: boolean) => {
  const db = new MemoryDatabase();
  const counted = countingUow(db.uow);
  const market = createMarketplace({
    uow: counted.uow, clock: { now: () => 0 }, catalog: db.catalog, categories: db.categories, watchlist: db.watchlist, directory: db.directory,
    ...(withReader ? { users: db.users } : {}),
  });
  const save = (u: Partial<User>) => db.users.save({ id: ALICE, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [], ...u });
  return { market, save, runs: counted.runs };
};

describe.each([
  ['with a reader outside any unit of work', true],
  ['without one (a unit of work of its own)', false],
])('ResolveActor %s', (_, withReader) => {
  it('answers the stored role and refuses missing and inactive users, reading the latest state each time', async () => {
    const { market, save, runs } = setup(withReader);
    await save({ role: 'admin' });
    const before = runs();
    expect(await market.resolveActor.execute({ userId: ALICE })).toEqual({ ok: true, value: { userId: ALICE, role: 'admin' } });
    await save({ role: 'user' });
    expect(await market.resolveActor.execute({ userId: ALICE })).toEqual({ ok: true, value: { userId: ALICE, role: 'user' } });
    await save({ status: 'SUSPENDED' });
    expect((await market.resolveActor.execute({ userId: ALICE })).ok).toBe(false);
    expect(await market.resolveActor.execute({ userId: ALICE })).toMatchObject({ error: { code: 'ACCOUNT_INACTIVE' } });
    expect(await market.resolveActor.execute({ userId: GHOST })).toMatchObject({ error: { code: 'INVALID_TOKEN' } });
    // Five checks (the saves go to the database's own unit of work, not the counted one).
    expect(runs() - before).toBe(withReader ? 0 : 5);
  });
});
