import { Auction, AuctionId, isOpenAt, type AuctionTerms, BidId, type CurrencyCode, defaultIncrementTable, type Result, toIso, type UserId } from '@gavel/core';
import { ADMIN, ALICE, BOB, CAROL, SELLER, actor, expectOk, harness } from '../../tests/builders/harness.builder';
import { forwardTerms, HOUR, T0 } from '../../tests/builders/terms.builder';

const MINUTE = 60_000;
const END = T0 + HOUR; // forwardTerms ends an hour after T0

/** A seller's auction through the use case (a seller may not set the commission: left out). */
const setup = async (overrides: Partial<AuctionTerms> = {}, publish = true) => {
  const h = await harness();
  const view = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: { ...forwardTerms(overrides), commissionBps: undefined }, publish }));
  return { ...h, id: view.id };
};
type H = Awaited<ReturnType<typeof setup>>;

const place = (h: H, bidderId: UserId, amount: number, maxAmount: number | null = null) =>
  h.gavel.placeBid.execute({ auctionId: h.id, bidderId, amount, maxAmount });
const codeOf = (r: Result<unknown>): string => (r.ok ? 'OK' : r.error.code);
const state = (h: H) => h.db.state.auctions.get(h.id)!;
const eventTypes = async (h: H) => (await h.db.events.readAuction(h.id, 0)).map((e) => e.type);
const view = async (h: H, userId: UserId | null = null) =>
  expectOk(await h.gavel.getAuction.execute({ auctionId: h.id, viewer: { userId, role: userId === null ? null : 'user' } }));

// SPEC "Domain rules": DRAFT → SCHEDULED → LIVE → ENDED; SPEC "HTTP API": publishing without a
// startTime (or with one in the past) makes it LIVE at once; a future startTime makes it SCHEDULED.
describe('statuses and transitions', () => {
  it('an auction is created as a DRAFT', async () => {
    const h = await setup({}, false);
    expect(state(h).status).toBe('DRAFT');
    expect(await eventTypes(h)).toEqual(['AuctionCreated']);
  });

  it('DRAFT → LIVE on publish without a start time; the start becomes the publish time', async () => {
    const h = await setup({}, false);
    h.clock.advance(5 * MINUTE);
    const v = expectOk(await h.gavel.publishAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    expect(v.status).toBe('LIVE');
    expect(v.startTime).toBe(toIso(T0 + 5 * MINUTE));
    const published = (await h.db.events.readAuction(h.id, 0))[1]!;
    expect(published).toMatchObject({ type: 'AuctionPublished', payload: { status: 'LIVE', startTime: T0 + 5 * MINUTE, endTime: END } });
  });

  it('DRAFT → LIVE on publish with a start already past', async () => {
    const h = await setup({ startTime: T0 - HOUR }, false);
    const v = expectOk(await h.gavel.publishAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    expect(v.status).toBe('LIVE');
    expect(v.startTime).toBe(toIso(T0));
  });

  it('DRAFT → SCHEDULED on publish with a future start', async () => {
    const h = await setup({ startTime: T0 + 10 * MINUTE }, false);
    const v = expectOk(await h.gavel.publishAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    expect(v.status).toBe('SCHEDULED');
    expect(v.startTime).toBe(toIso(T0 + 10 * MINUTE));
  });

  it('only a draft can be published → INVALID_STATE', async () => {
    const h = await setup();
    const r = await h.gavel.publishAuction.execute({ auctionId: h.id, actor: actor(SELLER) });
    expect(codeOf(r)).toBe('INVALID_STATE');
  });

  it('a draft whose end has passed cannot be published → VALIDATION_ERROR on endTime', async () => {
    const h = await setup({}, false);
    h.clock.set(END);
    const r = await h.gavel.publishAuction.execute({ auctionId: h.id, actor: actor(SELLER) });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { endTime: 'must be in the future' } } });
  });

  it('a SCHEDULED auction takes bids once its start has passed, even before `open` ran', async () => {
    const h = await setup({ startTime: T0 + 10 * MINUTE });
    h.clock.set(T0 + 10 * MINUTE);
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('OK');
    expect(state(h).status).toBe('LIVE');
    // the bid opened it: AuctionStarted comes before the BidPlaced that caused it
    expect(await eventTypes(h)).toEqual(['AuctionCreated', 'AuctionPublished', 'AuctionStarted', 'BidPlaced']);
  });

  it('`open` is a no-op before the start, opens at the start, and is idempotent after', async () => {
    const h = await setup({ startTime: T0 + 10 * MINUTE });
    expect(expectOk(await h.gavel.openAuction.execute({ auctionId: h.id }))).toEqual({ changed: false });
    expect(state(h).status).toBe('SCHEDULED');
    h.clock.set(T0 + 10 * MINUTE);
    expect(expectOk(await h.gavel.openAuction.execute({ auctionId: h.id }))).toEqual({ changed: true });
    expect(state(h).status).toBe('LIVE');
    expect(expectOk(await h.gavel.openAuction.execute({ auctionId: h.id }))).toEqual({ changed: false });
    expect((await eventTypes(h)).filter((t) => t === 'AuctionStarted')).toHaveLength(1);
  });

  it('`open` of an unknown auction → AUCTION_NOT_FOUND', async () => {
    const h = await setup();
    const r = await h.gavel.openAuction.execute({ auctionId: AuctionId('00000000-0000-4000-8000-00000000ffff') });
    expect(codeOf(r)).toBe('AUCTION_NOT_FOUND');
  });
});

// SPEC "Domain rules", Refusals.
describe('bid refusals', () => {
  it('a draft → AUCTION_NOT_LIVE (the aggregate); through the use case a draft is not even visible', async () => {
    const created = Auction.create(AuctionId('00000000-0000-4000-8000-0000000000d1'), SELLER, forwardTerms(), T0);
    if (!created.ok) throw new Error('terms');
    const r = created.value.placeBid({ bidderId: ALICE, amount: 1_000, maxAmount: null }, T0, () => BidId('00000000-0000-4000-8000-0000000000d2'));
    expect(codeOf(r)).toBe('AUCTION_NOT_LIVE');
    const h = await setup({}, false);
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('AUCTION_NOT_FOUND');
  });

  it('before a scheduled start → AUCTION_NOT_LIVE', async () => {
    const h = await setup({ startTime: T0 + 10 * MINUTE });
    h.clock.set(T0 + 10 * MINUTE - 1);
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('AUCTION_NOT_LIVE');
  });

  it('a cancelled auction → AUCTION_NOT_LIVE', async () => {
    const h = await setup();
    expectOk(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('AUCTION_NOT_LIVE');
  });

  it('at the end time exactly and after it → BID_AFTER_END; one millisecond before is accepted', async () => {
    const h = await setup({ extension: { windowSeconds: 0, extendBySeconds: 0 } });
    h.clock.set(END - 1);
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('OK');
    h.clock.set(END);
    expect(codeOf(await place(h, BOB, 2_000))).toBe('BID_AFTER_END');
    h.clock.set(END + HOUR);
    expect(codeOf(await place(h, BOB, 2_000))).toBe('BID_AFTER_END');
  });

  it('after close → BID_AFTER_END', async () => {
    const h = await setup();
    h.clock.set(END);
    expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    expect(state(h).status).toBe('ENDED');
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('BID_AFTER_END');
  });

  it('the seller bidding on its own auction → CANNOT_BID_OWN_AUCTION', async () => {
    const h = await setup();
    expect(codeOf(await place(h, SELLER, 1_000))).toBe('CANNOT_BID_OWN_AUCTION');
    expect(state(h).bidCount).toBe(0);
  });
});

// SPEC "Soft close": a bid accepted with less than windowSeconds left moves the end to
// max(end, bidTime + extendBySeconds) and emits auction_extended. Default 120 s / 120 s.
describe('soft close', () => {
  it('a bid 60 s before the end moves the end to bid time + 120 s and records AuctionExtended', async () => {
    const h = await setup();
    h.clock.set(END - 60_000);
    const out = expectOk(await place(h, ALICE, 1_000));
    expect(out.extended).toBe(true);
    expect(state(h).endTime).toBe(END + 60_000);
    expect(state(h).originalEndTime).toBe(END);
    expect(out.auction.endTime).toBe(toIso(END + 60_000));
    const events = await h.db.events.readAuction(h.id, 0);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['BidPlaced', 'AuctionExtended']);
    expect(events.at(-1)!.payload).toEqual({ previousEndTime: END, endTime: END + 60_000, bidId: out.bid.id });
  });

  it('a bid with exactly the window left, or more, changes nothing', async () => {
    const h = await setup();
    h.clock.set(END - 30 * MINUTE);
    expect(expectOk(await place(h, ALICE, 1_000)).extended).toBe(false);
    h.clock.set(END - 120_000);
    expect(expectOk(await place(h, BOB, 1_050)).extended).toBe(false);
    expect(state(h).endTime).toBe(END);
    expect(await eventTypes(h)).not.toContain('AuctionExtended');
  });

  it('windowSeconds 0 is a hard close: a bid 1 s before the end does not extend', async () => {
    const h = await setup({ extension: { windowSeconds: 0, extendBySeconds: 0 } });
    h.clock.set(END - 1_000);
    expect(expectOk(await place(h, ALICE, 1_000)).extended).toBe(false);
    expect(state(h).endTime).toBe(END);
  });

  it('extends again and again: each late bid pushes the end to its own time + 120 s', async () => {
    const h = await setup();
    h.clock.set(END - 60_000);
    expectOk(await place(h, ALICE, 1_000));
    const first = END + 60_000;
    expect(state(h).endTime).toBe(first);
    h.clock.set(first - 10_000);
    expectOk(await place(h, BOB, 1_050));
    expect(state(h).endTime).toBe(first + 110_000);
    h.clock.set(first + 110_000 - 1);
    expectOk(await place(h, ALICE, 1_100));
    expect(state(h).endTime).toBe(first + 110_000 - 1 + 120_000);
    expect((await eventTypes(h)).filter((t) => t === 'AuctionExtended')).toHaveLength(3);
    // the original end stays as it was, for the record
    expect(state(h).originalEndTime).toBe(END);
  });

  it('never moves the end earlier: window 300 s, extend by 60 s → a bid 200 s before the end changes nothing', async () => {
    const h = await setup({ extension: { windowSeconds: 300, extendBySeconds: 60 } });
    h.clock.set(END - 200_000);
    expect(expectOk(await place(h, ALICE, 1_000)).extended).toBe(false);
    expect(state(h).endTime).toBe(END);
    h.clock.set(END - 30_000);
    expect(expectOk(await place(h, BOB, 1_050)).extended).toBe(true);
    expect(state(h).endTime).toBe(END + 30_000);
  });

  it('closing waits for the extended end', async () => {
    const h = await setup();
    h.clock.set(END - 60_000);
    expectOk(await place(h, ALICE, 1_000));
    h.clock.set(END);
    expect(codeOf(await h.gavel.closeAuction.execute({ auctionId: h.id }))).toBe('AUCTION_NOT_ENDED');
    h.clock.set(END + 60_000);
    expect(expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id })).changed).toBe(true);
  });
});

// SPEC "Buy now": available while live until a bid meets the reserve (no reserve: until the
// first bid); buying ends the auction at once as SOLD at the buy-now price.
describe('buy now', () => {
  it('without a reserve: available until the first bid', async () => {
    const h = await setup({ buyNowPrice: 5_000 });
    expect((await view(h, BOB)).buyNowAvailable).toBe(true);
    const out = expectOk(await place(h, ALICE, 1_000));
    expect(out.auction.buyNowAvailable).toBe(false);
    expect(codeOf(await h.gavel.buyNow.execute({ auctionId: h.id, buyerId: BOB }))).toBe('BUY_NOW_UNAVAILABLE');
  });

  it('with a reserve: available while bids stay below it, gone once a bid meets it', async () => {
    const h = await setup({ reservePrice: 3_000, buyNowPrice: 5_000 });
    expect(expectOk(await place(h, ALICE, 2_000)).auction.buyNowAvailable).toBe(true);
    expect(expectOk(await place(h, BOB, 3_000)).auction.buyNowAvailable).toBe(false);
    expect(codeOf(await h.gavel.buyNow.execute({ auctionId: h.id, buyerId: CAROL }))).toBe('BUY_NOW_UNAVAILABLE');
  });

  it('ends the auction at once as SOLD at the buy-now price, settled in the same step', async () => {
    const h = await setup({ reservePrice: 3_000, buyNowPrice: 5_000 });
    expectOk(await place(h, ALICE, 2_000));
    h.clock.advance(MINUTE);
    const v = expectOk(await h.gavel.buyNow.execute({ auctionId: h.id, buyerId: BOB }));
    expect(v).toMatchObject({ status: 'ENDED', outcome: 'SOLD', winnerId: BOB, currentPrice: 5_000, bidCount: 2 });
    expect(state(h).endedAt).toBe(T0 + MINUTE);
    expect(state(h).settlement).toMatchObject({ buyerId: BOB, payeeId: SELLER, finalPrice: 5_000, commission: 250, sellerPayout: 4_750, buyerTotal: 5_000 });
    expect(h.db.state.bids.get(h.id)!.map((b) => [b.kind, b.amount])).toEqual([['bid', 2_000], ['buy_now', 5_000]]);
    const events = await h.db.events.readAuction(h.id, 0);
    expect(events.slice(-3).map((e) => e.type)).toEqual(['BidPlaced', 'AuctionEnded', 'AuctionSettled']);
    expect(events.at(-2)!.payload).toEqual({ outcome: 'SOLD', via: 'buy_now', winnerId: BOB, finalPrice: 5_000, bidCount: 2, bidderIds: [ALICE, BOB] });
  });

  it('the seller cannot buy its own item → CANNOT_BID_OWN_AUCTION', async () => {
    const h = await setup({ buyNowPrice: 5_000 });
    expect(codeOf(await h.gavel.buyNow.execute({ auctionId: h.id, buyerId: SELLER }))).toBe('CANNOT_BID_OWN_AUCTION');
  });

  it('no buy-now price → BUY_NOW_UNAVAILABLE; after the end → BID_AFTER_END; before a start → AUCTION_NOT_LIVE', async () => {
    const none = await setup();
    expect(codeOf(await none.gavel.buyNow.execute({ auctionId: none.id, buyerId: BOB }))).toBe('BUY_NOW_UNAVAILABLE');
    const late = await setup({ buyNowPrice: 5_000 });
    late.clock.set(END);
    expect(codeOf(await late.gavel.buyNow.execute({ auctionId: late.id, buyerId: BOB }))).toBe('BID_AFTER_END');
    const early = await setup({ buyNowPrice: 5_000, startTime: T0 + MINUTE });
    expect(codeOf(await early.gavel.buyNow.execute({ auctionId: early.id, buyerId: BOB }))).toBe('AUCTION_NOT_LIVE');
  });
});

// SPEC: CANCELLED from DRAFT/SCHEDULED, or LIVE without bids.
describe('cancellation', () => {
  it.each([
    ['DRAFT', {}, false],
    ['SCHEDULED', { startTime: T0 + HOUR / 2 }, true],
    ['LIVE', {}, true],
  ] as const)('a %s auction without bids can be cancelled', async (status, overrides, publish) => {
    const h = await setup(overrides, publish);
    expect(state(h).status).toBe(status);
    const v = expectOk(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    expect(v.status).toBe('CANCELLED');
    expect(state(h).endedAt).toBe(T0);
    expect((await h.db.events.readAuction(h.id, 0)).at(-1)).toMatchObject({ type: 'AuctionCancelled', payload: { cancelledBy: SELLER } });
  });

  it('a LIVE auction with bids → AUCTION_HAS_BIDS', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    expect(codeOf(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(SELLER) }))).toBe('AUCTION_HAS_BIDS');
    expect(state(h).status).toBe('LIVE');
  });

  it('an ENDED or already CANCELLED auction → INVALID_STATE', async () => {
    const ended = await setup();
    ended.clock.set(END);
    expectOk(await ended.gavel.closeAuction.execute({ auctionId: ended.id }));
    expect(codeOf(await ended.gavel.cancelAuction.execute({ auctionId: ended.id, actor: actor(SELLER) }))).toBe('INVALID_STATE');
    const cancelled = await setup();
    expectOk(await cancelled.gavel.cancelAuction.execute({ auctionId: cancelled.id, actor: actor(SELLER) }));
    expect(codeOf(await cancelled.gavel.cancelAuction.execute({ auctionId: cancelled.id, actor: actor(SELLER) }))).toBe('INVALID_STATE');
  });
});

// SPEC "HTTP API": edit, restricted once bid on (eBay: once bid on, only the description).
describe('editing', () => {
  const edit = (h: H, patch: Partial<AuctionTerms>, by: UserId = SELLER) =>
    h.gavel.editAuction.execute({ auctionId: h.id, actor: actor(by, by === ADMIN ? 'admin' : 'user'), patch });

  it('before any bid, a live auction may change its terms', async () => {
    const h = await setup();
    const v = expectOk(await edit(h, { title: 'Leica M3', startingPrice: 2_000, reservePrice: 5_000, endTime: END + HOUR }));
    expect(v).toMatchObject({ title: 'Leica M3', startingPrice: 2_000, reservePrice: 5_000, minNextBid: 2_000, endTime: toIso(END + HOUR), originalEndTime: toIso(END + HOUR) });
    expect((await h.db.events.readAuction(h.id, 0)).at(-1)).toMatchObject({
      type: 'AuctionUpdated',
      payload: { fields: ['title', 'startingPrice', 'reservePrice', 'endTime'] },
    });
  });

  it('a draft may change even its type and currency', async () => {
    const h = await setup({}, false);
    const v = expectOk(await edit(h, { type: 'reverse', currency: 'EUR', increment: { kind: 'fixed', amount: 100 } }));
    expect(v).toMatchObject({ type: 'reverse', currency: 'EUR', increment: { kind: 'fixed', amount: 100 } });
  });

  // The default table is per currency (seeds/README.md, SPEC "Money"): a draft created in USD with
  // `increment: 'table'` and moved to JPY must step in yen, not in the USD cent table.
  it('a draft moved to another currency keeps the default table of its new currency', async () => {
    const h = await setup({}, false);
    const v = expectOk(await edit(h, { currency: 'JPY' }));
    expect(v.currency).toBe('JPY');
    expect(v.increment).toEqual(defaultIncrementTable('JPY' as CurrencyCode));
  });

  it('once bid on, only the description may change', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    const v = expectOk(await edit(h, { description: 'Now with the original lens cap' }));
    expect(v.description).toBe('Now with the original lens cap');
  });

  it('once bid on, other fields → AUCTION_HAS_BIDS listing the locked fields', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    const r = await edit(h, { description: 'fine', title: 'New title', startingPrice: 500, reservePrice: 9_000 });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'AUCTION_HAS_BIDS',
        message: expect.any(String),
        details: { title: 'locked once bid on', startingPrice: 'locked once bid on', reservePrice: 'locked once bid on' },
      },
    });
    expect(state(h).description).toBe('A working rangefinder');
  });

  it('a live auction keeps its type, currency and start → INVALID_STATE', async () => {
    const h = await setup();
    const r = await edit(h, { currency: 'EUR', type: 'reverse', startTime: T0 + MINUTE });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'INVALID_STATE', details: { currency: 'fixed once live', type: 'fixed once live', startTime: 'fixed once live' } },
    });
  });

  it('invalid terms → VALIDATION_ERROR with a reason per field', async () => {
    const h = await setup();
    h.clock.set(T0 + MINUTE);
    const r = await edit(h, { reservePrice: 500, buyNowPrice: 1_000, endTime: T0 });
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION_ERROR',
        message: 'The auction is not valid',
        details: {
          reservePrice: 'must be an integer amount not below startingPrice',
          buyNowPrice: 'must be an integer amount above startingPrice',
          endTime: 'must be after startTime',
        },
      },
    });
  });

  // SPEC: a future startTime makes an auction SCHEDULED "and it goes live then"; without a start
  // it goes LIVE at once. A SCHEDULED auction without a start would never open (isOpenAt needs
  // one), refuse every bid with AUCTION_NOT_LIVE, and end NO_BIDS.
  it('a scheduled auction cannot lose its start time: it must still be able to go live', async () => {
    const h = await setup({ startTime: T0 + 10 * MINUTE });
    await edit(h, { startTime: null });
    const { status, startTime } = state(h);
    expect({ status, startTime }).not.toEqual({ status: 'SCHEDULED', startTime: null });
    h.clock.set(T0 + 10 * MINUTE);
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('OK');
  });

  // The clock is the authority (SPEC "Money, ids, time"): bids and buy now already treat an
  // auction past its end as ended (BID_AFTER_END) and a scheduled one past its start as live.
  // Editing must follow the same clock, not only the stored status, or a late close job lets a
  // seller revive an expired listing, and a started auction change its currency.
  it('a live auction past its end (not yet closed) cannot be edited back to life', async () => {
    const h = await setup();
    h.clock.set(END + MINUTE);
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('BID_AFTER_END');
    const r = await edit(h, { endTime: END + HOUR });
    expect(codeOf(r)).toBe('INVALID_STATE');
    expect(codeOf(await place(h, ALICE, 1_000))).toBe('BID_AFTER_END');
  });

  it('a scheduled auction whose start has passed keeps its type, currency and start like a live one', async () => {
    const h = await setup({ startTime: T0 + 10 * MINUTE });
    h.clock.set(T0 + 20 * MINUTE); // open for bids already, though no job has run `open` yet
    expect(isOpenAt(state(h), h.clock.now())).toBe(true);
    const r = await edit(h, { currency: 'EUR' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', details: { currency: 'fixed once live' } } });
  });

  it('an ENDED or CANCELLED auction cannot be edited → INVALID_STATE', async () => {
    const h = await setup();
    expectOk(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    expect(codeOf(await edit(h, { description: 'x' }))).toBe('INVALID_STATE');
  });
});

// SPEC: settlement at close; closing is idempotent (an auction is settled exactly once).
describe('closing', () => {
  it('before the end → AUCTION_NOT_ENDED', async () => {
    const h = await setup();
    h.clock.set(END - 1);
    expect(codeOf(await h.gavel.closeAuction.execute({ auctionId: h.id }))).toBe('AUCTION_NOT_ENDED');
    expect(state(h).status).toBe('LIVE');
  });

  it('a draft cannot close → INVALID_STATE; an unknown id → AUCTION_NOT_FOUND', async () => {
    const h = await setup({}, false);
    h.clock.set(END);
    expect(codeOf(await h.gavel.closeAuction.execute({ auctionId: h.id }))).toBe('INVALID_STATE');
    expect(codeOf(await h.gavel.closeAuction.execute({ auctionId: AuctionId('00000000-0000-4000-8000-00000000ffff') }))).toBe('AUCTION_NOT_FOUND');
  });

  it('SOLD: the leader wins at the current price', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, BOB, 1_200));
    h.clock.set(END);
    const out = expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    expect(out.changed).toBe(true);
    expect(out.state).toMatchObject({ status: 'ENDED', outcome: 'SOLD', winnerId: ALICE, currentPrice: 1_250, endedAt: END });
    const ended = (await h.db.events.readAuction(h.id, 0)).find((e) => e.type === 'AuctionEnded')!;
    expect(ended.payload).toEqual({ outcome: 'SOLD', via: 'time', winnerId: ALICE, finalPrice: 1_250, bidCount: 3, bidderIds: [ALICE, BOB] });
  });

  it('RESERVE_NOT_MET: a highest bid below the reserve wins nothing', async () => {
    const h = await setup({ reservePrice: 3_000 });
    expectOk(await place(h, ALICE, 2_000));
    h.clock.set(END);
    const out = expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    expect(out.state).toMatchObject({ outcome: 'RESERVE_NOT_MET', winnerId: null, settlement: null });
    expect((await eventTypes(h)).slice(-1)).toEqual(['AuctionEnded']);
  });

  it('NO_BIDS: nobody bid', async () => {
    const h = await setup();
    h.clock.set(END + HOUR);
    const out = expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    expect(out.state).toMatchObject({ outcome: 'NO_BIDS', winnerId: null, settlement: null, endedAt: END + HOUR });
  });

  it('is idempotent: the second close reports changed:false and records no new event', async () => {
    const h = await setup();
    expectOk(await place(h, ALICE, 1_000));
    h.clock.set(END);
    expect(expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id })).changed).toBe(true);
    const settlement = state(h).settlement;
    const events = (await h.db.events.readAfter(0, 100)).length;
    h.clock.advance(HOUR);
    const again = expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    expect(again.changed).toBe(false);
    expect((await h.db.events.readAfter(0, 100)).length).toBe(events);
    expect(state(h).settlement).toBe(settlement);
    expect(state(h).endedAt).toBe(END);
  });

  it('a cancelled auction closes as a no-op', async () => {
    const h = await setup();
    expectOk(await h.gavel.cancelAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    h.clock.set(END);
    expect(expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id })).changed).toBe(false);
    expect(state(h).status).toBe('CANCELLED');
  });
});

// SPEC "Realtime": `seq` numbers the auction's own event stream one by one without gaps.
describe('event sequence', () => {
  it('numbers every event of a whole auction 1..n without gaps', async () => {
    const h = await setup({ startTime: T0 + MINUTE }, false);
    expectOk(await h.gavel.editAuction.execute({ auctionId: h.id, actor: actor(SELLER), patch: { title: 'Leica M3' } }));
    expectOk(await h.gavel.publishAuction.execute({ auctionId: h.id, actor: actor(SELLER) }));
    h.clock.set(T0 + MINUTE);
    expectOk(await h.gavel.openAuction.execute({ auctionId: h.id }));
    expectOk(await place(h, ALICE, 1_000, 1_500));
    expectOk(await place(h, BOB, 1_200));
    expect(codeOf(await place(h, BOB, 1_100))).toBe('BID_TOO_LOW'); // refused: no event, no number
    h.clock.set(END - 30_000);
    expectOk(await place(h, CAROL, 2_000));
    h.clock.set(END + 90_000);
    expectOk(await h.gavel.closeAuction.execute({ auctionId: h.id }));
    const events = await h.db.events.readAuction(h.id, 0);
    expect(events.map((e) => e.type)).toEqual([
      'AuctionCreated',
      'AuctionUpdated',
      'AuctionPublished',
      'AuctionStarted',
      'BidPlaced',
      'BidPlaced',
      'BidPlaced',
      'AuctionExtended',
      'AuctionEnded',
      'AuctionSettled',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(state(h).seq).toBe(10);
    expect(events.every((e) => e.auctionId === h.id)).toBe(true);
  });
});
