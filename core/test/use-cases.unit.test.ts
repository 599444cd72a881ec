import {
  AuctionId,
  type AuctionTerms,
  type BidPlaced,
  type CurrencyCode,
  createGavel,
  defaultIncrementTable,
  type Result,
  type UnitOfWork,
  type UserId,
} from '@gavel/core';
import { ADMIN, ALICE, BOB, CAROL, SELLER, actor, expectOk, harness } from '../../tests/builders/harness.builder';
import { forwardTerms, HOUR, T0 } from '../../tests/builders/terms.builder';

const UNKNOWN = AuctionId('00000000-0000-4000-8000-00000000ffff');
const asAdmin = actor(ADMIN, 'admin');
const codeOf = (r: Result<unknown>): string => (r.ok ? 'OK' : r.error.code);

/** forwardTerms without the commission, which only an admin may set. */
const sellerTerms = (overrides: Partial<AuctionTerms> = {}) => ({ ...forwardTerms(overrides), commissionBps: undefined });

const setup = async (overrides: Partial<AuctionTerms> = {}, publish = true) => {
  const h = await harness();
  const v = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: sellerTerms(overrides), publish }));
  return { ...h, id: v.id };
};
type H = Awaited<ReturnType<typeof setup>>;

const place = (h: H, bidderId: UserId, amount: number, maxAmount: number | null = null) =>
  h.gavel.placeBid.execute({ auctionId: h.id, bidderId, amount, maxAmount });
const deactivate = (h: { db: H['db'] }, id: UserId, status: 'INACTIVE' | 'SUSPENDED' = 'INACTIVE') =>
  h.db.users.save({ id, status, role: 'user', knownIps: [], knownDevices: [] });

// SPEC "HTTP API": an auction body with required title, type, currency, startingPrice and
// endTime; everything else optional with the platform defaults of SPEC "Domain rules".
describe('CreateAuction', () => {
  it('creates a draft from the required fields, filling in the platform defaults', async () => {
    const h = await harness();
    const v = expectOk(
      await h.gavel.createAuction.execute({
        actor: actor(SELLER),
        terms: { title: '  Vintage camera  ', type: 'forward', currency: 'USD', startingPrice: 1_000, endTime: T0 + HOUR },
      }),
    );
    expect(v).toMatchObject({
      status: 'DRAFT',
      sellerId: SELLER,
      title: 'Vintage camera',
      description: '',
      commissionBps: 500, // the seller sees its own commission
      buyerPremiumBps: 0,
      shippingCost: 0,
      extension: { windowSeconds: 120, extendBySeconds: 120 },
      increment: defaultIncrementTable('USD' as CurrencyCode),
      startTime: null,
      seq: 1,
      createdAt: '2026-01-01T12:00:00.000Z',
    });
    expect(h.db.state.auctions.get(v.id)?.status).toBe('DRAFT');
    expect((await h.db.events.readAfter(0, 100)).map((e) => e.type)).toEqual(['AuctionCreated']);
  });

  it('publishes at once when asked: LIVE, or SCHEDULED with a future start', async () => {
    const h = await harness();
    const live = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: sellerTerms(), publish: true }));
    expect(live).toMatchObject({ status: 'LIVE', startTime: '2026-01-01T12:00:00.000Z', seq: 2 });
    const later = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: sellerTerms({ startTime: T0 + HOUR / 2 }), publish: true }));
    expect(later.status).toBe('SCHEDULED');
    expect((await h.db.events.readAfter(0, 100)).map((e) => [e.auctionId === live.id ? 'live' : 'later', e.type])).toEqual([
      ['live', 'AuctionCreated'],
      ['live', 'AuctionPublished'],
      ['later', 'AuctionCreated'],
      ['later', 'AuctionPublished'],
    ]);
  });

  it('invalid terms → VALIDATION_ERROR with a reason per field, and nothing stored', async () => {
    const h = await harness();
    const r = await h.gavel.createAuction.execute({
      actor: actor(SELLER),
      terms: sellerTerms({ title: ' ', currency: 'XYZ', startingPrice: 0, endTime: T0 - 1, extension: { windowSeconds: 60, extendBySeconds: 0 } }),
    });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'The auction is not valid',
        details: {
          title: 'must be 1 to 200 characters',
          currency: 'must be an ISO 4217 currency code',
          startingPrice: 'must be a positive integer amount',
          extension: 'seconds must be integers from 0 to 86400; a window needs a positive extension',
          endTime: 'must be in the future',
        },
      },
    });
    expect(h.db.state.auctions.size).toBe(0);
    expect(await h.db.events.readAfter(0, 100)).toEqual([]);
  });

  it('a commission from a non-admin → FORBIDDEN (even the default value); from an admin it is kept', async () => {
    const h = await harness();
    const r = await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: forwardTerms({ commissionBps: 500 }) });
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', details: { commissionBps: 'admin only' } } });
    expect(h.db.state.auctions.size).toBe(0);
    const v = expectOk(await h.gavel.createAuction.execute({ actor: asAdmin, terms: forwardTerms({ commissionBps: 750 }) }));
    expect(v.commissionBps).toBe(750);
  });

  it.each(['INACTIVE', 'SUSPENDED'] as const)('a %s seller → ACCOUNT_INACTIVE, and nothing stored', async (status) => {
    const h = await harness();
    await deactivate(h, SELLER, status);
    expect(codeOf(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: sellerTerms() }))).toBe('ACCOUNT_INACTIVE');
    expect(h.db.state.auctions.size).toBe(0);
  });
});

// SPEC "HTTP API": publish, edit and cancel belong to the seller; admins manage every auction.
describe('who may manage an auction', () => {
  it('publish by another user: a draft is not even visible (AUCTION_NOT_FOUND); a published one → FORBIDDEN', async () => {
    const draft = await setup({}, false);
    expect(codeOf(await draft.gavel.publishAuction.execute({ auctionId: draft.id, actor: actor(ALICE) }))).toBe('AUCTION_NOT_FOUND');
    expect(draft.db.state.auctions.get(draft.id)!.status).toBe('DRAFT');
    const scheduled = await setup({ startTime: T0 + HOUR / 2 });
    // the permission is checked before the state, so nobody learns what a publish would do
    expect(codeOf(await scheduled.gavel.publishAuction.execute({ auctionId: scheduled.id, actor: actor(ALICE) }))).toBe('FORBIDDEN');
  });

  it('publish by an admin', async () => {
    const h = await setup({}, false);
    expect(expectOk(await h.gavel.publishAuction.execute({ auctionId: h.id, actor: asAdmin })).status).toBe('LIVE');
  });

  it('edit by another user → FORBIDDEN; by an admin ok', async () => {
    const h = await setup();
    expect(codeOf(await h.gavel.editAuction.execute({ auctionId: h.id, actor: actor(ALICE), patch: { title: 'Mine now' } }))).toBe('FORBIDDEN');
    expect(h.db.state.auctions.get(h.id)!.title).toBe('Vintage camera');
    const v = expectOk(await h.gavel.editAuction.execute({ auctionId: h.id, actor: asAdmin, patch: { title: 'Leica M3' } }));
    expect(v.title).toBe('Leica M3');
  });

  it('the commission: the seller may not change it (FORBIDDEN), an admin may', async () => {
    const h = await setup();
    expect(codeOf(await h.gavel.editAuction.execute({ auctionId: h.id, actor: actor(SELLER), patch: { commissionBps: 100 } }))).toBe('FORBIDDEN');
    expect(expectOk(await h.gavel.editAuction.execute({ auctionId: h.id, actor: asAdmin, patch: { commissionBps: 100 } })).commissionBps).toBe(100);
  });

  it('cancel by another user → FORBIDDEN; by an admin ok', async () => {
    const h = await setup();
    expect(codeOf(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(BOB) }))).toBe('FORBIDDEN');
    expect(expectOk(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: asAdmin })).status).toBe('CANCELLED');
    expect((await h.db.events.readAuction(h.id, 0)).at(-1)!.payload).toEqual({ cancelledBy: ADMIN });
  });

  it('an inactive seller can no longer manage its auction → ACCOUNT_INACTIVE', async () => {
    const h = await setup({}, false);
    await deactivate(h, SELLER);
    expect(codeOf(await h.gavel.publishAuction.execute({ auctionId: h.id, actor: actor(SELLER) }))).toBe('ACCOUNT_INACTIVE');
    expect(codeOf(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(SELLER) }))).toBe('ACCOUNT_INACTIVE');
  });
});

describe('PlaceBid input and access', () => {
  it.each(['INACTIVE', 'SUSPENDED'] as const)('a %s bidder → ACCOUNT_INACTIVE', async (status) => {
    const h = await setup();
    await deactivate(h, ALICE, status);
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('ACCOUNT_INACTIVE');
    expect(h.db.state.auctions.get(h.id)!.bidCount).toBe(0);
  });

  it('an inactive buyer cannot buy now → ACCOUNT_INACTIVE', async () => {
    const h = await setup({ buyNowPrice: 5_000 });
    await deactivate(h, BOB);
    expect(codeOf(await h.gavel.buyNow.execute({ auctionId: h.id, buyerId: BOB }))).toBe('ACCOUNT_INACTIVE');
    expect(h.db.state.auctions.get(h.id)!.status).toBe('LIVE');
  });

  it('a user unknown to the repository → ACCOUNT_INACTIVE', async () => {
    const h = await setup();
    expect(codeOf(await place(h, 'dddddddd-0000-4000-8000-000000000009' as UserId, 1_000))).toBe('ACCOUNT_INACTIVE');
  });

  it('an unknown auction → AUCTION_NOT_FOUND, in every use case', async () => {
    const h = await setup();
    expect(codeOf(await h.gavel.placeBid.execute({ auctionId: UNKNOWN, bidderId: ALICE, amount: 1_000 }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.buyNow.execute({ auctionId: UNKNOWN, buyerId: ALICE }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.getAuction.execute({ auctionId: UNKNOWN, viewer: { userId: ALICE, role: 'user' } }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.getBidHistory.execute({ auctionId: UNKNOWN, viewer: { userId: ALICE, role: 'user' } }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.publishAuction.execute({ auctionId: UNKNOWN, actor: asAdmin }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.editAuction.execute({ auctionId: UNKNOWN, actor: asAdmin, patch: { title: 'x' } }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.gavel.cancelAuction.execute({ auctionId: UNKNOWN, actor: asAdmin }))).toBe('AUCTION_NOT_FOUND');
  });

  // SPEC: `bid_amount` integer > 0 (seed 003), `max_amount` ≥ bid; amounts are never floats.
  it.each([
    ['amount 0', 0, null, 'bid_amount'],
    ['a negative amount', -100, null, 'bid_amount'],
    ['a float amount', 1_000.5, null, 'bid_amount'],
    ['NaN', Number.NaN, null, 'bid_amount'],
    ['an unsafe integer', 2 ** 53, null, 'bid_amount'],
    ['max below amount', 1_200, 1_100, 'max_amount'],
    ['a float max', 1_000, 1_500.5, 'max_amount'],
  ])('%s → VALIDATION_ERROR on that field', async (_label, amount, max, field) => {
    const h = await setup();
    const r = await place(h, ALICE, amount, max);
    expect(r).toEqual({ ok: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: { [field]: expect.any(String) } } });
    expect(h.db.state.auctions.get(h.id)!.bidCount).toBe(0);
  });

  it('answers with the bid, the automatic answers and the auction as the bidder sees it', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    const out = expectOk(await place(h, BOB, 1_200));
    expect(out.bid).toMatchObject({ bidderId: BOB, amount: 1_200, kind: 'bid', isMine: true, ordinal: 2 });
    // Bob sees the proxy's answer but not whose it is: bidder identities are private.
    expect(out.autoBids).toEqual([expect.objectContaining({ bidderId: null, amount: 1_250, kind: 'auto', isAuto: true, isMine: false, maxAmount: null })]);
    expect(out).toMatchObject({ leading: false, extended: false, auction: { currentPrice: 1_250, minNextBid: 1_300, isLeading: false, myMaxAmount: null } });
  });

  it('GetBidHistory lists rows newest first, with a limit', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, BOB, 1_200));
    const all = expectOk(await h.gavel.getBidHistory.execute({ auctionId: h.id, viewer: { userId: CAROL, role: 'user' } }));
    expect(all.map((b) => [b.ordinal, b.kind, b.amount])).toEqual([[3, 'auto', 1_250], [2, 'bid', 1_200], [1, 'bid', 1_000]]);
    const two = expectOk(await h.gavel.getBidHistory.execute({ auctionId: h.id, viewer: { userId: CAROL, role: 'user' }, limit: 2 }));
    expect(two.map((b) => b.ordinal)).toEqual([3, 2]);
  });
});

// SPEC "Realtime": events leave through a transactional outbox, published if and only if their
// transaction committed.
describe('events and the unit of work', () => {
  it('every committed command lands in the outbox, in seq order, with consecutive positions', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, BOB, 1_200));
    const stored = await h.db.events.readAfter(0, 100);
    expect(stored.map((e) => [e.position, e.seq, e.type])).toEqual([
      [1, 1, 'AuctionCreated'],
      [2, 2, 'AuctionPublished'],
      [3, 3, 'BidPlaced'],
      [4, 4, 'BidPlaced'],
    ]);
    expect((await h.db.events.readAfter(2, 100)).map((e) => e.seq)).toEqual([3, 4]);
  });

  it('a refused command adds no event', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    const before = (await h.db.events.readAfter(0, 100)).length;
    expect(codeOf(await place(h, BOB, 1_001))).toBe('BID_TOO_LOW');
    expect(codeOf(await place(h, ALICE, 2_000))).toBe('ALREADY_HIGHEST_BIDDER');
    expect(codeOf(await place(h, SELLER, 2_000))).toBe('CANNOT_BID_OWN_AUCTION');
    expect((await h.db.events.readAfter(0, 100)).length).toBe(before);
  });

  it('a unit of work that fails after writing leaves no event, no bid row and no state change', async () => {
    const h = await setup();
    // The same memory database, but the outbox write of the bid's unit of work crashes after
    // the auction was saved and the events handed over: the whole unit of work must vanish.
    const crashing: UnitOfWork = {
      run: (work) => h.db.uow.run(work),
      withAuctions: (ids, work) => h.db.uow.withAuctions(ids, work),
      withAuction: (id, work) =>
        h.db.uow.withAuction(id, (tx) =>
          work({
            ...tx,
            auctions: tx.auctions,
            events: {
              publish: async (events) => {
                await tx.events.publish(events);
                throw new Error('outbox write failed');
              },
            },
          }),
        ),
    };
    const gavel = createGavel({ uow: crashing, clock: h.clock, ids: h.ids, fraudPolicies: [] });
    const before = { ...h.db.state.auctions.get(h.id)! };
    const outbox = (await h.db.events.readAfter(0, 100)).length;
    await expect(gavel.placeBid.execute({ auctionId: h.id, bidderId: ALICE, amount: 1_000 })).rejects.toThrow('outbox write failed');
    expect((await h.db.events.readAfter(0, 100)).length).toBe(outbox);
    expect(h.db.state.bids.get(h.id)).toBeUndefined();
    expect(h.db.state.auctions.get(h.id)).toEqual(before);
    // and the auction is still usable afterwards through the ordinary unit of work
    expect(expectOk(await place(h, ALICE, 1_000)).auction.seq).toBe(3);
  });
});

// SPEC "Persistence": bid placement is atomic under contention: no lost update, no two leaders,
// bid count and current price always consistent with the bids table.
describe('concurrent bids on one auction', () => {
  it('50 bids at once through placeBid leave a consistent auction', async () => {
    const h = await setup();
    const bidders = [ALICE, BOB, CAROL];
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        h.gavel.placeBid.execute({
          auctionId: h.id,
          bidderId: bidders[i % 3]!,
          amount: 1_000 + 40 * i,
          maxAmount: i % 5 === 0 ? 1_000 + 40 * i + 300 : null,
        }),
      ),
    );
    const accepted = results.filter((r) => r.ok);
    const refusals = new Set(results.flatMap((r) => (r.ok ? [] : [r.error.code])));
    expect(accepted.length).toBeGreaterThan(10);
    for (const code of refusals) expect(['BID_TOO_LOW', 'ALREADY_HIGHEST_BIDDER']).toContain(code);

    const state = h.db.state.auctions.get(h.id)!;
    const rows = h.db.state.bids.get(h.id)!;
    expect(state.bidCount).toBe(rows.length);
    expect(rows.map((b) => b.ordinal)).toEqual(rows.map((_, i) => i + 1));
    expect(state.currentPrice).toBe(rows.at(-1)!.amount);
    expect(state.leaderId).toBe(rows.at(-1)!.bidderId);

    const events = await h.db.events.readAuction(h.id, 0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(state.seq).toBe(events.length);
    const placed = events.flatMap((e) => (e.type === 'BidPlaced' ? [e as BidPlaced] : []));
    expect(placed).toHaveLength(accepted.length);
    // The events explain the bids table row by row, and the price only ever goes up.
    expect(placed.flatMap((e) => e.payload.bids.map((b) => b.id))).toEqual(rows.map((b) => b.id));
    const prices = placed.map((e) => e.payload.currentPrice);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    expect(placed.at(-1)!.payload).toMatchObject({ currentPrice: state.currentPrice, leaderId: state.leaderId, bidCount: state.bidCount });
  });
});
