import { type AuctionEventType, type AuctionId, type AuctionTerms, type AuctionType, personalNotices, type StoredEvent } from '@gavel/core';
import { decode, PERSONAL_EVENT_NAMES, ROOM_EVENT_NAMES, ServerEvents } from '@gavel/contracts';
import { actor, ALICE, BOB, CAROL, expectOk, harness, SELLER } from '../builders/harness.builder';
import { forwardTerms, HOUR, reverseTerms, T0 } from '../builders/terms.builder';
import { personalEventOf, roomEventOf, snapshotOf, type WireEvent } from './domain-to-wire.helper';

/** The builders set `commissionBps`, which only an admin may; a seller leaves it to the default. */
const bySeller = ({ commissionBps: _c, ...terms }: AuctionTerms) => terms;

const expectDecodes = (wire: WireEvent) => {
  const decoded = decode(ServerEvents[wire.name], wire.payload);
  if (!decoded.ok) throw new Error(`${wire.name} ${JSON.stringify(wire.payload)}: ${JSON.stringify(decoded.details)}`);
  expect(decoded.value).toEqual(wire.payload);
};

/** One of each domain event: draft, edit, scheduled publish, start, bids, extension, end, settlement, cancel. */
const lifeOfAuctions = async () => {
  const h = await harness();
  const { gavel, clock } = h;
  const types = new Map<AuctionId, AuctionType>();

  const main = expectOk(await gavel.createAuction.execute({
    actor: actor(SELLER), terms: bySeller(forwardTerms({ reservePrice: 3_000, startTime: T0 + HOUR / 2, endTime: T0 + 2 * HOUR })),
  }));
  types.set(main.id, 'forward');
  expectOk(await gavel.editAuction.execute({ auctionId: main.id, actor: actor(SELLER), patch: { description: 'Now with a lens' } }));
  expectOk(await gavel.publishAuction.execute({ auctionId: main.id, actor: actor(SELLER) }));
  clock.set(T0 + HOUR / 2);
  expectOk(await gavel.openAuction.execute({ auctionId: main.id }));
  expectOk(await gavel.placeBid.execute({ auctionId: main.id, bidderId: ALICE, amount: 1_000, maxAmount: 4_000 }));
  // Alice's maximum reaches the reserve, so the price is already 3000 (SPEC, "Reserve").
  expectOk(await gavel.placeBid.execute({ auctionId: main.id, bidderId: BOB, amount: 3_200 }));
  clock.set(T0 + 2 * HOUR - 60_000);
  expectOk(await gavel.placeBid.execute({ auctionId: main.id, bidderId: CAROL, amount: 5_000 }));
  clock.set(T0 + 3 * HOUR);
  expectOk(await gavel.closeAuction.execute({ auctionId: main.id }));

  const reverse = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(reverseTerms({ endTime: T0 + 5 * HOUR })), publish: true }));
  types.set(reverse.id, 'reverse');
  expectOk(await gavel.placeBid.execute({ auctionId: reverse.id, bidderId: ALICE, amount: 150_000, details: { notes: 'fast' } }));
  expectOk(await gavel.placeBid.execute({ auctionId: reverse.id, bidderId: BOB, amount: 120_000 }));
  clock.set(T0 + 6 * HOUR);
  expectOk(await gavel.closeAuction.execute({ auctionId: reverse.id }));

  const unsold = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms({ reservePrice: 50_000, endTime: T0 + 7 * HOUR })), publish: true }));
  types.set(unsold.id, 'forward');
  expectOk(await gavel.placeBid.execute({ auctionId: unsold.id, bidderId: ALICE, amount: 1_000 }));
  clock.set(T0 + 8 * HOUR);
  expectOk(await gavel.closeAuction.execute({ auctionId: unsold.id }));

  const cancelled = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms({ endTime: T0 + 9 * HOUR })), publish: true }));
  types.set(cancelled.id, 'forward');
  expectOk(await gavel.cancelAuction.execute({ auctionId: cancelled.id, actor: actor(SELLER) }));

  const events: StoredEvent[] = await h.db.events.readAfter(0, 100);
  return { ...h, events, types, main };
};

describe('domain events map to realtime payloads that decode', () => {
  it('every domain event type has a wire form, and each decodes', async () => {
    const { events, types } = await lifeOfAuctions();
    const all: AuctionEventType[] = [
      'AuctionCreated', 'AuctionUpdated', 'AuctionPublished', 'AuctionStarted', 'BidPlaced', 'AuctionExtended', 'AuctionEnded', 'AuctionSettled', 'AuctionCancelled',
    ];
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(all));
    for (const event of events) {
      const wire = roomEventOf(event, types.get(event.auctionId)!);
      expect(ROOM_EVENT_NAMES).toContain(wire.name);
      expectDecodes(wire);
    }
  });

  it('BidPlaced → bid_update keeps every row, the proxy answers included', async () => {
    const { events, types } = await lifeOfAuctions();
    const placed = events.filter((e) => e.type === 'BidPlaced');
    expect(placed.length).toBeGreaterThanOrEqual(5);
    expect(placed.some((e) => e.type === 'BidPlaced' && e.payload.bids.some((b) => b.kind === 'auto'))).toBe(true);
    for (const event of placed) {
      const wire = roomEventOf(event, types.get(event.auctionId)!);
      expect(wire.name).toBe('bid_update');
      expectDecodes(wire);
      if (types.get(event.auctionId) === 'reverse') expect(wire.payload.leaderId).toBeNull();
    }
  });

  it('AuctionEnded → auction_ended for SOLD, RESERVE_NOT_MET and the reverse winner', async () => {
    const { events, types } = await lifeOfAuctions();
    const ended = events.filter((e) => e.type === 'AuctionEnded').map((e) => roomEventOf(e, types.get(e.auctionId)!));
    expect(ended.map((w) => w.payload.outcome).sort()).toEqual(['RESERVE_NOT_MET', 'SOLD', 'SOLD']);
    for (const wire of ended) {
      expect(wire.name).toBe('auction_ended');
      expectDecodes(wire);
    }
  });

  it('seq numbers each auction stream one by one, from 1', async () => {
    const { events } = await lifeOfAuctions();
    const byAuction = new Map<string, number[]>();
    for (const e of events) byAuction.set(e.auctionId, [...(byAuction.get(e.auctionId) ?? []), e.seq]);
    for (const seqs of byAuction.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('personal notices (outbid, won, lost) decode and keep the seq of their stream event', async () => {
    const { events } = await lifeOfAuctions();
    const wires = events.flatMap((e) => personalNotices(e).map((n) => ({ wire: personalEventOf(n), seq: e.seq })));
    expect(new Set(wires.map((w) => w.wire.name))).toEqual(new Set(['outbid', 'auction_won', 'auction_lost']));
    for (const { wire, seq } of wires) {
      expect(PERSONAL_EVENT_NAMES).toContain(wire.name);
      expect(wire.payload.seq).toBe(seq);
      expectDecodes(wire);
    }
  });

  it('the snapshot of a subscribing viewer decodes and carries the stream seq', async () => {
    const { gavel, events, main } = await lifeOfAuctions();
    const view = expectOk(await gavel.getAuction.execute({ auctionId: main.id, viewer: { userId: ALICE, role: 'user' } }));
    const snapshot = snapshotOf(view);
    expectDecodes(snapshot);
    expect(snapshot.payload.seq).toBe(Math.max(...events.filter((e) => e.auctionId === main.id).map((e) => e.seq)));
  });
});
