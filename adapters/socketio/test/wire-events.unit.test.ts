import { PERSONAL_EVENT_NAMES, ROOM_EVENT_NAMES, type ServerEventName } from '@gavel/contracts';
import { type AuctionEventType, type AuctionTerms, personalNotices, type StoredEvent } from '@gavel/core';
import { encodeAck, encodeWire, personalEventOf, roomEventOf, snapshotOf, type WireEvent } from '@gavel/socketio';
import { actor, ALICE, BOB, CAROL, expectOk, harness, SELLER } from '../../../tests/builders/harness.builder';
import { forwardTerms, HOUR, reverseTerms, T0 } from '../../../tests/builders/terms.builder';

const bySeller = ({ commissionBps: _c, ...terms }: AuctionTerms) => terms;
const BIDDERS = [ALICE, BOB, CAROL];

/** Every kind of domain event, on a forward and a reverse auction, with proxies, soft close, sale and cancel. */
const lifeOfAuctions = async () => {
  const h = await harness();
  const { gavel, clock } = h;
  const main = expectOk(await gavel.createAuction.execute({
    actor: actor(SELLER), terms: bySeller(forwardTerms({ reservePrice: 3_000, startTime: T0 + HOUR / 2, endTime: T0 + 2 * HOUR })),
  }));
  expectOk(await gavel.editAuction.execute({ auctionId: main.id, actor: actor(SELLER), patch: { description: 'Now with a lens' } }));
  expectOk(await gavel.publishAuction.execute({ auctionId: main.id, actor: actor(SELLER) }));
  clock.set(T0 + HOUR / 2);
  expectOk(await gavel.openAuction.execute({ auctionId: main.id }));
  expectOk(await gavel.placeBid.execute({ auctionId: main.id, bidderId: ALICE, amount: 1_000, maxAmount: 4_000 }));
  expectOk(await gavel.placeBid.execute({ auctionId: main.id, bidderId: BOB, amount: 3_200 }));
  clock.set(T0 + 2 * HOUR - 60_000);
  expectOk(await gavel.placeBid.execute({ auctionId: main.id, bidderId: CAROL, amount: 5_000 }));
  clock.set(T0 + 3 * HOUR);
  expectOk(await gavel.closeAuction.execute({ auctionId: main.id }));
  const reverse = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(reverseTerms({ endTime: T0 + 5 * HOUR })), publish: true }));
  expectOk(await gavel.placeBid.execute({ auctionId: reverse.id, bidderId: ALICE, amount: 150_000 }));
  expectOk(await gavel.placeBid.execute({ auctionId: reverse.id, bidderId: BOB, amount: 120_000 }));
  clock.set(T0 + 6 * HOUR);
  expectOk(await gavel.closeAuction.execute({ auctionId: reverse.id }));
  const unsold = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms({ reservePrice: 50_000, endTime: T0 + 7 * HOUR })), publish: true }));
  expectOk(await gavel.placeBid.execute({ auctionId: unsold.id, bidderId: ALICE, amount: 1_000 }));
  clock.set(T0 + 8 * HOUR);
  expectOk(await gavel.closeAuction.execute({ auctionId: unsold.id }));
  const cancelled = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms({ endTime: T0 + 9 * HOUR })), publish: true }));
  expectOk(await gavel.cancelAuction.execute({ auctionId: cancelled.id, actor: actor(SELLER) }));
  const events: StoredEvent[] = await h.db.events.readAfter(0, 1_000);
  return { ...h, events, main };
};

const encodes = (wire: WireEvent) => {
  const encoded = encodeWire(wire, true);
  if (!encoded.ok) throw new Error(`${wire.name} ${JSON.stringify(wire.payload)}: ${JSON.stringify(encoded.details)}`);
  return encoded.payload as Record<string, unknown>;
};

describe('domain events → wire events', () => {
  it('maps every domain event type to a room event that encodes and decodes unchanged, carrying its auction, seq and time', async () => {
    const { events } = await lifeOfAuctions();
    const all: AuctionEventType[] = ['AuctionCreated', 'AuctionUpdated', 'AuctionPublished', 'AuctionStarted', 'BidPlaced', 'AuctionExtended', 'AuctionEnded', 'AuctionSettled', 'AuctionCancelled'];
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(all));
    const names = new Set<ServerEventName>();
    for (const event of events) {
      const wire = roomEventOf(event);
      names.add(wire.name);
      expect(ROOM_EVENT_NAMES).toContain(wire.name);
      const payload = encodes(wire);
      expect(payload).toEqual(wire.payload);
      expect(payload).toMatchObject({ auctionId: event.auctionId, seq: event.seq, timestamp: new Date(event.occurredAt).toISOString() });
    }
    expect(names.size).toBe(all.length);
  });

  it('never names a bidder in a room event, forward or reverse (the leader, the rows, the winner)', async () => {
    const { events } = await lifeOfAuctions();
    for (const event of events) {
      const json = JSON.stringify(encodes(roomEventOf(event)));
      for (const bidder of BIDDERS) expect(json).not.toContain(bidder);
    }
    const update = roomEventOf(events.find((e) => e.type === 'BidPlaced' && e.payload.previousLeaderId !== null)!);
    expect(update.payload).toMatchObject({ leaderId: null, previousLeaderId: null });
    const ended = events.filter((e) => e.type === 'AuctionEnded').map((e) => roomEventOf(e).payload);
    expect(ended.map((p) => (p as { winnerId: unknown }).winnerId)).toEqual([null, null, null]);
  });

  it('maps the personal notices (outbid, won, lost) to user events that keep their stream event seq and decode', async () => {
    const { events } = await lifeOfAuctions();
    const wires = events.flatMap((e) => personalNotices(e).map((n) => ({ wire: personalEventOf(n), event: e, notice: n })));
    expect(new Set(wires.map((w) => w.wire.name))).toEqual(new Set(['outbid', 'auction_won', 'auction_lost']));
    for (const { wire, event, notice } of wires) {
      expect(PERSONAL_EVENT_NAMES).toContain(wire.name);
      expect(encodes(wire)).toMatchObject({ seq: event.seq, auctionId: event.auctionId, userId: notice.userId });
    }
  });

  it('builds the snapshot from the viewer\'s view with the stream seq', async () => {
    const { gavel, events, main } = await lifeOfAuctions();
    const view = expectOk(await gavel.getAuction.execute({ auctionId: main.id, viewer: { userId: ALICE, role: 'user' } }));
    const payload = encodes(snapshotOf(view));
    expect(payload).toMatchObject({ auctionId: main.id, id: main.id, timestamp: view.serverTime });
    expect(payload.seq).toBe(Math.max(...events.filter((e) => e.auctionId === main.id).map((e) => e.seq)));
  });

  it('refuses to encode a payload its codec would not decode, and strips what the codec does not know', () => {
    const base = { auctionId: '49fbe6e1-84dc-4d25-a3b3-19f546b4c38e', seq: 3, timestamp: '2026-01-01T12:00:00.000Z' };
    expect(encodeWire({ name: 'auction_cancelled', payload: { ...base, seq: -1 } }, true)).toEqual({ ok: false, details: { seq: 'must be a non-negative integer' } });
    expect(encodeWire({ name: 'auction_cancelled', payload: { ...base, seq: -1 } }, false)).toMatchObject({ ok: true });
    const extra = { ...base, bidderIds: [ALICE] } as WireEvent['payload'];
    expect(encodeWire({ name: 'auction_cancelled', payload: extra } as WireEvent, true)).toEqual({ ok: true, payload: base });
    expect(encodeAck({ ok: false, code: 'AUCTION_NOT_FOUND', message: 'Auction not found' })).toEqual({ ok: false, code: 'AUCTION_NOT_FOUND', message: 'Auction not found' });
  });
});
