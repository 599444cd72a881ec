import type { AuctionEvent } from '../auction/auction-events';

/**
 * Records domain events inside the current unit of work (a transactional outbox): they become
 * visible to readers if and only if the unit of work commits.
 */
export interface EventPublisher {
  publish(events: readonly AuctionEvent[]): Promise<void>;
}
