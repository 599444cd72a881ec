import { type AuctionId, createGavel, EventRelay, type EventStream, type OutboxSignal, type StoredEvent, type UnitOfWork, type UserId } from '@gavel/core';
import { RandomUuidGenerator } from '@gavel/memory';
import { randomUUID } from 'node:crypto';
import { rng } from '../load/bid-storm';

/**
 * A store to relay from: its event stream and signal, and one or more units of work writing
 * to it (a Knex database gives a second pool: another API process on the same database).
 */
export interface RelaySubject {
  readonly events: EventStream;
  readonly signal: OutboxSignal;
  readonly writers: readonly UnitOfWork[];
  close(): Promise<void>;
}

export type RelayFactory = () => Promise<RelaySubject>;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A relay pumped on its signal and every few milliseconds, as a gateway runs it. */
const drive = (relay: EventRelay, signal: OutboxSignal) => {
  const errors: unknown[] = [];
  const pump = () => relay.pump().catch((err: unknown) => errors.push(err));
  const off = signal.subscribe(() => void pump());
  let running = true;
  const loop = (async () => {
    while (running) {
      await pump();
      await pause(3);
    }
  })();
  return {
    errors,
    stop: async () => {
      running = false;
      off();
      await loop;
      await relay.pump();
    },
  };
};

const record = (relay: EventRelay) => {
  const got = new Map<AuctionId, StoredEvent[]>();
  relay.subscribe((e) => got.set(e.auctionId, [...(got.get(e.auctionId) ?? []), e]));
  return got;
};

/**
 * Issue 5's relay on a real store: many concurrent bids over several auctions (positions
 * become visible out of order on PostgreSQL and MariaDB), some auctions closed, while relays
 * pump in a loop. Every relay delivers each event once, per auction in seq order, and what
 * it delivered equals the auction's stream read back.
 */
export const describeEventRelayContract = (name: string, factory: RelayFactory, opts: { bids?: number; auctions?: number } = {}): void => {
  const bids = opts.bids ?? 400;
  const auctionCount = opts.auctions ?? 8;

  describe(`EventRelay contract: ${name}`, () => {
    let subject: RelaySubject;
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(() => subject.close());

    it('delivers every event of concurrent bids and closes exactly once, in seq order, equal to readAuction', async () => {
      let offset = 0;
      const clock = { now: () => Date.now() + offset };
      const gavels = subject.writers.map((uow) => createGavel({ uow, clock, ids: new RandomUuidGenerator(), fraudPolicies: [] }));
      const seller = randomUUID() as UserId;
      const bidders = Array.from({ length: 12 }, () => randomUUID() as UserId);
      await subject.writers[0]!.run(async (tx) => {
        for (const id of [seller, ...bidders]) await tx.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
      });

      const relay = new EventRelay({ stream: subject.events, batchSize: 50 });
      await relay.start('end');
      const got = record(relay);
      const driver = drive(relay, subject.signal);
      const late: { relay?: EventRelay; got?: Map<AuctionId, StoredEvent[]>; driver?: ReturnType<typeof drive> } = {};

      const ids: AuctionId[] = [];
      await Promise.all(Array.from({ length: auctionCount }, async (_, i) => {
        const created = await gavels[i % gavels.length]!.createAuction.execute({
          actor: { userId: seller, role: 'user' },
          publish: true,
          terms: {
            title: `relay ${i}`, type: 'forward', currency: 'USD', startingPrice: 1_000, endTime: clock.now() + 3_600_000,
            increment: { kind: 'fixed', amount: 10 }, extension: { windowSeconds: 0, extendBySeconds: 0 },
          },
        });
        if (!created.ok) throw new Error(created.error.code);
        ids.push(created.value.id);
      }));

      const random = rng(11);
      const plan = Array.from({ length: bids }, (_, i) => ({
        gavel: gavels[Math.floor(random() * gavels.length)]!,
        auctionId: ids[Math.floor(random() * ids.length)]!,
        bidderId: bidders[Math.floor(random() * bidders.length)]!,
        amount: 1_000 + i * 10,
      }));
      await Promise.all(plan.map(async (p, i) => {
        // A second relay joins mid-storm, as a gateway started while bids flow.
        if (i === Math.floor(bids / 2)) {
          const r = new EventRelay({ stream: subject.events, batchSize: 7 });
          await r.start('end');
          Object.assign(late, { relay: r, got: record(r), driver: drive(r, subject.signal) });
        }
        const res = await p.gavel.placeBid.execute({ auctionId: p.auctionId, bidderId: p.bidderId, amount: p.amount, maxAmount: null });
        if (!res.ok && res.error.code !== 'BID_TOO_LOW' && res.error.code !== 'ALREADY_HIGHEST_BIDDER') throw new Error(res.error.code);
      }));
      // Half the auctions end (ended, and settled when sold): their final events pass too.
      offset = 2 * 3_600_000;
      const closing = ids.slice(0, Math.ceil(ids.length / 2));
      await Promise.all(closing.map(async (auctionId, i) => {
        const closed = await gavels[i % gavels.length]!.closeAuction.execute({ auctionId });
        if (!closed.ok) throw new Error(closed.error.code);
      }));

      await driver.stop();
      await late.driver?.stop();
      expect(driver.errors).toEqual([]);
      expect(late.driver?.errors ?? []).toEqual([]);

      let total = 0;
      for (const id of ids) {
        const stream = await subject.events.readAuction(id, 0);
        total += stream.length;
        expect(stream.map((e) => e.seq)).toEqual(stream.map((_, i) => i + 1));
        // Everything, from seq 1: the auctions were created after the start.
        expect(got.get(id)).toEqual(stream);
        // The late relay: a contiguous run ending at the last seq, each event as stored.
        const tail = late.got?.get(id) ?? [];
        expect(tail).toEqual(stream.slice(stream.length - tail.length));
      }
      expect(total).toBeGreaterThan(auctionCount * 3);
      expect([...(late.got?.values() ?? [])].flat().length).toBeGreaterThan(0);
      // Closed auctions were forgotten once their final event passed; open ones are remembered.
      expect(relay.stats()).toMatchObject({ held: 0, auctions: ids.length - closing.length });
    }, 180_000);
  });
};
