import { Auction } from '../auction/auction';
import type { AuctionTerms } from '../auction/auction-terms';
import { type AuctionView, viewAuction } from '../auction/auction-view';
import { AuctionId } from '../shared/ids';
import { definedOnly } from '../shared/objects';
import { fail, ok, type Result } from '../shared/result';
import type { UseCaseDeps } from './dependencies';
import { type Actor, activeUser, asViewer, persist } from './support';

type Required = 'title' | 'type' | 'currency' | 'startingPrice' | 'endTime';

/** SPEC's auction body: the required fields, everything else optional with platform defaults. */
export type AuctionTermsInput = Pick<AuctionTerms, Required> & Partial<Omit<AuctionTerms, Required>>;

export interface CreateAuctionInput {
  readonly actor: Actor;
  readonly terms: AuctionTermsInput;
  /** Publish at once: LIVE without a future start, SCHEDULED with one. Default: a draft. */
  readonly publish?: boolean;
}

export class CreateAuction {
  constructor(private readonly deps: UseCaseDeps) {}

  async execute(input: CreateAuctionInput): Promise<Result<AuctionView>> {
    const { actor, terms } = input;
    // The commission is the platform's fee: only an admin may set a per-auction override.
    if (terms.commissionBps !== undefined && actor.role !== 'admin') {
      return fail('FORBIDDEN', 'Only an admin may set the commission', { commissionBps: 'admin only' });
    }
    const d = this.deps.defaults;
    const full: AuctionTerms = {
      description: '', categoryId: null, reservePrice: null, buyNowPrice: null, budgetMax: null,
      increment: 'table', startTime: null, extension: d.extension, commissionBps: d.commissionBps,
      buyerPremiumBps: d.buyerPremiumBps, shippingCost: 0, ...definedOnly(terms),
    };
    return this.deps.uow.run(async (tx) => {
      const active = await activeUser(tx, actor.userId);
      if (!active.ok) return active;
      const now = this.deps.clock.now();
      const created = Auction.create(AuctionId(this.deps.ids.next()), actor.userId, full, now);
      if (!created.ok) return created;
      const auction = created.value;
      if (input.publish) {
        const published = auction.publish(now);
        if (!published.ok) return published;
      }
      await persist(tx, auction);
      return ok(viewAuction(auction.state, asViewer(actor), now));
    });
  }
}
