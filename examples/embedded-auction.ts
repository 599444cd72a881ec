import { createGavel, type UserId } from '@gavel/core';
import { FakeClock, MemoryDatabase, RandomUuidGenerator } from '@gavel/memory';

/** A whole auction on the embedded core: the README's example, run by `npm start` and tested. */
export const runEmbeddedAuction = async (log: (line: string) => void = console.log) => {
  const db = new MemoryDatabase();
  const clock = new FakeClock(Date.UTC(2026, 10, 22, 12));
  const gavel = createGavel({ uow: db.uow, clock, ids: new RandomUuidGenerator() });
  const [seller, alice, bob] = ['seller', 'alice', 'bob'].map((n, i) => `00000000-0000-4000-8000-00000000000${i + 1}` as UserId);
  for (const id of [seller!, alice!, bob!]) await db.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });

  const created = await gavel.createAuction.execute({
    actor: { userId: seller!, role: 'user' },
    publish: true,
    terms: { title: 'Leica M6', type: 'forward', currency: 'USD', startingPrice: 10_000, reservePrice: 15_000, endTime: clock.now() + 3_600_000 },
  });
  if (!created.ok) throw new Error(created.error.message);
  const auctionId = created.value.id;

  const bids = [
    { bidderId: alice!, amount: 10_000, maxAmount: 20_000 }, // proxy up to $200: reaches the reserve, price lifts to $150
    { bidderId: bob!, amount: 16_000 },                      // Alice's proxy answers one step above: $162.50
    { bidderId: bob!, amount: 17_500, maxAmount: 25_000 },   // Bob's max beats Alice's: he leads at $202.50
  ];
  for (const bid of bids) {
    clock.advance(60_000);
    const placed = await gavel.placeBid.execute({ auctionId, ...bid });
    if (!placed.ok) throw new Error(placed.error.code);
    const a = placed.value.auction;
    log(`bid ${bid.amount} → price ${a.currentPrice}, ${placed.value.leading ? 'leading' : 'outbid'}, reserve met: ${a.reserveMet}`);
  }

  clock.advance(3_600_000);
  const closed = await gavel.closeAuction.execute({ auctionId });
  if (!closed.ok) throw new Error(closed.error.code);
  const { outcome, settlement } = closed.value.state;
  log(`${outcome}: final ${settlement?.finalPrice}, commission ${settlement?.commission}, seller payout ${settlement?.sellerPayout}`);
  return { state: closed.value.state, events: await db.events.readAfter(0, 100) };
};
