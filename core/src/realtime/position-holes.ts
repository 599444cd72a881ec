/** A run of outbox positions the relay's cursor passed over without seeing a row. */
interface Hole {
  from: number;
  to: number;
  /** When it was first seen, from the relay's clock. */
  readonly since: number;
  /** Re-read at least once since it was seen: only then may it expire. */
  tried: boolean;
}

/**
 * Positions come from an auto-increment, and concurrent transactions commit them out of order:
 * position 12 can be visible while 11 is still in flight. The cursor moves past 11, so it is
 * remembered here and re-read until a row appears there or the hole is old enough to be a
 * rolled back insert (which consumed the position but will never commit).
 */
export class PositionHoles {
  /** Sorted by `from`, disjoint. */
  private holes: Hole[] = [];

  constructor(private readonly maxRanges: number) {}

  get size(): number {
    return this.holes.length;
  }

  clear(): void {
    this.holes = [];
  }

  /** Adds [from, to], which lies above every known hole (the cursor only moves forward). */
  add(from: number, to: number, now: number): void {
    if (from > to) return;
    this.holes.push({ from, to, since: now, tried: false });
    // Bounded memory: the oldest holes are the likeliest to be rollbacks.
    if (this.holes.length > this.maxRanges) this.holes.splice(0, this.holes.length - this.maxRanges);
  }

  has(position: number): boolean {
    return this.indexOf(position) >= 0;
  }

  /** A row was seen at `position`: it is no longer a hole. */
  remove(position: number): void {
    const i = this.indexOf(position);
    if (i < 0) return;
    const h = this.holes[i]!;
    const parts: Hole[] = [];
    if (h.from < position) parts.push({ ...h, to: position - 1 });
    if (position < h.to) parts.push({ ...h, from: position + 1 });
    this.holes.splice(i, 1, ...parts);
  }

  /**
   * The ranges to re-read, holes closer than `join` positions merged into one read, and marks
   * every hole as tried.
   */
  spans(join: number): Array<{ from: number; to: number }> {
    const spans: Array<{ from: number; to: number }> = [];
    for (const h of this.holes) {
      h.tried = true;
      const last = spans[spans.length - 1];
      if (last && h.from - last.to <= join) last.to = h.to;
      else spans.push({ from: h.from, to: h.to });
    }
    return spans;
  }

  /** Forgets holes seen more than `graceMs` ago and re-read since. */
  expire(now: number, graceMs: number): void {
    this.holes = this.holes.filter((h) => !(h.tried && now - h.since >= graceMs));
  }

  private indexOf(position: number): number {
    let lo = 0;
    let hi = this.holes.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const h = this.holes[mid]!;
      if (position < h.from) hi = mid - 1;
      else if (position > h.to) lo = mid + 1;
      else return mid;
    }
    return -1;
  }
}
