import {
  type AuctionId, type AuctionTermsInput, type CategoryRepository, type Clock, type Gavel, type IdGenerator, type PasswordHasher,
  type UnitOfWork, UserId,
} from '@gavel/core';
import type { Logger } from 'pino';

/** Documented in the README and printed at start: a demo is for trying, not for keeping secrets. */
export const DEMO_PASSWORD = 'demo-password';

export const DEMO_ACCOUNTS = [
  { username: 'demo-seller', email: 'seller@demo.gavel', name: 'Demo Seller' },
  { username: 'alice', email: 'alice@demo.gavel', name: 'Alice Bidder' },
  { username: 'bob', email: 'bob@demo.gavel', name: 'Bob Bidder' },
] as const;

const CATEGORIES = [
  { id: 'electronics', parentId: null, name: 'Electronics', description: null, sortOrder: 1 },
  { id: 'cameras', parentId: 'electronics', name: 'Cameras', description: 'Film and digital', sortOrder: 1 },
  { id: 'collectibles', parentId: null, name: 'Collectibles', description: null, sortOrder: 2 },
  { id: 'watches', parentId: 'collectibles', name: 'Watches', description: null, sortOrder: 1 },
  { id: 'services', parentId: null, name: 'Services', description: 'Reverse auctions: providers bid down', sortOrder: 3 },
] as const;

const MINUTE = 60_000;

/** Three live auctions: one with a reserve ending soon, one with buy now, one reverse. */
const demoAuctions = (now: number): AuctionTermsInput[] => [
  {
    title: 'Leica M6 film camera', description: 'Classic rangefinder, serviced last year. Reserve price applies.',
    categoryId: 'cameras', type: 'forward', currency: 'USD', startingPrice: 100_00, reservePrice: 450_00,
    endTime: now + 10 * MINUTE,
  },
  {
    title: 'Omega Seamaster 300 (1967)', description: 'Original dial, running. Buy it now or bid.',
    categoryId: 'watches', type: 'forward', currency: 'EUR', startingPrice: 200_00, buyNowPrice: 1_500_00,
    endTime: now + 3 * 60 * MINUTE,
  },
  {
    title: 'Logo design for a bakery', description: 'Reverse auction: designers offer their price, the lowest wins.',
    categoryId: 'services', type: 'reverse', currency: 'USD', startingPrice: 800_00,
    endTime: now + 60 * MINUTE,
  },
];

export interface DemoDataDeps {
  readonly uow: UnitOfWork;
  readonly categories: CategoryRepository;
  readonly gavel: Pick<Gavel, 'createAuction' | 'placeBid'>;
  readonly passwords: PasswordHasher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly logger: Logger;
}

export interface DemoDataResult {
  /** False when the demo seller existed already and nothing was added. */
  readonly created: boolean;
  readonly auctionIds: readonly AuctionId[];
}

const fail = (what: string, code: string): never => {
  throw new Error(`demo data: ${what} failed with ${code}`);
};

/**
 * Seeds the demo: accounts (one transaction, so they exist all or none), categories, auctions
 * and an opening bid. Idempotent by the demo seller: a restart on the same file adds nothing.
 */
export const seedDemoData = async (deps: DemoDataDeps): Promise<DemoDataResult> => {
  const [seller] = DEMO_ACCOUNTS;
  const exists = await deps.uow.run((tx) => tx.accounts.findByEmail(seller.email));
  if (exists) return { created: false, auctionIds: [] };

  // bcrypt is slow by design: hash once, outside the transaction.
  const passwordHash = await deps.passwords.hash(DEMO_PASSWORD);
  const userIds = await deps.uow.run(async (tx) => {
    const ids: UserId[] = [];
    for (const a of DEMO_ACCOUNTS) {
      const id = UserId(deps.ids.next());
      const conflict = await tx.accounts.create({ userId: id, ...a, passwordHash, createdAt: deps.clock.now() });
      if (conflict) fail(`account ${a.email}`, conflict);
      await tx.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
      ids.push(id);
    }
    return ids;
  });
  const [sellerId, aliceId] = userIds as [UserId, UserId, UserId];

  for (const c of CATEGORIES) await deps.categories.save(c);

  const auctionIds: AuctionId[] = [];
  for (const terms of demoAuctions(deps.clock.now())) {
    const created = await deps.gavel.createAuction.execute({ actor: { userId: sellerId, role: 'user' }, terms, publish: true });
    if (!created.ok) return fail(`auction "${terms.title}"`, created.error.code);
    auctionIds.push(created.value.id);
  }
  // One opening bid with a proxy maximum, so the camera has a history and a reserve not yet met.
  const camera = auctionIds[0]!;
  const bid = await deps.gavel.placeBid.execute({ auctionId: camera, bidderId: aliceId, amount: 120_00, maxAmount: 200_00 });
  if (!bid.ok) fail('opening bid', bid.error.code);

  deps.logger.info({ accounts: DEMO_ACCOUNTS.map((a) => a.email), auctions: auctionIds.length }, 'demo data created');
  return { created: true, auctionIds };
};
