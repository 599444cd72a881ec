import type { AuctionId, EventStream, StoredEvent } from '@gavel/core';
import type { Knex } from 'knex';
import type { RowMapper } from './rows';

/** Reads the outbox table back: by global position, or one auction's stream after a seq. */
export class KnexEventStream implements EventStream {
  constructor(
    private readonly knex: Knex,
    private readonly rows: RowMapper,
  ) {}

  async readAfter(after: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.knex('outbox').where('position', '>', after).orderBy('position').limit(limit);
    return rows.map((r) => this.rows.event(r));
  }

  async readAuction(auctionId: AuctionId, afterSeq: number): Promise<StoredEvent[]> {
    const rows = await this.knex('outbox').where({ auction_id: auctionId }).andWhere('seq', '>', afterSeq).orderBy('seq');
    return rows.map((r) => this.rows.event(r));
  }
}
