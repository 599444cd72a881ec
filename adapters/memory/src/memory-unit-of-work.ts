import type { AuctionId, StoredEvent, TransactionContext, UnitOfWork } from '@gavel/core';
import type { MemoryState } from './memory-state';
import { MemoryTransaction } from './memory-transaction';

export type CommitListener = (events: readonly StoredEvent[]) => void;

/**
 * Units of work over one `MemoryState`. Work on one auction runs strictly one after another
 * (a promise queue per auction, the in-process twin of a row lock); commits are synchronous,
 * so they are atomic with respect to every other caller on the event loop.
 */
export class MemoryUnitOfWork implements UnitOfWork {
  private readonly tails = new Map<AuctionId, Promise<void>>();
  private readonly listeners = new Set<CommitListener>();

  constructor(private readonly db: MemoryState) {}

  async withAuction<T>(auctionId: AuctionId, work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    return this.withAuctions([auctionId], work);
  }

  async withAuctions<T>(auctionIds: readonly AuctionId[], work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    // In id order, one at a time: a unit holding several never waits in a cycle with another.
    const ids = [...new Set(auctionIds)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const id of ids) releases.push(await this.acquire(id));
      return await this.run(work);
    } finally {
      for (const release of releases) release();
    }
  }

  /** Waits for the auction's previous unit of work; resolves with the release of this one's turn. */
  private async acquire(auctionId: AuctionId): Promise<() => void> {
    const previous = this.tails.get(auctionId);
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous ? previous.then(() => mine) : mine;
    this.tails.set(auctionId, tail);
    if (previous) await previous;
    return () => {
      release();
      if (this.tails.get(auctionId) === tail) this.tails.delete(auctionId);
    };
  }

  async run<T>(work: (tx: TransactionContext) => Promise<T>): Promise<T> {
    const tx = new MemoryTransaction(this.db);
    const result = await work(tx);
    const committed = tx.commit();
    if (committed.length > 0) this.notify(committed);
    return result;
  }

  /** Called after each commit with its events, in order: in-process delivery (standalone app). */
  onCommit(listener: CommitListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(events: readonly StoredEvent[]): void {
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch {
        // A subscriber's failure must not undo or fail a commit that has happened; subscribers
        // that need every event read them back from the event stream by position.
      }
    }
  }
}
