import { ANONYMOUS, AuctionId, toIso } from '@gavel/core';
import { AuctionStatusView } from '@gavel/contracts';
import { ALICE, BOB, CAROL, SELLER, expectOk } from '../../../tests/builders/harness.builder';
import { adminViewer, codeOf, marketplaceHarness, userViewer } from '../../../tests/builders/marketplace.builder';
import { HOUR, T0 } from '../../../tests/builders/terms.builder';

const UNKNOWN = AuctionId('99999999-0000-4000-8000-000000000099');

describe('GetAuctionStatus', () => {
  it('answers exactly the fields of the contract, with the live figures', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ reservePrice: 1_500, buyNowPrice: 9_000 });
    await h.bid(id, ALICE, 1_000);
    h.clock.set(T0 + 60_500);
    const status = expectOk(await h.market.getStatus.execute({ viewer: userViewer(ALICE), auctionId: id }));
    expect(status).toEqual({
      id, status: 'LIVE', currentPrice: 1_000, bidCount: 1, leaderId: ALICE, reserveMet: false, minNextBid: 1_050,
      buyNowAvailable: true, endTime: toIso(T0 + HOUR), serverTime: toIso(T0 + 60_500), timeRemaining: 3_539,
      seq: h.db.state.auctions.get(id)!.seq,
    });
    expect(Object.keys(status).sort()).toEqual(Object.keys(AuctionStatusView.type.props).sort());
    expect(AuctionStatusView.is(status)).toBe(true);
  });

  it('shows the leader to the leader, the seller and admins only', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction();
    await h.bid(id, ALICE, 1_000);
    const leaderFor = async (viewer: Parameters<typeof h.market.getStatus.execute>[0]['viewer']) =>
      expectOk(await h.market.getStatus.execute({ viewer, auctionId: id })).leaderId;
    expect(await leaderFor(userViewer(ALICE))).toBe(ALICE);
    expect(await leaderFor(userViewer(SELLER))).toBe(ALICE);
    expect(await leaderFor(adminViewer)).toBe(ALICE);
    expect(await leaderFor(userViewer(BOB))).toBeNull();
    expect(await leaderFor(ANONYMOUS)).toBeNull();
  });

  it('AUCTION_NOT_FOUND for an unknown auction and for another seller\'s draft; the owner and admins see drafts', async () => {
    const h = await marketplaceHarness();
    const draft = await h.auction({}, { publish: false });
    expect(codeOf(await h.market.getStatus.execute({ viewer: ANONYMOUS, auctionId: UNKNOWN }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.market.getStatus.execute({ viewer: userViewer(CAROL), auctionId: draft }))).toBe('AUCTION_NOT_FOUND');
    expect(codeOf(await h.market.getStatus.execute({ viewer: ANONYMOUS, auctionId: draft }))).toBe('AUCTION_NOT_FOUND');
    expect(expectOk(await h.market.getStatus.execute({ viewer: userViewer(SELLER), auctionId: draft })).status).toBe('DRAFT');
    expect(expectOk(await h.market.getStatus.execute({ viewer: adminViewer, auctionId: draft })).status).toBe('DRAFT');
  });

  it('timeRemaining is 0 once ended; buy now is gone', async () => {
    const h = await marketplaceHarness();
    const id = await h.auction({ buyNowPrice: 9_000 });
    expectOk(await h.gavel.buyNow.execute({ auctionId: id, buyerId: BOB }));
    expect(expectOk(await h.market.getStatus.execute({ viewer: ANONYMOUS, auctionId: id }))).toMatchObject({
      status: 'ENDED', currentPrice: 9_000, timeRemaining: 0, buyNowAvailable: false, leaderId: null,
    });
  });
});

describe('GetAuctionStatuses', () => {
  it('keeps the order asked; unknown and private ids are simply absent; repeated ids count once', async () => {
    const h = await marketplaceHarness();
    const a = await h.auction();
    const b = await h.auction();
    const draft = await h.auction({}, { publish: false });
    const got = expectOk(await h.market.getStatuses.execute({ viewer: userViewer(CAROL), ids: [b, UNKNOWN, draft, a, b] }));
    expect(got.map((s) => s.id)).toEqual([b, a]);
    const sellers = expectOk(await h.market.getStatuses.execute({ viewer: userViewer(SELLER), ids: [draft, a] }));
    expect(sellers.map((s) => s.id)).toEqual([draft, a]);
    expect(expectOk(await h.market.getStatuses.execute({ viewer: ANONYMOUS, ids: [UNKNOWN] }))).toEqual([]);
  });

  it('applies the same leader privacy per viewer', async () => {
    const h = await marketplaceHarness();
    const a = await h.auction();
    await h.bid(a, ALICE, 1_000);
    expect(expectOk(await h.market.getStatuses.execute({ viewer: userViewer(ALICE), ids: [a] }))[0]!.leaderId).toBe(ALICE);
    expect(expectOk(await h.market.getStatuses.execute({ viewer: userViewer(BOB), ids: [a] }))[0]!.leaderId).toBeNull();
  });

  it('takes 1 to 50 distinct ids; none or 51 is VALIDATION_ERROR on ids', async () => {
    const h = await marketplaceHarness();
    const many = (n: number) => Array.from({ length: n }, (_, i) => AuctionId(`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`));
    expect(await h.market.getStatuses.execute({ viewer: ANONYMOUS, ids: [] })).toEqual({
      ok: false, error: { code: 'VALIDATION_ERROR', message: expect.any(String), details: { ids: expect.any(String) } },
    });
    expect(codeOf(await h.market.getStatuses.execute({ viewer: ANONYMOUS, ids: many(51) }))).toBe('VALIDATION_ERROR');
    expect(codeOf(await h.market.getStatuses.execute({ viewer: ANONYMOUS, ids: many(50) }))).toBe('OK');
    // 51 entries but 50 distinct ones: counted once each.
    expect(codeOf(await h.market.getStatuses.execute({ viewer: ANONYMOUS, ids: [...many(50), many(1)[0]!] }))).toBe('OK');
  });
});
