/**
 * When bids count (SPEC "Domain rules": statuses, refusals, soft close): properties 6 and 7.
 */
import fc from 'fast-check';
import { Auction, UserId } from '@gavel/core';
import { forwardTerms, T0 } from '../builders/terms.builder';
import { AUCTION_ID, bidIds, check, fcParams, outcomeOf, PROPERTY_TIMEOUT, runScenario, scenarioArb, SELLER_ID } from './rules-support';

describe('timing (forward auctions)', () => {
  it('6. nothing is accepted before the start or at/after the (possibly extended) end: AUCTION_NOT_LIVE / BID_AFTER_END', () => {
    fc.assert(
      fc.property(scenarioArb(), (sc) => {
        const run = runScenario(sc);
        const start = sc.terms.startTime ?? T0;
        for (const step of run.steps) {
          const outcome = outcomeOf(step.result);
          if (step.at >= step.before.endTime) {
            check(outcome === 'BID_AFTER_END', run, `step ${step.index}: at/after the end (${step.at - step.before.endTime} ms) got ${outcome}`);
          } else if (step.at < start) {
            check(outcome === 'AUCTION_NOT_LIVE', run, `step ${step.index}: ${start - step.at} ms before the start got ${outcome}`);
          } else {
            check(outcome !== 'BID_AFTER_END' && outcome !== 'AUCTION_NOT_LIVE', run, `step ${step.index}: inside the auction got ${outcome}`);
          }
          if (!step.result.ok) continue;
          check(step.at >= start && step.at < step.before.endTime, run, `step ${step.index}: accepted outside [start, end)`);
          check(step.after.status === 'LIVE', run, `step ${step.index}: accepted but status ${step.after.status}`);
          const types = step.events.map((e) => e.type);
          const opened = step.before.status === 'SCHEDULED';
          // A scheduled auction whose start has come opens with its first accepted bid.
          check(types[0] === (opened ? 'AuctionStarted' : 'BidPlaced') && types.includes('BidPlaced'), run, `step ${step.index}: events ${types.join(',')}`);
        }
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('7. soft close: an accepted bid with less than the window left moves the end to max(end, t + extendBy) and emits AuctionExtended when it moves; otherwise the end stays', () => {
    fc.assert(
      fc.property(scenarioArb(), (sc) => {
        const run = runScenario(sc);
        const { windowSeconds, extendBySeconds } = sc.terms.extension;
        for (const step of run.steps) {
          const prevEnd = step.before.endTime;
          const extendedEvents = step.events.filter((e) => e.type === 'AuctionExtended');
          check(step.after.originalEndTime === sc.terms.endTime, run, `step ${step.index}: originalEndTime changed`);
          if (!step.result.ok) {
            check(step.after.endTime === prevEnd && extendedEvents.length === 0, run, `step ${step.index}: a refused bid moved the end`);
            continue;
          }
          const late = windowSeconds > 0 && prevEnd - step.at < windowSeconds * 1_000;
          const expectedEnd = late ? Math.max(prevEnd, step.at + extendBySeconds * 1_000) : prevEnd;
          const moved = expectedEnd > prevEnd;
          check(step.after.endTime === expectedEnd, run, `step ${step.index}: end ${step.after.endTime - prevEnd} ms from the previous end, expected ${expectedEnd - prevEnd}`);
          check(step.result.value.extended === moved, run, `step ${step.index}: extended flag ${step.result.value.extended}, expected ${moved}`);
          check(extendedEvents.length === (moved ? 1 : 0), run, `step ${step.index}: ${extendedEvents.length} AuctionExtended events, expected ${moved ? 1 : 0}`);
          const ev = extendedEvents[0];
          if (ev !== undefined && ev.type === 'AuctionExtended') {
            check(ev.payload.previousEndTime === prevEnd && ev.payload.endTime === expectedEnd && ev.payload.bidId === step.result.value.bid.id, run, `step ${step.index}: AuctionExtended payload`);
            check(step.events.indexOf(ev) === step.events.length - 1 && step.events[step.events.length - 2]!.type === 'BidPlaced', run, `step ${step.index}: AuctionExtended does not follow its BidPlaced`);
          }
          const placed = step.events.find((e) => e.type === 'BidPlaced');
          check(placed !== undefined && placed.type === 'BidPlaced' && placed.payload.endTime === step.after.endTime, run, `step ${step.index}: BidPlaced carries a stale end`);
        }
        if (windowSeconds === 0) {
          check(run.auction.state.endTime === sc.terms.endTime, run, 'a 0-second window moved the end');
        }
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('7b. a 0-second window (hard close) never extends, however late the bids', () => {
    const hardClose = fc.record({ windowSeconds: fc.constant(0), extendBySeconds: fc.constantFrom(0, 1, 120, 86_400) });
    fc.assert(
      fc.property(scenarioArb({ extension: hardClose }), (sc) => {
        const run = runScenario(sc);
        check(run.events.every((e) => e.type !== 'AuctionExtended'), run, 'AuctionExtended under a hard close');
        check(run.steps.every((s) => s.after.endTime === sc.terms.endTime && !(s.result.ok && s.result.value.extended)), run, 'the end moved under a hard close');
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);
});

describe('timing: worked examples', () => {
  const A = UserId('a0000000-0000-4000-8000-00000000000a');
  const B = UserId('b0000000-0000-4000-8000-00000000000b');
  const ids = bidIds();
  const make = (overrides: Parameters<typeof forwardTerms>[0]) => {
    const r = Auction.create(AUCTION_ID, SELLER_ID, forwardTerms(overrides), T0 - 1_000);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    r.value.publish(T0);
    r.value.flush();
    return r.value;
  };

  it('the start instant is inside, the end instant is outside', () => {
    const a = make({ startTime: T0 + 60_000, endTime: T0 + 120_000, extension: { windowSeconds: 0, extendBySeconds: 0 } });
    expect(a.placeBid({ bidderId: A, amount: 1_000, maxAmount: null }, T0 + 59_999, ids)).toMatchObject({ ok: false, error: { code: 'AUCTION_NOT_LIVE' } });
    expect(a.placeBid({ bidderId: A, amount: 1_000, maxAmount: null }, T0 + 60_000, ids).ok).toBe(true);
    expect(a.placeBid({ bidderId: B, amount: 1_050, maxAmount: null }, T0 + 120_000, ids)).toMatchObject({ ok: false, error: { code: 'BID_AFTER_END' } });
    expect(a.flush().events.map((e) => e.type)).toEqual(['AuctionStarted', 'BidPlaced']);
  });

  it('exactly the window left does not extend; one millisecond less does', () => {
    const end = T0 + 600_000;
    const a = make({ endTime: end, extension: { windowSeconds: 120, extendBySeconds: 120 } });
    const first = a.placeBid({ bidderId: A, amount: 1_000, maxAmount: null }, end - 120_000, ids);
    expect(first.ok && first.value.extended).toBe(false);
    const second = a.placeBid({ bidderId: B, amount: 1_050, maxAmount: null }, end - 119_999, ids);
    expect(second.ok && second.value.extended).toBe(true);
    expect(a.state.endTime).toBe(end + 1);
  });

  it('an extension shorter than the window only moves the end when t + extendBy passes it (no AuctionExtended for an unmoved end)', () => {
    // SPEC: "moves the end to max(end, bidTime + extendBySeconds) and emits auction_extended".
    // With 100 s left and a 30 s extension the max is the old end: nothing moves, and the core
    // emits no AuctionExtended (an event saying the end is what it was would be noise).
    const end = T0 + 600_000;
    const a = make({ endTime: end, extension: { windowSeconds: 120, extendBySeconds: 30 } });
    const early = a.placeBid({ bidderId: A, amount: 1_000, maxAmount: null }, end - 100_000, ids);
    expect(early.ok && early.value.extended).toBe(false);
    expect(a.state.endTime).toBe(end);
    expect(a.flush().events.map((e) => e.type)).toEqual(['BidPlaced']);
    const late = a.placeBid({ bidderId: B, amount: 1_050, maxAmount: null }, end - 10_000, ids);
    expect(late.ok && late.value.extended).toBe(true);
    expect(a.state.endTime).toBe(end + 20_000);
    expect(a.flush().events.map((e) => e.type)).toEqual(['BidPlaced', 'AuctionExtended']);
  });

  it("a leader's max raise inside the window extends too", () => {
    const end = T0 + 600_000;
    const a = make({ endTime: end, extension: { windowSeconds: 120, extendBySeconds: 120 } });
    a.placeBid({ bidderId: A, amount: 1_000, maxAmount: null }, T0, ids);
    const raise = a.placeBid({ bidderId: A, amount: 1_000, maxAmount: 2_000 }, end - 1, ids);
    expect(raise.ok && raise.value).toMatchObject({ extended: true, bid: { kind: 'max_raise' } });
    expect(a.state.endTime).toBe(end - 1 + 120_000);
  });
});
