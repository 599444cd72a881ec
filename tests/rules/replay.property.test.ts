/**
 * Determinism and the event stream (SPEC "Realtime": per-auction `seq` without gaps):
 * properties 10 and 11.
 */
import fc from 'fast-check';
import { Auction, type AuctionEvent, type Bid } from '@gavel/core';
import { HOUR } from '../builders/terms.builder';
import {
  AUCTION_ID,
  bidIds,
  check,
  closeTwice,
  CREATED_AT,
  fcParams,
  PROPERTY_TIMEOUT,
  PUBLISHED_AT,
  runScenario,
  scenarioArb,
  SELLER_ID,
} from './rules-support';

const rowKey = (b: Bid) => ({ bidderId: b.bidderId, amount: b.amount, maxAmount: b.maxAmount, kind: b.kind, ordinal: b.ordinal, placedAt: b.placedAt });

describe('replay and event stream', () => {
  it('10. replaying only the accepted manual rows (bid, max_raise) at their times rebuilds the same state and the same rows', () => {
    fc.assert(
      fc.property(scenarioArb(), (sc) => {
        const run = runScenario(sc);
        const manual = run.rows.filter((r) => r.kind === 'bid' || r.kind === 'max_raise');
        const created = Auction.create(AUCTION_ID, SELLER_ID, sc.terms, CREATED_AT);
        if (!created.ok) throw new Error(`replay: create failed: ${JSON.stringify(created.error)}`);
        const fresh = created.value;
        check(fresh.publish(PUBLISHED_AT).ok, run, 'replay: publish');
        const nextId = bidIds();
        const replayed: Bid[] = [];
        fresh.flush();
        for (const row of manual) {
          const r = fresh.placeBid({ bidderId: row.bidderId, amount: row.amount, maxAmount: row.maxAmount }, row.placedAt, nextId);
          check(r.ok, run, `replay of row ${row.ordinal} refused: ${JSON.stringify(r.ok ? null : r.error)}`);
          replayed.push(...fresh.flush().newBids);
        }
        const a = run.auction.state;
        const b = fresh.state;
        for (const field of ['currentPrice', 'leaderId', 'leaderMax', 'bidCount', 'endTime', 'seq', 'status'] as const) {
          check(a[field] === b[field], run, `replay: ${field} ${String(a[field])} vs ${String(b[field])}`);
        }
        check(JSON.stringify(b) === JSON.stringify(a), run, 'replay: the states differ');
        check(JSON.stringify(replayed.map(rowKey)) === JSON.stringify(run.rows.map(rowKey)), run, 'replay: the bid rows differ');
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);

  it('11. the events of an auction, from creation to a repeated close, are numbered 1..n', () => {
    fc.assert(
      fc.property(scenarioArb(), fc.integer({ min: 0, max: HOUR }), (sc, after) => {
        const run = runScenario(sc);
        const at = Math.max(run.lastAt, run.auction.state.endTime) + after;
        const closing = closeTwice(run, at, at + 1);
        const events: AuctionEvent[] = [...run.events, ...closing.firstEvents, ...closing.secondEvents];
        events.forEach((e, i) => check(e.seq === i + 1 && e.auctionId === AUCTION_ID, run, `event ${i} (${e.type}) has seq ${e.seq}`));
        check(closing.secondState.seq === events.length, run, `state.seq ${closing.secondState.seq} for ${events.length} events`);
        check(events[0]!.type === 'AuctionCreated' && events[1]!.type === 'AuctionPublished', run, 'stream head');
        // Each step's events carry that step's time, and time never runs backwards in the stream.
        for (let i = 1; i < events.length; i++) check(events[i]!.occurredAt >= events[i - 1]!.occurredAt, run, `event ${i} occurs before event ${i - 1}`);
      }),
      fcParams,
    );
  }, PROPERTY_TIMEOUT);
});
