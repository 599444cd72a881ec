'use strict';
/**
 * A bidding process for the kill test: 16 concurrent loops place bids on one auction through
 * the PlaceBid use case on the compiled packages, and print one JSON line per acknowledged bid
 * (only after the use case returned, i.e. after the commit). The test kills it with SIGKILL.
 * Usage: node bidding-process.js <DATABASE_URL> <auctionId> <bidderId,bidderId,...>
 */
const { createGavel } = require('@gavel/core');
const { KnexDatabase } = require('@gavel/knex');
const { RandomUuidGenerator } = require('@gavel/memory');

const [url, auctionId, biddersCsv] = process.argv.slice(2);
const bidders = biddersCsv.split(',');
const db = new KnexDatabase({ url, pool: { max: 16 } });
const gavel = createGavel({ uow: db.uow, clock: { now: () => Date.now() }, ids: new RandomUuidGenerator(), fraudPolicies: [] });

let price = 0;
const loop = async (n) => {
  for (let i = 0; ; i++) {
    const bidderId = bidders[(n * 7 + i) % bidders.length];
    const amount = Math.max(price, 1_000) + 10 * (1 + ((n + i) % 3));
    const proxy = (n + i) % 4 === 0;
    const r = await gavel.placeBid.execute({ auctionId, bidderId, amount, maxAmount: proxy ? amount + 40 : null });
    if (r.ok) {
      price = Math.max(price, r.value.auction.currentPrice);
      process.stdout.write(`${JSON.stringify({ id: r.value.bid.id, autoIds: r.value.autoBids.map((b) => b.id) })}\n`);
    } else {
      price = Math.max(price, r.value?.auction?.currentPrice ?? price);
      if (r.error.code !== 'BID_TOO_LOW' && r.error.code !== 'ALREADY_HIGHEST_BIDDER') {
        process.stderr.write(`unexpected refusal ${r.error.code}\n`);
        process.exit(2);
      }
    }
  }
};

(async () => {
  const start = await db.uow.run((tx) => tx.auctions.get(auctionId));
  price = start.state.currentPrice ?? 0;
  process.stdout.write('ready\n');
  await Promise.all(Array.from({ length: 16 }, (_, n) => loop(n)));
})().catch((err) => {
  process.stderr.write(`${err.stack}\n`);
  process.exit(1);
});
