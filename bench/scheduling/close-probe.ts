import { createGavel, type AuctionId, type UserId } from '@gavel/core';
import { KnexDatabase } from '@gavel/knex';
import { RandomUuidGenerator, SystemClock } from '@gavel/memory';
import { randomUUID } from 'node:crypto';
import { freshPostgres, withFresh } from '../http/fresh-database';

/** Probe: closes per second of `CloseAuction` on PostgreSQL in one process, by concurrency (not part of npm run bench). */
const main = async () => {
  const server = process.env.GAVEL_TEST_PG_URL!;
  await withFresh(await freshPostgres(server), async (url) => {
    const db = new KnexDatabase({ url, pool: { max: 20 } });
    await db.migrate();
    let now = Date.now();
    const clock = { now: () => now };
    const gavel = createGavel({ uow: db.uow, clock, ids: new RandomUuidGenerator(), fraudPolicies: [] });
    const seller = randomUUID() as UserId;
    const bidder = randomUUID() as UserId;
    await db.uow.run(async (tx) => { for (const id of [seller, bidder]) await tx.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] }); });
    for (const [conc, batch] of [[1, 1], [5, 1], [1, 10], [1, 50], [2, 50]] as const) {
      now = Date.now();
      const ids: AuctionId[] = [];
      for (let i = 0; i < 400; i++) {
        const c = await gavel.createAuction.execute({ actor: { userId: seller, role: 'user' }, terms: { title: 't', description: 'd', categoryId: null, type: 'forward', currency: 'USD', startingPrice: 1000, reservePrice: null, buyNowPrice: null, budgetMax: null, increment: 'table', startTime: null, endTime: now + 60_000, extension: { windowSeconds: 1, extendBySeconds: 1 }, buyerPremiumBps: 0, shippingCost: 0 }, publish: true });
        if (!c.ok) throw new Error(JSON.stringify(c.error));
        if (i % 2 === 0) await gavel.placeBid.execute({ auctionId: c.value.id, bidderId: bidder, amount: 1000 });
        ids.push(c.value.id);
      }
      now += 120_000;
      const cpu0 = process.cpuUsage();
      const t0 = Date.now();
      let next = 0;
      await Promise.all(Array.from({ length: conc }, async () => {
        while (next < ids.length) {
          const chunk = ids.slice(next, next + batch);
          next += batch;
          const r = await gavel.closeAuctions.execute({ auctionIds: chunk });
          if (!r.ok) throw new Error(JSON.stringify(r.error));
        }
      }));
      const ms = Date.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      console.log(`concurrency ${conc} batch ${batch}: ${Math.round((ids.length / ms) * 1000)} closes/s, node CPU ${((cpu.user + cpu.system) / 1000 / ids.length).toFixed(2)} ms/close`);
    }
    await db.close();
  });
};
main().catch((e) => { console.error(e); process.exit(1); });
