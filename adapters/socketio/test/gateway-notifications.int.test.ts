import type { AuctionId, UserId } from '@gavel/core';
import { ALICE, BOB, CAROL, actor, expectOk, SELLER } from '../../../tests/builders/harness.builder';
import { HOUR, T0 } from '../../../tests/builders/terms.builder';
import { eventually, expectDecodes, settle, startWorld, type Watcher, type World } from './support/gateway-test-kit';

/** The user's stored notifications, newest first, as `GET /notifications` lists them. */
const stored = async (world: World, userId: UserId) =>
  expectOk(await world.marketplace.listNotifications.execute({ actor: actor(userId), unreadOnly: false, page: { page: 1, limit: 100 } })).items;

const seqOf = async (world: World, id: AuctionId, type: string) =>
  (await world.db.events.readAuction(id, 0)).filter((e) => e.type === type).at(-1)!.seq;

describe('realtime gateway: stored notifications pushed to their user', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({}, { notifications: true });
  });
  afterEach(() => world.close());

  it('an outbid bidder gets the stored notification on every socket of theirs, with its id and the seq of the bid; nobody else gets it', async () => {
    const id = await world.liveAuction();
    const [alice, aliceElsewhere, bob, carol] = await Promise.all([world.connect(ALICE), world.connect(ALICE), world.connect(BOB), world.connect(CAROL)]);
    await eventually(() => world.gateway.stats().notifiedUsers === 3);
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 1_500 }));
    await world.source.pump();

    const [row] = await stored(world, ALICE);
    const seq = await seqOf(world, id, 'BidPlaced');
    for (const w of [alice, aliceElsewhere]) {
      const pushed = await w.next('notification');
      expectDecodes(pushed);
      expect(pushed.payload).toEqual({
        auctionId: id, seq, timestamp: new Date(T0).toISOString(), userId: ALICE,
        id: row!.id, type: 'outbid', title: row!.title, message: row!.message, data: row!.data, createdAt: row!.createdAt,
      });
    }
    await settle(alice, aliceElsewhere, bob, carol);
    expect(alice.of('notification')).toHaveLength(1);
    expect(aliceElsewhere.of('notification')).toHaveLength(1);
    for (const w of [bob, carol]) expect(w.names()).not.toContain('notification');
  });

  it('an end notifies the winner, each losing bidder and the seller once each, as stored', async () => {
    const id = await world.liveAuction();
    const [alice, bob, carol, seller] = await Promise.all([world.connect(ALICE), world.connect(BOB), world.connect(CAROL), world.connect(SELLER)]);
    await eventually(() => world.gateway.stats().notifiedUsers === 4);
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 2_000 }));
    world.clock.set(T0 + 2 * HOUR);
    expectOk(await world.gavel.closeAuction.execute({ auctionId: id }));
    await world.source.pump();
    const endedSeq = await seqOf(world, id, 'AuctionEnded');

    const types = async (w: Watcher, count: number) => {
      await eventually(() => w.of('notification').length >= count);
      return w.of('notification').map((p) => [p.type, p.seq]);
    };
    expect(await types(bob, 1)).toEqual([['auction_won', endedSeq]]);
    expect(await types(seller, 1)).toEqual([['auction_ended', endedSeq]]);
    expect(await types(alice, 2)).toEqual([['outbid', endedSeq - 1], ['auction_lost', endedSeq]]);
    await settle(alice, bob, carol, seller);
    expect(carol.names()).not.toContain('notification');
    for (const [w, user] of [[alice, ALICE], [bob, BOB], [seller, SELLER]] as const) {
      const ids = w.of('notification').map((p) => p.id).sort();
      expect(ids).toEqual((await stored(world, user)).map((n) => n.id).sort());
    }
  });

  it('reads nothing for users without a socket here, and stops reading when the last socket of a user leaves', async () => {
    const id = await world.liveAuction();
    const alice = await world.connect(ALICE);
    await eventually(() => world.gateway.stats().notifiedUsers === 1);
    alice.socket.disconnect();
    await eventually(() => world.gateway.stats().notifiedUsers === 0);
    expect(world.notifications!.stats()).toEqual({ users: 0, cursor: null, holes: 0 });

    // Notifications stored while nobody listens are in the list, not pushed to a later socket.
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 1_000 }));
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 1_500 }));
    await world.source.pump();
    const again = await world.connect(ALICE);
    await eventually(() => world.gateway.stats().notifiedUsers === 1);
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: ALICE, amount: 2_000 }));
    expectOk(await world.gavel.placeBid.execute({ auctionId: id, bidderId: BOB, amount: 2_500 }));
    await world.source.pump();
    const pushed = await again.next('notification');
    expect(pushed.payload).toMatchObject({ type: 'outbid', data: expect.objectContaining({ currentPrice: 2_500 }) });
    await settle(again);
    expect(again.of('notification')).toHaveLength(1);
    expect(await stored(world, ALICE)).toHaveLength(2);
  });
});
