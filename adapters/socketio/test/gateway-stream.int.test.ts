import { ROOM_EVENT_NAMES } from '@gavel/contracts';
import type { AuctionId } from '@gavel/core';
import { ALICE, BOB, CAROL, expectOk, SELLER } from '../../../tests/builders/harness.builder';
import { forwardTerms, HOUR, T0 } from '../../../tests/builders/terms.builder';
import { expectDecodes, settle, startWorld, type Watcher, type World } from './support/gateway-test-kit';

const ROOM: ReadonlySet<string> = new Set(ROOM_EVENT_NAMES);
const roomEvents = (w: Watcher) => w.received.filter((r) => ROOM.has(r.name) && r.name !== 'auction_snapshot');

/** seq of the auction's last committed event: what a snapshot taken now must carry. */
const lastSeq = async (world: World, id: AuctionId) => {
  const events = await world.db.events.readAuction(id, 0);
  return events[events.length - 1]!.seq;
};

describe('realtime gateway: an auction stream to its watchers', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.close());

  it('subscribe acks the snapshot seq, sends the snapshot as that viewer sees it, then every bid as bid_update with the next seq', async () => {
    const id = await world.liveAuction();
    const [alice, bob, carol] = await Promise.all([world.connect(ALICE), world.connect(BOB), world.connect(CAROL)]);
    const seq0 = await lastSeq(world, id);
    expect(seq0).toBeGreaterThan(0);
    for (const w of [alice, bob, carol]) {
      expect(await w.subscribe(id)).toEqual({ ok: true, seq: seq0 });
      const snapshot = (await w.next('auction_snapshot')).payload;
      expect(snapshot).toMatchObject({ auctionId: id, id, seq: seq0, status: 'LIVE', currentPrice: null, minNextBid: 1_000, bidCount: 0 });
    }

    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    await world.source.pump();
    for (const w of [alice, bob, carol]) {
      const update = (await w.next('bid_update')).payload;
      expect(update).toMatchObject({ auctionId: id, seq: seq0 + 1, currentPrice: 1_000, bidCount: 1, minNextBid: 1_050 });
      expect(update.timestamp).toBe(new Date(T0).toISOString());
    }

    // Alice leads; her own snapshot says so, Carol's does not name her.
    expect(await alice.subscribe(id)).toEqual({ ok: true, seq: seq0 + 1 });
    expect(await carol.subscribe(id)).toEqual({ ok: true, seq: seq0 + 1 });
    expect(alice.of('auction_snapshot')[1]).toMatchObject({ seq: seq0 + 1, leaderId: ALICE, isLeading: true });
    expect(carol.of('auction_snapshot')[1]).toMatchObject({ seq: seq0 + 1, leaderId: null, isLeading: false });
    for (const w of [alice, bob, carol]) for (const r of w.received) expectDecodes(r);
  });

  it('outbid reaches only the outbid bidder (on every socket of theirs), never the room or anyone else', async () => {
    const id = await world.liveAuction();
    const [alice, bob, carol, seller] = await Promise.all([world.connect(ALICE), world.connect(BOB), world.connect(CAROL), world.connect(SELLER)]);
    const aliceElsewhere = await world.connect(ALICE); // another tab, not watching the auction
    for (const w of [alice, bob, carol, seller]) await w.subscribe(id);

    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 1_500 }));
    await world.source.pump();
    const seq = await lastSeq(world, id);

    for (const w of [alice, aliceElsewhere]) {
      const outbid = await w.next('outbid');
      expect(outbid.payload).toEqual({
        auctionId: id, seq, timestamp: new Date(T0).toISOString(), userId: ALICE, currentPrice: 1_500, minNextBid: 1_550,
      });
      expectDecodes(outbid);
    }
    await settle(alice, aliceElsewhere, bob, carol, seller);
    for (const w of [bob, carol, seller]) expect(w.names()).not.toContain('outbid');
    expect(alice.of('outbid')).toHaveLength(1);
    expect(aliceElsewhere.names()).toEqual(['outbid']); // no room events for a socket that did not subscribe
    expect(world.gateway.stats()).toMatchObject({ connections: 5, anonymous: 0, auctionRooms: 1, invalidPayloads: 0 });
  });

  it('a bid in the soft-close window brings auction_extended after its bid_update, with consecutive seqs', async () => {
    const id = await world.liveAuction({ endTime: T0 + HOUR, extension: { windowSeconds: 120, extendBySeconds: 300 } });
    const carol = await world.connect(CAROL);
    const { seq: seq0 } = (await carol.subscribe(id)) as { seq: number };
    world.clock.set(T0 + HOUR - 60_000);
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    await world.source.pump();

    const extended = await carol.next('auction_extended');
    expect(extended.payload).toEqual({
      auctionId: id, seq: seq0 + 2, timestamp: new Date(T0 + HOUR - 60_000).toISOString(),
      previousEndTime: new Date(T0 + HOUR).toISOString(), endTime: new Date(T0 + HOUR - 60_000 + 300_000).toISOString(),
    });
    expect(roomEvents(carol).map((r) => [r.name, r.payload.seq])).toEqual([['bid_update', seq0 + 1], ['auction_extended', seq0 + 2]]);
    expect((await carol.next('bid_update')).payload.endTime).toBe(new Date(T0 + HOUR + 240_000).toISOString());
  });

  it('closing sends auction_ended to the room, auction_won to the winner and auction_lost to the other bidders only', async () => {
    const id = await world.liveAuction();
    const [alice, bob, carol, seller] = await Promise.all([world.connect(ALICE), world.connect(BOB), world.connect(CAROL), world.connect(SELLER)]);
    for (const w of [alice, bob, carol, seller]) await w.subscribe(id);
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 2_000 }));
    world.clock.set(T0 + 2 * HOUR);
    expectOk(await world.gavel.closeAuction.execute({ auctionId: id }));
    await world.source.pump();
    const endedSeq = (await world.db.events.readAuction(id, 0)).find((e) => e.type === 'AuctionEnded')!.seq;

    for (const w of [alice, bob, carol, seller]) {
      expect((await w.next('auction_ended')).payload).toMatchObject({ seq: endedSeq, outcome: 'SOLD', via: 'time', winnerId: null, finalPrice: 2_000, bidCount: 2 });
    }
    expect((await bob.next('auction_won')).payload).toMatchObject({ seq: endedSeq, userId: BOB, finalPrice: 2_000 });
    expect((await alice.next('auction_lost')).payload).toMatchObject({ seq: endedSeq, userId: ALICE, outcome: 'SOLD', finalPrice: 2_000 });
    await settle(alice, bob, carol, seller);
    expect(alice.names()).not.toContain('auction_won');
    expect(bob.names()).not.toContain('auction_lost');
    for (const w of [carol, seller]) expect(w.names().filter((n) => ['auction_won', 'auction_lost', 'outbid'].includes(n))).toEqual([]);
  });

  it('every watcher sees the whole stream in seq order without gaps, every payload decodes, and no room event names a bidder', async () => {
    const id = await world.liveAuction({ reservePrice: 1_200 });
    const watchers = await Promise.all([world.connect(ALICE), world.connect(BOB), world.connect(CAROL), world.connect(SELLER)]);
    const acks = await Promise.all(watchers.map((w) => w.subscribe(id)));
    const seq0 = acks[0]!.seq as number;
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000, maxAmount: 3_000 }));
    await world.source.pump();
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 1_500 }));
    world.clock.set(T0 + HOUR - 30_000);
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: CAROL, amount: 5_000 }));
    await world.source.pump();
    world.clock.set(T0 + 3 * HOUR);
    expectOk(await world.gavel.closeAuction.execute({ auctionId: id }));
    await world.source.pump();
    await settle(...watchers);

    const last = await lastSeq(world, id);
    for (const w of watchers) {
      const seqs = roomEvents(w).map((r) => r.payload.seq);
      expect(seqs).toEqual(Array.from({ length: last - seq0 }, (_, i) => seq0 + 1 + i));
      for (const r of w.received) expectDecodes(r);
      for (const r of roomEvents(w)) {
        const json = JSON.stringify(r.payload);
        for (const bidder of [ALICE, BOB, CAROL]) expect(json).not.toContain(bidder);
      }
    }
    const names = new Set(roomEvents(watchers[0]!).map((r) => r.name));
    expect(names).toEqual(new Set(['bid_update', 'auction_extended', 'auction_ended', 'auction_settled']));
    // The proxy's answers travel as rows of the same bid_update, anonymous too.
    expect(roomEvents(watchers[0]!).some((r) => (r.payload.bids as { isAuto: boolean }[]).some((b) => b.isAuto))).toBe(true);
  });

  it('unsubscribe stops delivery to that socket and acks the last seq sent', async () => {
    const id = await world.liveAuction();
    const [alice, carol] = await Promise.all([world.connect(ALICE), world.connect(CAROL)]);
    await alice.subscribe(id);
    await carol.subscribe(id);
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    await world.source.pump();
    const seq = await lastSeq(world, id);
    expect(await carol.request('unsubscribe', { auctionId: id })).toEqual({ ok: true, seq });

    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 2_000 }));
    await world.source.pump();
    expect((await alice.next('bid_update', (p) => p.seq === seq + 1)).payload.currentPrice).toBe(2_000);
    await settle(carol);
    expect(carol.of('bid_update').map((p) => p.seq)).toEqual([seq]);
  });

  it('refuses bad requests through the ack: a malformed body, an unknown auction, a draft of someone else', async () => {
    const { commissionBps: _c, ...terms } = forwardTerms();
    const draft = expectOk(await world.gavel.createAuction.execute({ actor: { userId: SELLER, role: 'user' }, terms }));
    await world.source.pump();
    const [alice, seller] = await Promise.all([world.connect(ALICE), world.connect(SELLER)]);

    expect(await alice.request('subscribe', { auctionId: 'auction:1' })).toEqual({ ok: false, code: 'VALIDATION_ERROR', message: 'auctionId: must be a UUID' });
    expect(await alice.request('subscribe', 'nope')).toMatchObject({ ok: false, code: 'VALIDATION_ERROR' });
    expect(await alice.socket.timeout(5_000).emitWithAck('subscribe')).toMatchObject({ ok: false, code: 'VALIDATION_ERROR' });
    expect(await alice.subscribe('00000000-0000-4000-8000-00000000beef')).toEqual({ ok: false, code: 'AUCTION_NOT_FOUND', message: 'Auction not found' });
    expect(await alice.subscribe(draft.id)).toEqual({ ok: false, code: 'AUCTION_NOT_FOUND', message: 'Auction not found' });
    expect(await seller.subscribe(draft.id)).toMatchObject({ ok: true });
    expect((await seller.next('auction_snapshot')).payload).toMatchObject({ status: 'DRAFT' });
    await settle(alice);
    expect(alice.names()).toEqual([]);
    expect(world.gateway.stats().auctionRooms).toBe(1);
  });

  it('an event relayed between the join and the snapshot read arrives before the snapshot and is covered by it', async () => {
    const id = await world.liveAuction();
    const carol = await world.connect(CAROL);
    // Bid and relay during the snapshot read that follows the join: the worst interleaving.
    const original = world.gavel.getAuction.execute.bind(world.gavel.getAuction);
    let reads = 0;
    world.gavel.getAuction.execute = async (input) => {
      reads += 1;
      if (reads === 2) {
        expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
        await world.source.pump();
      }
      return original(input);
    };
    const ack = await carol.subscribe(id);
    expect(ack).toEqual({ ok: true, seq: await lastSeq(world, id) });
    expect(carol.names()).toEqual(['bid_update', 'auction_snapshot']);
    expect(carol.of('bid_update')[0]!.seq).toBe(ack.seq); // ≤ snapshot.seq: the client drops it, the snapshot has it
    expect(carol.of('auction_snapshot')[0]).toMatchObject({ bidCount: 1, currentPrice: 1_000 });
  });
});
