import { MAX_AMOUNT } from '@gavel/core';
import { ALICE, BOB, SELLER, actor, expectOk, harness } from '../../tests/builders/harness.builder';
import { forwardTerms } from '../../tests/builders/terms.builder';

// Found by the HTTP fuzz: a bid near 2^53 left a minimum next bid past the largest exact number.
describe('amounts are capped at MAX_AMOUNT', () => {
  const live = async (terms = {}) => {
    const h = await harness();
    const a = expectOk(await h.gavel.createAuction.execute({ actor: actor(SELLER), terms: { ...forwardTerms(terms), commissionBps: undefined }, publish: true }));
    return { h, id: a.id };
  };

  it('refuses a bid or a proxy maximum above it, and accepts one at it with an exact next minimum', async () => {
    const { h, id } = await live({ startingPrice: 1_000, increment: { kind: 'fixed', amount: 100 } });
    const over = await h.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: MAX_AMOUNT + 1 });
    expect(over.ok ? null : [over.error.code, Object.keys(over.error.details ?? {})]).toEqual(['VALIDATION_ERROR', ['bid_amount']]);
    const maxOver = await h.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000, maxAmount: MAX_AMOUNT + 1 });
    expect(maxOver.ok ? null : Object.keys(maxOver.error.details ?? {})).toEqual(['max_amount']);
    const at = expectOk(await h.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: MAX_AMOUNT }));
    expect(at.auction.minNextBid).toBe(MAX_AMOUNT + 100);
    expect(Number.isSafeInteger(at.auction.minNextBid)).toBe(true);
  });

  it('refuses terms above it', async () => {
    const h = await harness();
    const r = await h.gavel.createAuction.execute({
      actor: actor(SELLER), terms: { ...forwardTerms({ startingPrice: MAX_AMOUNT + 1, increment: { kind: 'fixed', amount: MAX_AMOUNT + 1 } }), commissionBps: undefined },
    });
    expect(r.ok ? null : Object.keys(r.error.details ?? {}).sort()).toEqual(['increment', 'startingPrice']);
  });
});
