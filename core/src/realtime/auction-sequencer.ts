import type { StoredEvent } from '../ports/event-stream.port';
import type { AuctionId } from '../shared/ids';

/** Seqs a relay gave up waiting for (an outbox row that never became readable). */
export interface RelaySkip {
  readonly auctionId: AuctionId;
  readonly fromSeq: number;
  readonly toSeq: number;
  readonly reason: 'timeout' | 'overflow';
}

/** After this event nothing more happens to the auction, so its ordering state can go. */
const isFinal = (e: StoredEvent): boolean =>
  e.type === 'AuctionCancelled' || e.type === 'AuctionSettled' || (e.type === 'AuctionEnded' && e.payload.outcome !== 'SOLD');

/**
 * Per-auction ordering: hands events to `deliver` strictly in `seq` order, each once, holding
 * any that arrive ahead of a missing one. Pure bookkeeping; the relay does the reading.
 */
export class AuctionSequencer {
  /** The last seq delivered per auction (the baseline until the first delivery). */
  private readonly last = new Map<AuctionId, number>();
  private readonly held = new Map<AuctionId, Map<number, StoredEvent>>();
  /** When each auction's current gap opened (or last narrowed). */
  private readonly gapSince = new Map<AuctionId, number>();
  /** Auctions whose final event was delivered, with that event's position. */
  private readonly retiring = new Map<AuctionId, number>();
  /** True when every auction's stream is read from seq 1 (the relay started at position 0). */
  private fromFirst = true;

  constructor(private readonly deliver: (event: StoredEvent) => void) {}

  reset(fromFirst: boolean): void {
    this.fromFirst = fromFirst;
    this.last.clear();
    this.held.clear();
    this.gapSince.clear();
    this.retiring.clear();
  }

  /**
   * True when `e` is the first event seen of an auction whose earlier events may or may not
   * belong after the start: the relay may settle the baseline (`setBaseline`) before offering.
   */
  needsBaseline(e: StoredEvent): boolean {
    return !this.fromFirst && e.seq > 1 && !this.last.has(e.auctionId);
  }

  /** Events up to `lastSeq` count as delivered (they were committed before the start). */
  setBaseline(auctionId: AuctionId, lastSeq: number): void {
    if (!this.last.has(auctionId)) this.last.set(auctionId, lastSeq);
  }

  /** Takes one event from any read; delivers it and whatever it unblocks, or holds it. */
  offer(e: StoredEvent, now: number): void {
    const id = e.auctionId;
    let last = this.last.get(id);
    if (last === undefined) {
      // Without a settled baseline, the first event seen sets it: what came before it was
      // committed before the start.
      last = this.fromFirst || e.seq === 1 ? 0 : e.seq - 1;
      this.last.set(id, last);
    }
    if (e.seq <= last) return;
    if (e.seq === last + 1) {
      this.emit(e);
      this.drain(id, e.seq, now);
      return;
    }
    let held = this.held.get(id);
    if (!held) {
      held = new Map();
      this.held.set(id, held);
      this.gapSince.set(id, now);
    }
    held.set(e.seq, e);
  }

  /** Auctions waiting for a missing seq, with the last seq delivered: the gap starts after it. */
  gaps(): Array<{ auctionId: AuctionId; after: number }> {
    return [...this.held.keys()].map((auctionId) => ({ auctionId, after: this.last.get(auctionId)! }));
  }

  /**
   * Gives up on gaps open longer than `timeoutMs` or holding more than `maxHeld` events: never
   * in a healthy database (a seq is readable before the next one commits), but a deleted outbox
   * row must not freeze an auction's stream or grow memory without end. Reported, not silent.
   */
  skipStale(now: number, timeoutMs: number, maxHeld: number, report: (skip: RelaySkip) => void): void {
    for (const [auctionId, held] of [...this.held]) {
      const overflow = held.size > maxHeld;
      if (!overflow && now - this.gapSince.get(auctionId)! < timeoutMs) continue;
      const next = Math.min(...held.keys());
      const last = this.last.get(auctionId)!;
      this.last.set(auctionId, next - 1);
      report({ auctionId, fromSeq: last + 1, toSeq: next - 1, reason: overflow ? 'overflow' : 'timeout' });
      this.drain(auctionId, next - 1, now);
    }
  }

  /**
   * Forgets auctions whose final event lies at or below `cursor`: no read can return one of
   * their events again (the tail is past it, gap reads only run for held auctions).
   */
  retire(cursor: number): void {
    for (const [id, position] of this.retiring) {
      if (position > cursor || this.held.has(id)) continue;
      this.retiring.delete(id);
      this.last.delete(id);
    }
  }

  stats(): { auctions: number; held: number } {
    let held = 0;
    for (const h of this.held.values()) held += h.size;
    return { auctions: this.last.size, held };
  }

  /** Records `seq` as delivered and delivers the held events that now follow. */
  private drain(id: AuctionId, seq: number, now: number): void {
    let last = seq;
    const held = this.held.get(id);
    if (held) {
      for (let next = held.get(last + 1); next; next = held.get(last + 1)) {
        held.delete(last + 1);
        this.emit(next);
        last++;
      }
      for (const s of held.keys()) if (s <= last) held.delete(s);
      if (held.size === 0) {
        this.held.delete(id);
        this.gapSince.delete(id);
      } else if (last > seq) {
        this.gapSince.set(id, now);
      }
    }
    this.last.set(id, last);
  }

  private emit(e: StoredEvent): void {
    // Recorded before delivery so a listener that throws cannot make the seq deliver twice.
    this.last.set(e.auctionId, e.seq);
    if (isFinal(e)) this.retiring.set(e.auctionId, e.position);
    this.deliver(e);
  }
}
