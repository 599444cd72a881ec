import { ROOM_EVENT_NAMES } from '@gavel/contracts';
import { type AuctionId, type Clock, type EndingNoticePolicy, type Instant, toIso } from '@gavel/core';
import { actor, ALICE, BOB, CAROL, expectOk, SELLER } from '../../../tests/builders/harness.builder';
import { HOUR, T0 } from '../../../tests/builders/terms.builder';
import { eventually, expectDecodes, settle, startWorld, type Watcher, type World } from './support/gateway-test-kit';

jest.setTimeout(20_000);

/**
 * The gateway's clock for these tests: real time (the ticker's timers are real), shifted so that
 * a test can put "now" a moment before an auction's notice window without waiting an hour.
 */
class ShiftedClock implements Clock {
  private offset = 0;
  now(): Instant {
    return Date.now() + this.offset;
  }
  set(instant: Instant): void {
    this.offset = instant - Date.now();
  }
}

/** How early by the gateway's clock a timer may fire (its own tolerance) plus the clock's ms rounding. */
const JITTER_MS = 25;
/** How late a notice may come on a loaded machine and still count as "at its instant". */
const LATE_MS = 800;
const END = T0 + HOUR;
const STREAM: ReadonlySet<string> = new Set(ROOM_EVENT_NAMES.filter((n) => n !== 'auction_ending'));

const sleepUntil = (clock: Clock, instant: Instant): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, instant - clock.now())));

const notices = (w: Watcher, auctionId: AuctionId) => w.of('auction_ending').filter((p) => p.auctionId === auctionId);
const at = (p: Record<string, unknown>): number => Date.parse(p.timestamp as string);

/** For each `auction_ending` this socket got: its seq, and the socket's current seq then (the highest of the stream events and snapshots before it). */
const noticeSeqs = (w: Watcher, auctionId: AuctionId): { notice: number; current: number }[] => {
  let current = -1;
  const out: { notice: number; current: number }[] = [];
  for (const r of w.received) {
    if (r.payload.auctionId !== auctionId) continue;
    if (r.name === 'auction_ending') out.push({ notice: r.payload.seq as number, current });
    else if (STREAM.has(r.name)) current = Math.max(current, r.payload.seq as number);
  }
  expect(out.length).toBeGreaterThan(0);
  return out;
};

/** Each `auction_ending` carries the seq of the last stream event (or snapshot) this socket got before it: never a step, never a gap. */
const expectCurrentSeq = (w: Watcher, auctionId: AuctionId): void => {
  for (const { notice, current } of noticeSeqs(w, auctionId)) expect(notice).toBe(current);
};

/** The notices came one per instant of `instants` (at it or a little after), timeRemaining counting down. */
const expectSchedule = (got: Record<string, unknown>[], endTime: Instant, instants: readonly Instant[]): void => {
  expect(got.map((p) => p.endTime)).toEqual(instants.map(() => toIso(endTime)));
  got.forEach((p, i) => {
    expect(at(p)).toBeGreaterThanOrEqual(instants[i]! - JITTER_MS);
    expect(at(p)).toBeLessThan(Math.min(instants[i]! + LATE_MS, endTime));
    expect(p.timeRemaining).toBe(Math.round((endTime - at(p)) / 1_000));
  });
  const remaining = got.map((p) => p.timeRemaining as number);
  expect(remaining).toEqual([...remaining].sort((a, b) => b - a));
  expect(new Set(remaining).size).toBe(remaining.length);
};

describe('realtime gateway: auction_ending notices near the end', () => {
  let world: World;
  let clock: ShiftedClock;
  const start = async (policy: EndingNoticePolicy) => {
    clock = new ShiftedClock();
    clock.set(T0);
    world = await startWorld({ endingNotices: policy, allowAnonymous: true }, { gatewayClock: clock });
  };
  afterEach(() => world.close());

  it('watchers (anonymous ones too) get one notice per instant of the window, none before it nor at the end, each with the current seq', async () => {
    await start({ withinMs: 3_000, everyMs: 1_000 });
    const id = await world.liveAuction({ endTime: END, extension: { windowSeconds: 0, extendBySeconds: 0 } });
    const [alice, anonymous] = await Promise.all([world.connect(ALICE), world.connect(null)]);
    clock.set(END - 3_500);
    const { seq: seq0 } = (await alice.subscribe(id)) as { seq: number };
    await anonymous.subscribe(id);
    expect(clock.now()).toBeLessThan(END - 3_000); // subscribed before the window opened
    expect(world.gateway.stats()).toMatchObject({ endingTimers: 1, auctionRooms: 1 });

    const first = await alice.next('auction_ending');
    expect(first.payload).toMatchObject({ auctionId: id, seq: seq0, endTime: toIso(END) });
    // A bid between two notices: the next ones carry its seq.
    world.clock.set(clock.now());
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 1_000 }));
    await world.source.pump();
    await alice.next('bid_update');

    await sleepUntil(clock, END + 400);
    await settle(alice, anonymous);
    const got = notices(alice, id);
    expectSchedule(got, END, [END - 3_000, END - 2_000, END - 1_000]);
    expect(got.map((p) => p.seq)).toEqual([seq0, seq0 + 1, seq0 + 1]);
    expect(notices(anonymous, id)).toEqual(got);
    for (const w of [alice, anonymous]) {
      expectCurrentSeq(w, id);
      for (const r of w.received) expectDecodes(r);
    }
    // Past the end no notice is left to wait for; the room is still there.
    expect(world.gateway.stats()).toMatchObject({ endingTimers: 0, endingNotices: 3, auctionRooms: 1, invalidPayloads: 0 });
  });

  it('a snapshot ahead of the relay does not raise the notices\' seq: it stays one that every watcher has reached', async () => {
    await start({ withinMs: 2_000, everyMs: 1_000 });
    const id = await world.liveAuction({ endTime: END, extension: { windowSeconds: 0, extendBySeconds: 0 } });
    const [alice, bob] = await Promise.all([world.connect(ALICE), world.connect(BOB)]);
    clock.set(END - 2_400);
    const { seq: seq0 } = (await alice.subscribe(id)) as { seq: number };
    // Committed, not yet relayed: Bob's snapshot has the bid, Alice has not seen it.
    world.clock.set(clock.now());
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: CAROL, amount: 1_000 }));
    expect(await bob.subscribe(id)).toEqual({ ok: true, seq: seq0 + 1 });

    const first = await alice.next('auction_ending');
    expect(first.payload.seq).toBe(seq0);
    expect((await bob.next('auction_ending')).payload.seq).toBe(seq0);
    await world.source.pump();
    await sleepUntil(clock, END + 200);
    await settle(alice, bob);
    expect(notices(alice, id).map((p) => p.seq)).toEqual([seq0, seq0 + 1]);
    expect(notices(bob, id)).toEqual(notices(alice, id));
    expectCurrentSeq(alice, id);
    for (const { notice, current } of noticeSeqs(bob, id)) expect(notice).toBeLessThanOrEqual(current);
  });

  it('a bid in the soft-close window moves the schedule to the new end: nothing more at the old instants', async () => {
    await start({ withinMs: 2_000, everyMs: 1_000 });
    const id = await world.liveAuction({ endTime: END, extension: { windowSeconds: 10, extendBySeconds: 4 } });
    const carol = await world.connect(CAROL);
    clock.set(END - 2_300);
    await carol.subscribe(id);

    await carol.next('auction_ending');
    const bidAt = clock.now();
    world.clock.set(bidAt);
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    await world.source.pump();
    const extended = (await carol.next('auction_extended')).payload;
    const newEnd = bidAt + 4_000;
    expect(extended).toMatchObject({ previousEndTime: toIso(END), endTime: toIso(newEnd) });
    expect(clock.now()).toBeLessThan(END - 1_000 - JITTER_MS); // the old schedule's next instant is still ahead

    await sleepUntil(clock, newEnd + 300);
    await settle(carol);
    const all = notices(carol, id);
    const cut = carol.received.findIndex((r) => r.name === 'auction_extended');
    const before = carol.received.slice(0, cut).filter((r) => r.name === 'auction_ending').map((r) => r.payload);
    const after = carol.received.slice(cut).filter((r) => r.name === 'auction_ending').map((r) => r.payload);
    expectSchedule(before, END, [END - 2_000]);
    // The old schedule's END - 1000 never came (the first new one is a second later), and notices
    // run past the original end up to the new one.
    expectSchedule(after, newEnd, [newEnd - 2_000, newEnd - 1_000]);
    expect(all).toHaveLength(3);
    expectCurrentSeq(carol, id);
    for (const r of carol.received) expectDecodes(r);
  });

  it('auction_ended (buy now) and auction_cancelled stop the notices of their auction while its room stays', async () => {
    await start({ withinMs: 2_000, everyMs: 1_000 });
    const bought = await world.liveAuction({ endTime: END, buyNowPrice: 5_000 });
    const cancelled = await world.liveAuction({ endTime: END });
    const watcher = await world.connect(CAROL);
    clock.set(END - 2_200);
    await watcher.subscribe(bought);
    await watcher.subscribe(cancelled);
    expect(world.gateway.stats()).toMatchObject({ endingTimers: 2, auctionRooms: 2 });
    await watcher.next('auction_ending', (p) => p.auctionId === bought);
    await watcher.next('auction_ending', (p) => p.auctionId === cancelled);

    world.clock.set(clock.now());
    expectOk(await world.gavel.buyNow.execute({ auctionId: bought, buyerId: ALICE }));
    expectOk(await world.gavel.cancelAuction.execute({ auctionId: cancelled, actor: actor(SELLER) }));
    await world.source.pump();
    expect(world.gateway.stats()).toMatchObject({ endingTimers: 0, auctionRooms: 2 });
    await watcher.next('auction_ended');
    await watcher.next('auction_cancelled');
    expect(clock.now()).toBeLessThan(END - 1_000 - JITTER_MS); // stopped before their next instant

    await sleepUntil(clock, END + 200);
    await settle(watcher);
    expect(notices(watcher, bought)).toHaveLength(1);
    expect(notices(watcher, cancelled)).toHaveLength(1);
    expect(world.gateway.stats()).toMatchObject({ endingTimers: 0, endingNotices: 2 });
    for (const r of watcher.received) expectDecodes(r);
  });

  it('an edit that moves the end of a live auction moves its notices (the ticker reads the auction again)', async () => {
    await start({ withinMs: 2_000, everyMs: 1_000 });
    const id = await world.liveAuction({ endTime: END });
    const watcher = await world.connect(null);
    clock.set(T0 + 60_000);
    await watcher.subscribe(id);
    const editedAt = clock.now();
    const newEnd = editedAt + 2_500;
    world.clock.set(editedAt);
    expectOk(await world.gavel.editAuction.execute({ auctionId: id, actor: actor(SELLER), patch: { endTime: newEnd } }));
    await world.source.pump();
    await watcher.next('auction_updated');

    await sleepUntil(clock, newEnd + 300);
    await settle(watcher);
    expectSchedule(notices(watcher, id), newEnd, [newEnd - 2_000, newEnd - 1_000]);
    expectCurrentSeq(watcher, id);
  });
});

describe('realtime gateway: ending notice timers (one per room here, none left behind)', () => {
  let world: World;
  let closed: boolean;
  beforeEach(() => {
    closed = false;
  });
  afterEach(() => (closed ? undefined : world.close()));

  it('one timer per auction room however many sockets watch it; the last socket leaving (unsubscribe or disconnect) clears it', async () => {
    // The default policy on the kit's fake gateway clock (T0): each live auction's first notice is 55 minutes away.
    world = await startWorld();
    const [a, b] = [await world.liveAuction(), await world.liveAuction()];
    const [alice, bob, carol] = await Promise.all([world.connect(ALICE), world.connect(BOB), world.connect(CAROL)]);
    for (const w of [alice, bob, carol]) await w.subscribe(a);
    await carol.subscribe(b);
    expect(world.gateway.stats()).toMatchObject({ auctionRooms: 2, endingTimers: 2 });

    await alice.request('unsubscribe', { auctionId: a });
    await bob.request('unsubscribe', { auctionId: a });
    expect(world.gateway.stats()).toMatchObject({ auctionRooms: 2, endingTimers: 2 });
    await carol.request('unsubscribe', { auctionId: a });
    expect(world.gateway.stats()).toMatchObject({ auctionRooms: 1, endingTimers: 1 });

    carol.socket.disconnect();
    await eventually(() => world.gateway.stats().auctionRooms === 0);
    expect(world.gateway.stats().endingTimers).toBe(0);

    // Watched again: a fresh timer from the new snapshot.
    await bob.subscribe(a);
    expect(world.gateway.stats()).toMatchObject({ auctionRooms: 1, endingTimers: 1 });
  });

  it('no timer for an auction that is not live (scheduled, ended); its start arms one', async () => {
    world = await startWorld();
    const scheduled = await world.liveAuction({ startTime: T0 + 60_000 });
    const watcher = await world.connect(ALICE);
    expect((await watcher.subscribe(scheduled)) as { ok: boolean }).toMatchObject({ ok: true });
    expect(watcher.of('auction_snapshot')[0]).toMatchObject({ status: 'SCHEDULED' });
    expect(world.gateway.stats()).toMatchObject({ auctionRooms: 1, endingTimers: 0 });

    world.clock.set(T0 + 60_000);
    expect(expectOk(await world.gavel.openAuction.execute({ auctionId: scheduled })).changed).toBe(true);
    await world.source.pump();
    await watcher.next('auction_started');
    expect(world.gateway.stats().endingTimers).toBe(1);

    world.clock.set(END + 1);
    expectOk(await world.gavel.closeAuction.execute({ auctionId: scheduled }));
    await world.source.pump();
    await watcher.next('auction_ended');
    expect(world.gateway.stats().endingTimers).toBe(0);
    await watcher.subscribe(scheduled); // a resync of an ended auction arms nothing
    expect(world.gateway.stats()).toMatchObject({ auctionRooms: 1, endingTimers: 0 });
  });

  it('endingNotices: false arms nothing; an invalid policy is refused when the gateway is created', async () => {
    world = await startWorld({ endingNotices: false });
    const id = await world.liveAuction();
    const watcher = await world.connect(ALICE);
    await watcher.subscribe(id);
    expect(world.gateway.stats()).toMatchObject({ auctionRooms: 1, endingTimers: 0, endingNotices: 0 });
    await expect(startWorld({ endingNotices: { withinMs: 1_000, everyMs: 2_000 } })).rejects.toThrow(RangeError);
  });

  it('close() leaves no timer behind', async () => {
    world = await startWorld();
    const watcher = await world.connect(ALICE);
    await watcher.subscribe(await world.liveAuction());
    expect(world.gateway.stats().endingTimers).toBe(1);
    closed = true;
    await world.close();
    expect(world.gateway.stats().endingTimers).toBe(0);
  });
});
