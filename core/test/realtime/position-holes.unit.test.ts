import { PositionHoles } from '@gavel/core';

describe('PositionHoles', () => {
  it('splits a range when a row appears inside it, merges close ranges into one read, and expires only tried holes', () => {
    const holes = new PositionHoles(100);
    holes.add(3, 7, 0);
    holes.add(10, 10, 5);
    holes.add(40, 41, 5);
    holes.add(9, 8, 5); // empty: ignored
    expect(holes.size).toBe(3);
    holes.remove(5);
    expect([3, 4, 5, 6, 7].map((p) => holes.has(p))).toEqual([true, true, false, true, true]);
    holes.remove(3);
    holes.remove(8); // not a hole: no change
    expect(holes.size).toBe(4);
    holes.expire(1_000, 10);
    expect(holes.size).toBe(4); // never re-read yet
    expect(holes.spans(16)).toEqual([{ from: 4, to: 10 }, { from: 40, to: 41 }]);
    holes.expire(10, 10);
    expect([4, 6, 10, 40].map((p) => holes.has(p))).toEqual([false, false, true, true]);
  });

  it('keeps at most maxRanges, dropping the oldest', () => {
    const holes = new PositionHoles(2);
    holes.add(1, 1, 0);
    holes.add(3, 3, 0);
    holes.add(5, 5, 0);
    expect([1, 3, 5].map((p) => holes.has(p))).toEqual([false, true, true]);
  });
});
