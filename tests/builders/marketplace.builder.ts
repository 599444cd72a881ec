import { type AuctionId, type AuctionTerms, type Category, createMarketplace, type UserId, type Viewer } from '@gavel/core';
import { ADMIN, ALICE, BOB, CAROL, SELLER, actor, expectOk, harness } from './harness.builder';
import { forwardTerms, T0 } from './terms.builder';

/** Display names of the harness users; Bob has no name, so his username stands in. */
export const NAMES: ReadonlyMap<UserId, { username: string; name: string | null }> = new Map([
  [SELLER, { username: 'sam_sells', name: 'Samuel Seller' }],
  [ALICE, { username: 'alice', name: 'Alice Liddell' }],
  [BOB, { username: 'bobby', name: null }],
  [CAROL, { username: 'carol', name: 'Carol' }],
  [ADMIN, { username: 'root', name: 'Ada Admin' }],
]);

export const userViewer = (userId: UserId): Viewer => ({ userId, role: 'user' });
export const adminViewer: Viewer = { userId: ADMIN, role: 'admin' };

/**
 * The core's harness plus `createMarketplace` over the same memory database, with an account
 * (username, e-mail, name) for each harness user.
 */
export const marketplaceHarness = async () => {
  const h = await harness();
  const market = createMarketplace({
    uow: h.db.uow, clock: h.clock, catalog: h.db.catalog, categories: h.db.categories, watchlist: h.db.watchlist, directory: h.db.directory,
  });
  for (const [userId, { username, name }] of NAMES) {
    await h.db.uow.run((tx) => tx.accounts.create({ userId, username, email: `${username}@example.com`, name, passwordHash: 'x', createdAt: T0 }));
  }
  /** A forward auction by `seller` (default: the seller), published unless told otherwise. */
  const auction = async (terms: Partial<AuctionTerms> = {}, opts: { seller?: UserId; publish?: boolean } = {}): Promise<AuctionId> => {
    const created = await h.gavel.createAuction.execute({
      actor: actor(opts.seller ?? SELLER),
      terms: { ...forwardTerms(terms), commissionBps: undefined },
      publish: opts.publish ?? true,
    });
    return expectOk(created).id;
  };
  const category = (id: string, parentId: string | null, name: string, sortOrder = 0): Promise<void> => {
    const c: Category = { id, parentId, name, description: null, sortOrder };
    return h.db.categories.save(c);
  };
  const bid = async (auctionId: AuctionId, bidderId: UserId, amount: number, maxAmount: number | null = null) =>
    expectOk(await h.gavel.placeBid.execute({ auctionId, bidderId, amount, maxAmount }));
  return { ...h, market, auction, category, bid };
};

export type MarketplaceHarness = Awaited<ReturnType<typeof marketplaceHarness>>;

/** The error code of a result, or 'OK'. */
export const codeOf = (r: { ok: true } | { ok: false; error: { code: string } }): string => (r.ok ? 'OK' : r.error.code);
