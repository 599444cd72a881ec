import { type AuctionDefaults, DEFAULT_AUCTION_POLICY } from './auction/auction-terms';
import { bidVelocityPolicy } from './fraud/bid-velocity.policy';
import { sharedIdentityPolicy } from './fraud/shared-identity.policy';
import type { Clock } from './ports/clock.port';
import type { FraudPolicy } from './ports/fraud-policy.port';
import type { IdGenerator } from './ports/id-generator.port';
import type { UnitOfWork } from './ports/unit-of-work.port';
import { BuyNow } from './use-cases/buy-now.use-case';
import { CancelAuction } from './use-cases/cancel-auction.use-case';
import { CloseAuction } from './use-cases/close-auction.use-case';
import { CloseAuctions } from './use-cases/close-auctions.use-case';
import { CreateAuction } from './use-cases/create-auction.use-case';
import type { UseCaseDeps } from './use-cases/dependencies';
import { EditAuction } from './use-cases/edit-auction.use-case';
import { GetAuction } from './use-cases/get-auction.use-case';
import { GetBidHistory } from './use-cases/get-bid-history.use-case';
import { OpenAuction } from './use-cases/open-auction.use-case';
import { PlaceBid } from './use-cases/place-bid.use-case';
import { PublishAuction } from './use-cases/publish-auction.use-case';

export interface GavelOptions {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Default: bid velocity (10 per minute per auction) and shared identity with the seller. */
  readonly fraudPolicies?: readonly FraudPolicy[];
  readonly defaults?: Partial<AuctionDefaults>;
}

export const defaultFraudPolicies = (): FraudPolicy[] => [bidVelocityPolicy(), sharedIdentityPolicy()];

/** Every use case, wired to the given ports: the whole core in one call, for embedding. */
export const createGavel = (opts: GavelOptions) => {
  const deps: UseCaseDeps = {
    uow: opts.uow,
    clock: opts.clock,
    ids: opts.ids,
    fraudPolicies: opts.fraudPolicies ?? defaultFraudPolicies(),
    defaults: { ...DEFAULT_AUCTION_POLICY, ...opts.defaults },
  };
  return {
    createAuction: new CreateAuction(deps),
    publishAuction: new PublishAuction(deps),
    editAuction: new EditAuction(deps),
    cancelAuction: new CancelAuction(deps),
    openAuction: new OpenAuction(deps),
    placeBid: new PlaceBid(deps),
    buyNow: new BuyNow(deps),
    closeAuction: new CloseAuction(deps),
    closeAuctions: new CloseAuctions(deps),
    getAuction: new GetAuction(deps),
    getBidHistory: new GetBidHistory(deps),
  };
};

export type Gavel = ReturnType<typeof createGavel>;
