import type { EventStream } from '../ports/event-stream.port';

/**
 * The highest committed position, found with O(log n) one-row reads (doubling, then
 * bisecting) instead of reading the whole outbox: "is there a row above x?" is monotone in x.
 */
export const findLastPosition = async (stream: EventStream): Promise<number> => {
  let lo = 0; // a position known to hold a row (or 0)
  let hi: number | null = null; // no row above it
  while (hi === null || lo < hi) {
    const probe: number = hi === null ? Math.max(1, lo * 2) : Math.floor((lo + hi) / 2);
    const [row] = await stream.readAfter(probe, 1);
    if (row) lo = Math.max(lo, row.position);
    else hi = probe;
    if (hi !== null && lo > hi) hi = lo; // a row committed meanwhile: take it as the end
  }
  return lo;
};
