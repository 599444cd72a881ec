/**
 * When `auction_ending` reminders go out (seed: "Auction Countdown: updates every 30 seconds for
 * auctions ending within 5 minutes"): the schedule `nextEndingNotice` walks, judged against the
 * policy's own definition (endTime - withinMs + k·everyMs, strictly before the end).
 */
import fc from 'fast-check';
import {
  checkEndingNoticePolicy, DEFAULT_ENDING_NOTICE_POLICY, endingNoticePolicyProblem, endingSecondsRemaining,
  type EndingNoticePolicy, nextEndingNotice,
} from '@gavel/core';
import { T0 } from '../builders/terms.builder';
import { fcParams, PROPERTY_TIMEOUT } from './rules-support';

/** Valid policies, small and large, with `everyMs` dividing `withinMs` or not, and equal to it. */
const policyArb: fc.Arbitrary<EndingNoticePolicy> = fc
  .tuple(fc.integer({ min: 1, max: 600_000 }), fc.integer({ min: 1, max: 600_000 }))
  .map(([a, b]) => ({ withinMs: Math.max(a, b), everyMs: Math.min(a, b) }))
  .filter((p) => p.withinMs / p.everyMs <= 5_000);
const endArb = fc.integer({ min: T0 - 86_400_000, max: T0 + 86_400_000 });
/** An instant around the window: well before it, inside it, on its instants, after the end. */
const afterArb = (end: number, p: EndingNoticePolicy) =>
  fc.oneof(
    fc.integer({ min: end - 2 * p.withinMs, max: end + p.everyMs }),
    fc.integer({ min: 0, max: Math.ceil(p.withinMs / p.everyMs) }).map((k) => end - p.withinMs + k * p.everyMs),
    fc.constantFrom(end - p.withinMs - 1, end - 1, end),
  );

/** Every notice instant, walked from long before the window. */
const walk = (end: number, p: EndingNoticePolicy): number[] => {
  const out: number[] = [];
  for (let t = nextEndingNotice(end, end - p.withinMs - 1, p); t !== null; t = nextEndingNotice(end, t, p)) {
    out.push(t);
    if (out.length > 10_000) throw new Error('the schedule does not end');
  }
  return out;
};

describe('ending notices (auction_ending schedule)', () => {
  it('the walk gives exactly endTime - withinMs + k·everyMs for every k with the instant before the end', () => {
    fc.assert(
      fc.property(policyArb, endArb, (p, end) => {
        const expected: number[] = [];
        for (let k = 0; end - p.withinMs + k * p.everyMs < end; k++) expected.push(end - p.withinMs + k * p.everyMs);
        expect(walk(end, p)).toEqual(expected);
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('instants lie in [endTime - withinMs, endTime), strictly increase, spaced by everyMs; the first is the window start', () => {
    fc.assert(
      fc.property(policyArb, endArb, (p, end) => {
        const instants = walk(end, p);
        expect(instants.length).toBe(Math.ceil(p.withinMs / p.everyMs));
        expect(instants[0]).toBe(end - p.withinMs);
        expect(instants.filter((t) => t < end - p.withinMs || t >= end)).toEqual([]);
        expect(instants.slice(1).filter((t, i) => t - instants[i]! !== p.everyMs)).toEqual([]);
        expect(end - instants[instants.length - 1]!).toBeLessThanOrEqual(p.everyMs);
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('next(after t) is the first instant > t: later than t, on the schedule, and no instant of the schedule in (t, next)', () => {
    fc.assert(
      fc.property(
        policyArb.chain((p) => endArb.chain((end) => afterArb(end, p).map((after) => ({ p, end, after })))),
        ({ p, end, after }) => {
          const next = nextEndingNotice(end, after, p);
          const schedule = walk(end, p);
          const expected = schedule.find((t) => t > after) ?? null;
          expect(next).toBe(expected);
          if (next !== null) {
            expect(next).toBeGreaterThan(after);
            expect(next).toBeLessThan(end);
          }
          // None left at or after the end.
          if (after >= end - 1) expect(next).toBeNull();
        },
      ),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('moving the end by d (a soft-close extension) moves every instant by d, and next(after t) stays > t', () => {
    fc.assert(
      fc.property(
        policyArb,
        endArb,
        fc.integer({ min: 1, max: 600_000 }),
        fc.integer({ min: -700_000, max: 10_000 }),
        (p, end, d, offset) => {
          expect(walk(end + d, p)).toEqual(walk(end, p).map((t) => t + d));
          const later = nextEndingNotice(end + d, end + offset, p);
          if (later !== null) expect(later).toBeGreaterThan(end + offset);
        },
      ),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('seconds remaining: rounded to the nearest second, never negative', () => {
    fc.assert(
      fc.property(endArb, fc.integer({ min: -10_000, max: 600_000 }), (end, left) => {
        const s = endingSecondsRemaining(end, end - left);
        expect(Number.isInteger(s)).toBe(true);
        expect(s).toBeGreaterThanOrEqual(0);
        if (left >= 0) expect(Math.abs(s * 1_000 - left)).toBeLessThanOrEqual(500);
        else expect(s).toBe(0);
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);
});

describe('ending notices: worked examples and the policy check', () => {
  const END = T0 + 3_600_000;

  it('the default policy: 5:00, 4:30, ..., 0:30 remaining (ten notices), none at 0:00', () => {
    const instants = walk(END, DEFAULT_ENDING_NOTICE_POLICY);
    expect(instants.map((t) => endingSecondsRemaining(END, t))).toEqual([300, 270, 240, 210, 180, 150, 120, 90, 60, 30]);
    expect(nextEndingNotice(END, END - 30_000, DEFAULT_ENDING_NOTICE_POLICY)).toBeNull();
    // Joining at 2:47 left: the next one is at 2:30, not at once.
    expect(nextEndingNotice(END, END - 167_000, DEFAULT_ENDING_NOTICE_POLICY)).toBe(END - 150_000);
  });

  it('everyMs not dividing withinMs: the first is at the window start, the last less than everyMs before the end', () => {
    expect(walk(END, { withinMs: 1_000, everyMs: 300 }).map((t) => END - t)).toEqual([1_000, 700, 400, 100]);
    expect(walk(END, { withinMs: 500, everyMs: 500 }).map((t) => END - t)).toEqual([500]);
  });

  it('refuses zero, negative, fractional and inverted policies', () => {
    expect(checkEndingNoticePolicy(DEFAULT_ENDING_NOTICE_POLICY)).toBe(DEFAULT_ENDING_NOTICE_POLICY);
    expect(endingNoticePolicyProblem({ withinMs: 1, everyMs: 1 })).toBeNull();
    for (const bad of [
      { withinMs: 0, everyMs: 1 }, { withinMs: 1_000, everyMs: 0 }, { withinMs: -5, everyMs: 1 },
      { withinMs: 1_000.5, everyMs: 10 }, { withinMs: 1_000, everyMs: Number.NaN }, { withinMs: 1_000, everyMs: 1_001 },
    ]) {
      expect(endingNoticePolicyProblem(bad)).not.toBeNull();
      expect(() => checkEndingNoticePolicy(bad)).toThrow(RangeError);
    }
  });
});
