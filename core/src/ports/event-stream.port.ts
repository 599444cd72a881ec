import type { AuctionEvent } from '../auction/auction-events';
import type { AuctionId } from '../shared/ids';

/** A committed event with its place in the global outbox order. */
export type StoredEvent = AuctionEvent & { readonly position: number };

/**
 * Reads committed events back: relays tail it by position, watchers resume an auction's stream
 * after a `seq` (SSE `Last-Event-ID`, a socket that detected a gap).
 */
export interface EventStream {
  /** Committed events with `position` above `after`, in position order. */
  readAfter(after: number, limit: number): Promise<StoredEvent[]>;
  /** One auction's events with `seq` above `afterSeq`, in seq order. */
  readAuction(auctionId: AuctionId, afterSeq: number): Promise<StoredEvent[]>;
}
