import type { AuctionId, EventStream, StoredEvent } from '@gavel/core';
import type { MemoryState } from './memory-state';

export class MemoryEventStream implements EventStream {
  constructor(private readonly db: MemoryState) {}

  async readAfter(after: number, limit: number): Promise<StoredEvent[]> {
    // Positions are 1-based indexes into the outbox, so the slice is the read.
    return this.db.outbox.slice(Math.max(0, after), Math.max(0, after) + limit);
  }

  async readAuction(auctionId: AuctionId, afterSeq: number): Promise<StoredEvent[]> {
    return (this.db.outboxByAuction.get(auctionId) ?? []).filter((e) => e.seq > afterSeq);
  }
}
