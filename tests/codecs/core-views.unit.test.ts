import { ANONYMOUS, type AuctionId, type AuctionTerms, type Viewer } from '@gavel/core';
import { AuctionStatusView, AuctionView, BidView, decode, PlaceBidResponseData } from '@gavel/contracts';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { actor, ADMIN, ALICE, BOB, CAROL, expectOk, harness, SELLER } from '../builders/harness.builder';
import { forwardTerms, HOUR, reverseTerms, T0 } from '../builders/terms.builder';
import { placeBidDataOf } from './domain-to-wire.helper';

/**
 * Real core outputs through the codecs: everything the core's views produce must decode, and
 * encoding the decoded value must give the core's object back (no field lost, renamed or added).
 */
const viewers: Record<string, Viewer> = {
  seller: { userId: SELLER, role: 'user' },
  alice: { userId: ALICE, role: 'user' },
  bob: { userId: BOB, role: 'user' },
  carol: { userId: CAROL, role: 'user' },
  admin: { userId: ADMIN, role: 'admin' },
  anonymous: ANONYMOUS,
};

/** The builders set `commissionBps`, which only an admin may; a seller leaves it to the default. */
const bySeller = ({ commissionBps: _c, ...terms }: AuctionTerms) => terms;

type Gavel = Awaited<ReturnType<typeof harness>>['gavel'];

const expectRoundTrip = <C extends t.Mixed>(codec: C, value: unknown) => {
  const decoded = codec.decode(value) as t.Validation<t.TypeOf<C>>;
  if (!isRight(decoded)) throw new Error(`${codec.name} refused ${JSON.stringify(value)}: ${JSON.stringify(decode(codec, value))}`);
  expect(codec.encode(decoded.right)).toEqual(value);
};

/** Every viewer's auction view and bid history decode and round-trip. */
const checkAllViews = async (gavel: Gavel, auctionId: AuctionId) => {
  for (const viewer of Object.values(viewers)) {
    const view = expectOk(await gavel.getAuction.execute({ auctionId, viewer }));
    expectRoundTrip(AuctionView, view);
    expect(decode(AuctionStatusView, view).ok).toBe(true);
    const bids = expectOk(await gavel.getBidHistory.execute({ auctionId, viewer }));
    for (const bid of bids) expectRoundTrip(BidView, bid);
    for (const bid of bids) expect(decode(BidView, { ...bid, bidderName: 'A***e' }).ok).toBe(true);
  }
};

describe('core views decode with the contracts', () => {
  it('a forward auction with reserve and buy now, through bids, a soft-close extension, the end and settlement', async () => {
    const { gavel, clock } = await harness();
    const created = expectOk(await gavel.createAuction.execute({
      actor: actor(SELLER), terms: bySeller(forwardTerms({ reservePrice: 5_000, buyNowPrice: 20_000, buyerPremiumBps: 300, shippingCost: 1_500 })), publish: true,
    }));
    expectRoundTrip(AuctionView, created);
    expect(created.reservePrice).toBe(5_000);
    await checkAllViews(gavel, created.id);

    const first = expectOk(await gavel.placeBid.execute({ auctionId: created.id, bidderId: ALICE, amount: 1_000, maxAmount: 3_000 }));
    const second = expectOk(await gavel.placeBid.execute({ auctionId: created.id, bidderId: BOB, amount: 2_000 }));
    expect(second.autoBids.length).toBeGreaterThan(0);
    for (const out of [first, second]) {
      expectRoundTrip(AuctionView, out.auction);
      expectRoundTrip(BidView, out.bid);
      for (const auto of out.autoBids) expectRoundTrip(BidView, auto);
      expect(decode(PlaceBidResponseData, placeBidDataOf(out))).toEqual({ ok: true, value: placeBidDataOf(out) });
    }
    await checkAllViews(gavel, created.id);

    clock.set(T0 + HOUR - 30_000);
    const late = expectOk(await gavel.placeBid.execute({ auctionId: created.id, bidderId: BOB, amount: 6_000, maxAmount: 8_000 }));
    expect(late.extended).toBe(true);
    expect(decode(PlaceBidResponseData, placeBidDataOf(late)).ok).toBe(true);
    await checkAllViews(gavel, created.id);

    clock.set(T0 + 2 * HOUR);
    expectOk(await gavel.closeAuction.execute({ auctionId: created.id }));
    const ended = expectOk(await gavel.getAuction.execute({ auctionId: created.id, viewer: viewers.seller! }));
    expect(ended.outcome).toBe('SOLD');
    expect(ended.settlement).not.toBeNull();
    await checkAllViews(gavel, created.id);
  });

  it('a reverse auction: masked identities and offer texts', async () => {
    const { gavel, clock } = await harness();
    const created = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(reverseTerms()), publish: true }));
    const details = { description: 'Full re-roof', estimatedDuration: '3 days', notes: 'tiles included' };
    const offer = expectOk(await gavel.placeBid.execute({ auctionId: created.id, bidderId: ALICE, amount: 150_000, details }));
    expect(decode(PlaceBidResponseData, placeBidDataOf(offer)).ok).toBe(true);
    expectOk(await gavel.placeBid.execute({ auctionId: created.id, bidderId: BOB, amount: 140_000, details: { notes: 'cheaper' } }));
    await checkAllViews(gavel, created.id);

    const history = expectOk(await gavel.getBidHistory.execute({ auctionId: created.id, viewer: ANONYMOUS }));
    expect(history.every((b) => b.bidderId === null && b.details === null)).toBe(true);

    clock.set(T0 + 2 * HOUR);
    expectOk(await gavel.closeAuction.execute({ auctionId: created.id }));
    await checkAllViews(gavel, created.id);
  });

  it('drafts, scheduled, cancelled and bought-now auctions', async () => {
    const { gavel, clock } = await harness();
    const draft = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms({ categoryId: 'ca7e0000-0000-4000-8000-000000000001' })) }));
    expectRoundTrip(AuctionView, draft);
    expect(draft.startTime).toBeNull();

    const scheduled = expectOk(await gavel.createAuction.execute({
      actor: actor(SELLER), terms: bySeller(forwardTerms({ startTime: T0 + HOUR / 2, endTime: T0 + 2 * HOUR, increment: { kind: 'fixed', amount: 100 } })), publish: true,
    }));
    expect(scheduled.status).toBe('SCHEDULED');
    await checkAllViews(gavel, scheduled.id);
    expectRoundTrip(AuctionView, expectOk(await gavel.cancelAuction.execute({ auctionId: scheduled.id, actor: actor(SELLER) })));

    const buyable = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms({ buyNowPrice: 9_000 })), publish: true }));
    clock.advance(60_000);
    const bought = expectOk(await gavel.buyNow.execute({ auctionId: buyable.id, buyerId: CAROL }));
    expectRoundTrip(AuctionView, bought);
    expect(bought.settlement).not.toBeNull();
    await checkAllViews(gavel, buyable.id);
  });

  it('a view missing a field or carrying a float amount does not decode', async () => {
    const { gavel } = await harness();
    const view = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms()), publish: true }));
    const { serverTime: _s, ...withoutServerTime } = view;
    expect(decode(AuctionView, withoutServerTime)).toEqual({ ok: false, details: { serverTime: 'is required' } });
    expect(decode(AuctionView, { ...view, minNextBid: 10.5 })).toEqual({ ok: false, details: { minNextBid: 'must be a non-negative integer amount in minor units' } });
    expect(decode(AuctionView, { ...view, increment: { kind: 'fixed', amount: 0 } })).toEqual({
      ok: false,
      details: { 'increment.amount': 'must be a positive integer amount in minor units' },
    });
  });
});
