import type { AuctionDefaults } from '../auction/auction-terms';
import type { Clock } from '../ports/clock.port';
import type { FraudPolicy } from '../ports/fraud-policy.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';

/** What every use case may depend on: ports only. */
export interface UseCaseDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly fraudPolicies: readonly FraudPolicy[];
  readonly defaults: AuctionDefaults;
}
