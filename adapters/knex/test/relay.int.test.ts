import { type AuctionEvent, type AuctionId, EventRelay, type OutboxSignal, type StoredEvent } from '@gavel/core';
import { KnexDatabase, PgOutboxSignal } from '@gavel/knex';
import { randomUUID } from 'node:crypto';
import { describeEventRelayContract } from '../../../tests/contracts/event-relay.contract';
import { describeOutboxSignalContract, waitFor } from '../../../tests/contracts/outbox-signal.contract';
import { dialectsUnderTest, freshDatabase } from './dialects';

const ready = (signal: OutboxSignal): Promise<void> => (signal instanceof PgOutboxSignal ? signal.ready() : Promise.resolve());

const eventOf = (auctionId: AuctionId, seq: number): AuctionEvent => ({ type: 'AuctionUpdated', auctionId, seq, occurredAt: Date.now(), payload: { fields: ['title'] } });

for (const dialect of dialectsUnderTest()) {
  // SQLite, MySQL/MariaDB: this process's commits (relays poll for the others'); PostgreSQL: NOTIFY.
  describeOutboxSignalContract(`knex/${dialect}`, async () => {
    const { db, drop } = await freshDatabase(dialect);
    return { signal: db.outboxSignal, uow: db.uow, ready: () => ready(db.outboxSignal), close: drop };
  });

  describeEventRelayContract(`knex/${dialect}`, async () => {
    const { db, url, drop } = await freshDatabase(dialect, { poolMax: 20 });
    // A second pool on the same database writes too: another API process. SQLite has one writer.
    const other = dialect === 'sqlite' ? null : new KnexDatabase({ url, pool: { max: 20 } });
    return {
      events: db.events,
      signal: db.outboxSignal,
      writers: other ? [db.uow, other.uow] : [db.uow],
      close: async () => {
        await other?.close();
        await drop();
      },
    };
  });
}

for (const dialect of dialectsUnderTest().filter((d) => d !== 'sqlite')) {
  describe(`EventRelay on knex/${dialect}: a position committed late`, () => {
    it('delivers a row that became readable after the cursor passed its position', async () => {
      const { db, drop } = await freshDatabase(dialect);
      try {
        const relay = new EventRelay({ stream: db.events });
        const got: StoredEvent[] = [];
        relay.subscribe((e) => got.push(e));
        await relay.start('end');
        const [a, b] = [randomUUID() as AuctionId, randomUUID() as AuctionId];
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        let inserted!: () => void;
        const insertedA = new Promise<void>((resolve) => (inserted = resolve));
        // A's row takes the lower position and stays uncommitted while B's commits above it.
        const slow = db.uow.run(async (tx) => {
          await tx.events.publish([eventOf(a, 1)]);
          inserted();
          await gate;
        });
        await insertedA;
        await db.uow.run((tx) => tx.events.publish([eventOf(b, 1)]));
        await relay.pump();
        expect(got.map((e) => e.auctionId)).toEqual([b]);
        expect(relay.stats().holes).toBe(1);
        release();
        await slow;
        await relay.pump();
        expect(got.map((e) => e.auctionId)).toEqual([b, a]);
        expect(got[1]!.position).toBeLessThan(got[0]!.position);
        expect(relay.stats().holes).toBe(0);
      } finally {
        await drop();
      }
    }, 60_000);
  });
}

if (dialectsUnderTest().includes('pg')) {
  describe('PgOutboxSignal', () => {
    it('recovers after its LISTEN backend is terminated: fires once on reconnect, then on commits again', async () => {
      const errors: unknown[] = [];
      const { db, url, drop } = await freshDatabase('pg');
      const signal = new PgOutboxSignal({ url, minBackoffMs: 20, onError: (err) => errors.push(err) });
      try {
        let fired = 0;
        signal.subscribe(() => fired++);
        await signal.ready();
        await waitFor('the first fire after connecting', () => fired >= 1);
        const listeners = async () =>
          (await db.knex.raw("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN gavel_outbox'")).rows as Array<{ pid: number }>;
        const [before] = await listeners();
        expect(before).toBeDefined();
        fired = 0;
        await db.knex.raw('SELECT pg_terminate_backend(?)', [before!.pid]);
        await waitFor('the fire after reconnecting', () => fired >= 1);
        expect(errors.length).toBeGreaterThan(0);
        const after = await listeners();
        expect(after.map((r) => r.pid)).not.toContain(before!.pid);
        expect(after).toHaveLength(1);
        fired = 0;
        await db.uow.run((tx) => tx.events.publish([eventOf(randomUUID() as AuctionId, 1)]));
        await waitFor('a commit after the reconnect', () => fired >= 1);
      } finally {
        await signal.close();
        await drop();
      }
    }, 60_000);

    it('opens no connection until someone subscribes, and KnexDatabase.close() ends its LISTEN', async () => {
      const { db, url, drop } = await freshDatabase('pg');
      try {
        const count = async () =>
          Number((await db.knex.raw("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")).rows[0].n);
        const other = new KnexDatabase({ url });
        expect(await count()).toBe(0);
        other.outboxSignal.subscribe(() => undefined);
        await ready(other.outboxSignal);
        expect(await count()).toBe(1);
        await other.close();
        for (let i = 0; i < 100 && (await count()) > 0; i++) await new Promise((r) => setTimeout(r, 20));
        expect(await count()).toBe(0);
      } finally {
        await drop();
      }
    }, 60_000);
  });
}
