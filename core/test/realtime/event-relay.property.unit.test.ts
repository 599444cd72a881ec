import { type AuctionId, EventRelay, type StoredEvent } from '@gavel/core';
import fc from 'fast-check';
import { auctionId, FakeOutbox } from './fake-outbox';

/**
 * The relay against an outbox that reveals commits in random orders. `harsh`: committed rows
 * become readable one at a time in any order, even an auction's later seq before its earlier
 * one. Otherwise (`realistic`): a commit is readable at once, and an auction's next
 * transaction starts only after the previous one committed (the row lock), which is what
 * PostgreSQL and InnoDB guarantee; positions still appear out of order across auctions.
 */
interface Run {
  readonly outbox: FakeOutbox;
  readonly relay: EventRelay;
  readonly got: StoredEvent[];
  readonly clock: { t: number; now(): number };
}

const AUCTIONS = 4;

const newRun = (opts: { batchSize: number; holeGraceMs?: number }): Run => {
  const outbox = new FakeOutbox();
  const clock = { t: 0, now() { return this.t; } };
  const relay = new EventRelay({ stream: outbox, batchSize: opts.batchSize, clock, holeGraceMs: opts.holeGraceMs ?? Number.POSITIVE_INFINITY });
  const got: StoredEvent[] = [];
  relay.subscribe((e) => got.push(e));
  return { outbox, relay, got, clock };
};

/** Plays `choices` as database and relay actions; pumps may fail when `errors` is set. */
const play = async (r: Run, choices: readonly number[], mode: { harsh: boolean; errors?: boolean }) => {
  for (const c of choices) {
    const pick = c >> 3;
    switch (c & 7) {
      case 0:
      case 1:
        r.outbox.insert(auctionId(pick % AUCTIONS), 1 + (pick % 3));
        break;
      case 2:
      case 3: {
        const open = r.outbox.openTransactions();
        const tx = open[pick % Math.max(1, open.length)];
        if (tx) r.outbox.end(tx, pick % 7 !== 0, !mode.harsh);
        break;
      }
      case 4: {
        const hidden = r.outbox.hidden();
        const row = hidden[pick % Math.max(1, hidden.length)];
        if (row) r.outbox.reveal(row);
        break;
      }
      case 5:
        r.clock.t += 1 + (pick % 50);
        break;
      default: {
        r.outbox.failing = mode.errors === true && pick % 4 === 0;
        // Sometimes two pumps at once: they must not interleave.
        const pumps = pick % 3 === 0 ? [r.relay.pump(), r.relay.pump()] : [r.relay.pump()];
        const settled = await Promise.allSettled(pumps);
        if (!r.outbox.failing) expect(settled.every((s) => s.status === 'fulfilled')).toBe(true);
        r.outbox.failing = false;
      }
    }
  }
};

/** Commits whatever is still open and makes every row readable. */
const finish = (r: Run) => {
  for (const tx of r.outbox.openTransactions()) r.outbox.end(tx, true, true);
  r.outbox.revealAll();
};

const byAuction = (events: readonly StoredEvent[]) => {
  const map = new Map<AuctionId, number[]>();
  for (const e of events) map.set(e.auctionId, [...(map.get(e.auctionId) ?? []), e.seq]);
  return map;
};

const expectNoDuplicates = (events: readonly StoredEvent[]) => {
  const keys = events.map((e) => `${e.auctionId}#${e.seq}`);
  expect(new Set(keys).size).toBe(keys.length);
};

/** Delivered seqs per auction, each list rising by exactly one. */
const expectContiguous = (events: readonly StoredEvent[]) => {
  for (const seqs of byAuction(events).values()) seqs.forEach((s, i) => i > 0 && expect(s).toBe(seqs[i - 1]! + 1));
};

const choicesArb = fc.array(fc.nat({ max: 4_000 }), { minLength: 0, maxLength: 250 });
const runs = Number(process.env.GAVEL_PROPERTY_RUNS ?? 300);
const config = { numRuns: runs };

describe('EventRelay under out-of-order commits (property)', () => {
  it('from position 0 delivers every auction exactly 1..n in order, and one pump after everything is readable delivers the rest', async () => {
    await fc.assert(fc.asyncProperty(choicesArb, fc.boolean(), fc.integer({ min: 1, max: 8 }), async (choices, harsh, batchSize) => {
      const r = newRun({ batchSize });
      await play(r, choices, { harsh });
      expectNoDuplicates(r.got);
      expectContiguous(r.got);
      for (const seqs of byAuction(r.got).values()) expect(seqs[0]).toBe(1);
      finish(r);
      await r.relay.pump();
      const expected = r.outbox.committed();
      expect(byAuction(r.got)).toEqual(new Map([...expected].map(([id, list]) => [id, list.map((e) => e.seq)])));
      // The delivered objects are the committed rows themselves, positions included.
      for (const e of r.got) expect(expected.get(e.auctionId)![e.seq - 1]).toEqual(e);
    }), config);
  });

  it('survives failing reads: a failed pump loses and repeats nothing, a later one catches up', async () => {
    await fc.assert(fc.asyncProperty(choicesArb, fc.boolean(), fc.integer({ min: 1, max: 8 }), async (choices, harsh, batchSize) => {
      const r = newRun({ batchSize });
      await play(r, choices, { harsh, errors: true });
      finish(r);
      await r.relay.pump();
      expectNoDuplicates(r.got);
      expectContiguous(r.got);
      const expected = r.outbox.committed();
      expect(byAuction(r.got)).toEqual(new Map([...expected].map(([id, list]) => [id, list.map((e) => e.seq)])));
    }), config);
  });

  it('when holes expire at once, order still holds and the seq gap net delivers the rest with each auction\'s next event', async () => {
    await fc.assert(fc.asyncProperty(choicesArb, fc.integer({ min: 1, max: 8 }), async (choices, batchSize) => {
      const r = newRun({ batchSize, holeGraceMs: 0 });
      await play(r, choices, { harsh: false });
      expectNoDuplicates(r.got);
      expectContiguous(r.got);
      finish(r);
      await r.relay.pump();
      // A late row whose hole has expired waits for its auction's next event.
      for (let a = 0; a < AUCTIONS; a++) r.outbox.end(r.outbox.insert(auctionId(a), 1)!, true, true);
      await r.relay.pump();
      expectNoDuplicates(r.got);
      const expected = r.outbox.committed();
      expect(byAuction(r.got)).toEqual(new Map([...expected].map(([id, list]) => [id, list.map((e) => e.seq)])));
      // The late row commits after its hole expired in few of the random plays: more runs.
    }), { numRuns: runs * 4 });
  });

  it("start('end') mid-stream delivers exactly what was not readable at the start (realistic commits)", async () => {
    await fc.assert(fc.asyncProperty(choicesArb, choicesArb, async (before, after) => {
      const r = newRun({ batchSize: 10_000 });
      await play(r, before, { harsh: false });
      const readable = new Set((await r.outbox.readAfter(0, 1e9)).map((e) => `${e.auctionId}#${e.seq}`));
      await r.relay.start('end');
      r.got.length = 0;
      await play(r, after, { harsh: false });
      expectNoDuplicates(r.got);
      expectContiguous(r.got);
      finish(r);
      await r.relay.pump();
      const expected = new Map<AuctionId, number[]>();
      for (const [id, list] of r.outbox.committed()) {
        const seqs = list.filter((e) => !readable.has(`${e.auctionId}#${e.seq}`)).map((e) => e.seq);
        if (seqs.length > 0) expected.set(id, seqs);
      }
      expect(byAuction(r.got)).toEqual(expected);
    }), config);
  });

  it('start(position) mid-stream under harsh reveals: contiguous, no duplicates, ends at every auction\'s last seq', async () => {
    await fc.assert(fc.asyncProperty(choicesArb, choicesArb, fc.integer({ min: 1, max: 8 }), async (before, after, batchSize) => {
      const r = newRun({ batchSize });
      await play(r, before, { harsh: true });
      await r.relay.start(r.relay.position);
      r.got.length = 0;
      await play(r, after, { harsh: true });
      finish(r);
      await r.relay.pump();
      expectNoDuplicates(r.got);
      expectContiguous(r.got);
      const delivered = byAuction(r.got);
      for (const [id, seqs] of delivered) expect(seqs[seqs.length - 1]).toBe(r.outbox.committed().get(id)!.at(-1)!.seq);
    }), config);
  });
});
