import { EventRelay, type EventStream, findLastPosition, type RelaySkip, type StoredEvent } from '@gavel/core';
import { auctionId, eventOf, FakeOutbox } from './fake-outbox';

const A = auctionId(1);
const B = auctionId(2);

/** A stream over a fixed list of rows (positions may have holes), counting reads. */
const listStream = (rows: StoredEvent[]): EventStream & { reads: number; inFlight: number; maxInFlight: number } => {
  const s = {
    reads: 0,
    inFlight: 0,
    maxInFlight: 0,
    async track<T>(value: T): Promise<T> {
      s.reads++;
      s.inFlight++;
      s.maxInFlight = Math.max(s.maxInFlight, s.inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      s.inFlight--;
      return value;
    },
    readAfter: (after: number, limit: number) => s.track(rows.filter((e) => e.position > after).sort((x, y) => x.position - y.position).slice(0, limit)),
    readAuction: (id: string, afterSeq: number) => s.track(rows.filter((e) => e.auctionId === id && e.seq > afterSeq).sort((x, y) => x.seq - y.seq)),
  };
  return s;
};

const collect = (relay: EventRelay) => {
  const got: string[] = [];
  relay.subscribe((e) => got.push(`${e.auctionId === A ? 'A' : 'B'}${e.seq}`));
  return got;
};

describe('EventRelay', () => {
  it("start('end') skips what is already committed and delivers what follows, old auctions from their next seq", async () => {
    const outbox = new FakeOutbox();
    for (let i = 0; i < 3; i++) outbox.end(outbox.insert(A, 1)!, true, true);
    const relay = new EventRelay({ stream: outbox });
    const got = collect(relay);
    await relay.start('end');
    expect(relay.position).toBe(3);
    expect(await relay.pump()).toBe(0);
    outbox.end(outbox.insert(A, 2)!, true, true);
    outbox.end(outbox.insert(B, 1)!, true, true);
    expect(await relay.pump()).toBe(3);
    expect(got).toEqual(['A4', 'A5', 'B1']);
    expect(relay.position).toBe(6);
  });

  it("start('end') on an empty outbox starts at 0 and delivers every auction from seq 1", async () => {
    const outbox = new FakeOutbox();
    const relay = new EventRelay({ stream: outbox });
    const got = collect(relay);
    await relay.start('end');
    expect(relay.position).toBe(0);
    const a1 = outbox.insert(A, 1)!;
    outbox.end(outbox.insert(B, 1)!, true, true);
    await relay.pump();
    outbox.end(a1, true, true);
    await relay.pump();
    expect(got).toEqual(['B1', 'A1']);
  });

  it("start('end') finds the end in a logarithmic number of one-row reads", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => eventOf(A, i + 1, 3 * i + 7));
    const stream = listStream(rows);
    expect(await findLastPosition(stream)).toBe(3 * 4_999 + 7);
    expect(stream.reads).toBeLessThan(40);
    expect(await findLastPosition(listStream([]))).toBe(0);
    expect(await findLastPosition(listStream([eventOf(A, 1, 1)]))).toBe(1);
  });

  it("start('end') delivers a transaction that was in flight below the end and commits after the start", async () => {
    const outbox = new FakeOutbox();
    outbox.end(outbox.insert(A, 1)!, true, true);
    const late = outbox.insert(A, 1)!; // position 2, seq 2, not committed yet
    outbox.end(outbox.insert(B, 1)!, true, true); // position 3
    const relay = new EventRelay({ stream: outbox });
    const got = collect(relay);
    await relay.start('end');
    expect(relay.position).toBe(3);
    outbox.end(late, true, true);
    await relay.pump();
    expect(got).toEqual(['A2']);
  });

  it('delivers a row that commits late below the cursor even when its auction has no later event', async () => {
    const outbox = new FakeOutbox();
    const relay = new EventRelay({ stream: outbox });
    const got = collect(relay);
    const late = outbox.insert(A, 1)!;
    outbox.end(outbox.insert(B, 1)!, true, true);
    await relay.pump();
    expect(relay.stats().holes).toBe(1);
    outbox.end(late, true, true);
    await relay.pump();
    expect(got).toEqual(['B1', 'A1']);
    expect(relay.stats().holes).toBe(0);
  });

  it('fills a seq gap from the auction stream when the late row\'s hole has expired', async () => {
    const outbox = new FakeOutbox();
    const clock = { t: 0, now() { return this.t; } };
    const relay = new EventRelay({ stream: outbox, clock, holeGraceMs: 1_000 });
    const got = collect(relay);
    outbox.end(outbox.insert(A, 1)!, true, true);
    await relay.pump();
    const late = outbox.insert(A, 1)!;
    outbox.end(outbox.insert(B, 1)!, true, true);
    await relay.pump();
    clock.t = 1_000;
    await relay.pump(); // re-read once, then expired
    expect(relay.stats().holes).toBe(0);
    outbox.end(late, true, true);
    await relay.pump();
    expect(got).toEqual(['A1', 'B1']);
    outbox.end(outbox.insert(A, 1)!, true, true);
    await relay.pump();
    expect(got).toEqual(['A1', 'B1', 'A2', 'A3']);
  });

  it('a failed read rejects the pump and keeps the cursor; the next pump catches up without repeating', async () => {
    const outbox = new FakeOutbox();
    const relay = new EventRelay({ stream: outbox, batchSize: 2 });
    const got = collect(relay);
    outbox.end(outbox.insert(A, 3)!, true, true);
    await relay.pump();
    expect(relay.position).toBe(3);
    outbox.end(outbox.insert(A, 2)!, true, true);
    outbox.failing = true;
    await expect(relay.pump()).rejects.toThrow('connection lost');
    expect(relay.position).toBe(3);
    outbox.failing = false;
    expect(await relay.pump()).toBe(2);
    expect(got).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
  });

  it('coalesces pumps: never two reads at once, and a call during a pump gets one more pass after it', async () => {
    const rows: StoredEvent[] = [eventOf(A, 1, 1)];
    const stream = listStream(rows);
    const relay = new EventRelay({ stream });
    const got = collect(relay);
    const first = relay.pump();
    expect(relay.pump()).toBe(first); // not started yet: it will see whatever the caller saw
    while (stream.inFlight === 0) await Promise.resolve();
    rows.push(eventOf(A, 2, 2)); // commits while the first pump's read is in flight
    const second = relay.pump();
    const third = relay.pump();
    expect(third).toBe(second);
    expect(second).not.toBe(first);
    await Promise.all([first, second]);
    expect(got).toEqual(['A1', 'A2']);
    expect(stream.maxInFlight).toBe(1);
    const readsBefore = stream.reads;
    await Promise.all([relay.pump(), relay.pump(), relay.pump()]);
    expect(stream.reads - readsBefore).toBe(1); // three calls before it started: one pass
  });

  it('a throwing listener neither stops the others nor makes an event deliver twice', async () => {
    const outbox = new FakeOutbox();
    const errors: Array<[unknown, number]> = [];
    const relay = new EventRelay({ stream: outbox, onListenerError: (err, e) => errors.push([err, e.seq]) });
    relay.subscribe((e) => {
      if (e.seq === 2) throw new Error('boom');
    });
    const got = collect(relay);
    outbox.end(outbox.insert(A, 3)!, true, true);
    expect(await relay.pump()).toBe(3);
    await relay.pump();
    expect(got).toEqual(['A1', 'A2', 'A3']);
    expect(errors).toEqual([[new Error('boom'), 2]]);
  });

  it('unsubscribe stops delivery to that listener', async () => {
    const outbox = new FakeOutbox();
    const relay = new EventRelay({ stream: outbox });
    const got: number[] = [];
    const off = relay.subscribe((e) => got.push(e.seq));
    outbox.end(outbox.insert(A, 1)!, true, true);
    await relay.pump();
    off();
    outbox.end(outbox.insert(A, 1)!, true, true);
    await relay.pump();
    expect(got).toEqual([1]);
  });

  it("forgets an auction's ordering state once its final event is delivered", async () => {
    const outbox = new FakeOutbox();
    const relay = new EventRelay({ stream: outbox });
    outbox.end(outbox.insert(A, 2, 'AuctionEnded')!, true, true);
    outbox.end(outbox.insert(B, 2)!, true, true);
    await relay.pump();
    expect(relay.stats()).toMatchObject({ auctions: 1, held: 0 });
  });

  it('gives up on a seq that never becomes readable after gapTimeoutMs, and reports it', async () => {
    const rows = [eventOf(A, 1, 1), eventOf(A, 3, 3), eventOf(A, 4, 4)];
    const clock = { t: 0, now() { return this.t; } };
    const skips: RelaySkip[] = [];
    const relay = new EventRelay({ stream: listStream(rows), clock, gapTimeoutMs: 5_000, onSkip: (s) => skips.push(s) });
    const got = collect(relay);
    await relay.pump();
    expect(got).toEqual(['A1']);
    expect(relay.stats().held).toBe(2);
    clock.t = 4_999;
    await relay.pump();
    expect(skips).toEqual([]);
    clock.t = 5_000;
    await relay.pump();
    expect(skips).toEqual([{ auctionId: A, fromSeq: 2, toSeq: 2, reason: 'timeout' }]);
    expect(got).toEqual(['A1', 'A3', 'A4']);
    expect(relay.stats().held).toBe(0);
  });

  it('bounds the events held per auction (maxHeldPerAuction), reporting the skip', async () => {
    const rows = [eventOf(A, 1, 1), ...Array.from({ length: 5 }, (_, i) => eventOf(A, i + 3, i + 3))];
    const skips: RelaySkip[] = [];
    const relay = new EventRelay({ stream: listStream(rows), maxHeldPerAuction: 4, onSkip: (s) => skips.push(s) });
    const got = collect(relay);
    await relay.pump();
    expect(skips).toEqual([{ auctionId: A, fromSeq: 2, toSeq: 2, reason: 'overflow' }]);
    expect(got).toEqual(['A1', 'A3', 'A4', 'A5', 'A6', 'A7']);
  });

  it('start(position) resumes after that position; the first event seen of an auction is its baseline', async () => {
    const rows = [eventOf(A, 1, 1), eventOf(A, 2, 2), eventOf(B, 1, 3), eventOf(A, 3, 4)];
    const relay = new EventRelay({ stream: listStream(rows) });
    const got = collect(relay);
    await relay.start(2);
    await relay.pump();
    expect(got).toEqual(['B1', 'A3']);
    await relay.start(0);
    await relay.pump();
    expect(got).toEqual(['B1', 'A3', 'A1', 'A2', 'B1', 'A3']);
  });
});
