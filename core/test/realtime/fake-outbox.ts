import type { AuctionEvent, AuctionId, EventStream, StoredEvent } from '@gavel/core';

interface Row {
  readonly event: StoredEvent;
  state: 'open' | 'committed' | 'visible' | 'rolledback';
}

interface Tx {
  readonly auctionId: AuctionId;
  readonly rows: Row[];
}

export const auctionId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}` as AuctionId;

export const eventOf = (id: AuctionId, seq: number, position: number, type: AuctionEvent['type'] = 'AuctionUpdated'): StoredEvent =>
  (type === 'AuctionEnded'
    ? { type, auctionId: id, seq, occurredAt: 0, position, payload: { outcome: 'NO_BIDS', via: 'time', winnerId: null, finalPrice: null, bidCount: 0, bidderIds: [] } }
    : { type: 'AuctionUpdated', auctionId: id, seq, occurredAt: 0, position, payload: { fields: [] } }) as StoredEvent;

/**
 * An outbox as a database under concurrency shows it to a reader. A transaction takes its
 * positions when it inserts and becomes readable only later: committed rows turn visible one
 * by one in any order (`reveal`), so positions appear out of order and, in the harsh mode, an
 * auction's later seq may be readable before an earlier one. One open transaction per
 * auction (the row lock); a rolled back one burns its positions and no seq.
 */
export class FakeOutbox implements EventStream {
  private readonly rows: Row[] = [];
  private readonly open = new Map<AuctionId, Tx>();
  private readonly seqs = new Map<AuctionId, number>();
  private nextPosition = 1;
  /** Throws from reads while set (a dropped connection). */
  failing = false;
  reads = 0;

  /** Opens a transaction on `id` with `size` events; null while one is already open there. */
  insert(id: AuctionId, size: number, type?: AuctionEvent['type']): Tx | null {
    if (this.open.has(id)) return null;
    const first = (this.seqs.get(id) ?? 0) + 1;
    const rows = Array.from({ length: size }, (_, i) => ({ event: eventOf(id, first + i, this.nextPosition++, i === size - 1 ? type : undefined), state: 'open' as const }));
    const tx: Tx = { auctionId: id, rows };
    this.rows.push(...rows);
    this.open.set(id, tx);
    return tx;
  }

  openTransactions(): Tx[] {
    return [...this.open.values()];
  }

  /** Ends `tx`; committed rows become readable on `reveal` (or at once with `visible`). */
  end(tx: Tx, commit: boolean, visible = false): void {
    this.open.delete(tx.auctionId);
    for (const r of tx.rows) r.state = commit ? (visible ? 'visible' : 'committed') : 'rolledback';
    if (commit) this.seqs.set(tx.auctionId, tx.rows[tx.rows.length - 1]!.event.seq);
  }

  hidden(): Row[] {
    return this.rows.filter((r) => r.state === 'committed');
  }

  reveal(row: Row): void {
    row.state = 'visible';
  }

  revealAll(): void {
    for (const r of this.rows) if (r.state === 'committed') r.state = 'visible';
  }

  /** Every committed event per auction, in seq order: what the relay must deliver. */
  committed(): Map<AuctionId, StoredEvent[]> {
    const byAuction = new Map<AuctionId, StoredEvent[]>();
    for (const r of this.rows) {
      if (r.state !== 'committed' && r.state !== 'visible') continue;
      const list = byAuction.get(r.event.auctionId) ?? [];
      list.push(r.event);
      byAuction.set(r.event.auctionId, list);
    }
    for (const list of byAuction.values()) list.sort((a, b) => a.seq - b.seq);
    return byAuction;
  }

  lastPosition(): number {
    return this.nextPosition - 1;
  }

  async readAfter(after: number, limit: number): Promise<StoredEvent[]> {
    this.check();
    return this.rows.filter((r) => r.state === 'visible' && r.event.position > after).map((r) => r.event).slice(0, limit);
  }

  async readAuction(id: AuctionId, afterSeq: number): Promise<StoredEvent[]> {
    this.check();
    return this.rows
      .filter((r) => r.state === 'visible' && r.event.auctionId === id && r.event.seq > afterSeq)
      .map((r) => r.event)
      .sort((a, b) => a.seq - b.seq);
  }

  private check(): void {
    this.reads++;
    if (this.failing) throw new Error('connection lost');
  }
}
