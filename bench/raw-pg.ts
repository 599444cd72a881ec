import type { AuctionId, UserId } from '@gavel/core';
import { randomUUID } from 'node:crypto';
import { Pool, type PoolClient } from 'pg';
import { ACCEPTED, type Outcome, type PriceBook } from './load';

/**
 * The raw-SQL ceiling: what PostgreSQL itself allows for one bid's transaction, with node-postgres
 * and nothing else (no Knex, no core, no proxies, no refusals). The schema is the adapter's own,
 * so the rows, indexes and unique checks written per bid are the ones the Knex path writes; the
 * gap between these rows and the Knex rows is what the adapter and the use case cost.
 */

/** A plain node-postgres pool. */
export const openRawPool = (url: string, max: number): Pool => {
  const pool = new Pool({ connectionString: url, max });
  // An idle client whose backend dies emits 'error' on the pool; unhandled, it kills the process.
  pool.on('error', (err) => console.warn(`raw pg pool: idle client error: ${err.message}`));
  return pool;
};

/** The BidPlaced payload, close to the real one in size and shape (the outbox row costs what it weighs). */
const payload = (bidId: string, bidderId: UserId, amount: number, previousLeaderId: string | null, bidCount: number, increment: number) =>
  JSON.stringify({
    bidId, bidderId, bids: [{ id: bidId, bidderId, amount, kind: 'bid' }], currentPrice: amount, leaderId: bidderId,
    previousLeaderId, bidCount, reserveMet: true, minNextBid: amount + increment, buyNowAvailable: false, endTime: 0,
  });

const rollbackQuietly = (client: PoolClient) => client.query('ROLLBACK').catch(() => undefined);

/**
 * The Knex path's transaction shape, one statement per round trip:
 * BEGIN; SELECT ... FOR UPDATE; INSERT bids; INSERT outbox; UPDATE auctions; COMMIT.
 * Every bid is written: an amount below the minimum is raised to it under the lock. PostgreSQL
 * does not hand a row lock to its waiters in arrival order, so with client-chosen amounts most
 * concurrent bids would lose to a higher one sent a moment later and roll back, which is cheap;
 * the ceiling is meant to be the cost of an accepted bid.
 */
export const rawTransactionBid = (pool: Pool, auctionId: AuctionId, book: PriceBook, increment: number) => async (): Promise<Outcome> => {
  const { bidderId, amount: asked } = book.next();
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ current_price: string | null; starting_price: string; bid_count: number; seq: number; leader_id: string | null }>(
      'SELECT current_price, starting_price, bid_count, seq, leader_id FROM auctions WHERE id = $1 FOR UPDATE', [auctionId]);
    const a = rows[0];
    if (!a) throw new Error(`auction ${auctionId} not found`);
    const amount = Math.max(asked, a.current_price === null ? Number(a.starting_price) : Number(a.current_price) + increment);
    const bidId = randomUUID();
    const now = new Date();
    await client.query(
      'INSERT INTO bids (id, auction_id, bidder_id, amount, max_amount, kind, ordinal, placed_at) VALUES ($1, $2, $3, $4, NULL, $5, $6, $7)',
      [bidId, auctionId, bidderId, amount, 'bid', a.bid_count + 1, now]);
    await client.query(
      'INSERT INTO outbox (auction_id, seq, type, occurred_at, payload) VALUES ($1, $2, $3, $4, $5)',
      [auctionId, a.seq + 1, 'BidPlaced', now, payload(bidId, bidderId, amount, a.leader_id, a.bid_count + 1, increment)]);
    await client.query(
      'UPDATE auctions SET current_price = $2, leader_id = $3, bid_count = bid_count + 1, seq = seq + 1, version = version + 1, updated_at = $4 WHERE id = $1',
      [auctionId, amount, bidderId, now]);
    await client.query('COMMIT');
    book.seen(amount, bidderId);
    return ACCEPTED;
  } catch (err) {
    await rollbackQuietly(client);
    broken = err as Error;
    throw err;
  } finally {
    // A client that failed mid-transaction is discarded rather than returned in an unknown state.
    client.release(broken);
  }
};

/**
 * The same bid as one statement (data-modifying CTEs) in autocommit: one round trip and one
 * commit per bid, the least a bid can cost over the wire. `a` locks the row (in READ COMMITTED a
 * waiter gets the newest version once the lock is free) and works out the amount, raised to the
 * minimum like above; the other parts write from it.
 */
const CTE_BID = `
WITH a AS (
  SELECT id, bid_count, seq, leader_id, GREATEST($4::bigint, COALESCE(current_price + $6::bigint, starting_price)) AS amount
  FROM auctions WHERE id = $1 FOR UPDATE
), b AS (
  INSERT INTO bids (id, auction_id, bidder_id, amount, max_amount, kind, ordinal, placed_at)
  SELECT $2, a.id, $3, a.amount, NULL, 'bid', a.bid_count + 1, $5 FROM a
), o AS (
  INSERT INTO outbox (auction_id, seq, type, occurred_at, payload)
  SELECT a.id, a.seq + 1, 'BidPlaced', $5,
    $7::jsonb || jsonb_build_object('currentPrice', a.amount, 'bidCount', a.bid_count + 1, 'previousLeaderId', a.leader_id) FROM a
), u AS (
  UPDATE auctions SET current_price = a.amount, leader_id = $3, bid_count = auctions.bid_count + 1, seq = auctions.seq + 1,
    version = auctions.version + 1, updated_at = $5
  FROM a WHERE auctions.id = a.id
  RETURNING a.amount
)
SELECT amount FROM u`;

export const rawCteBid = (pool: Pool, auctionId: AuctionId, book: PriceBook, increment: number) => async (): Promise<Outcome> => {
  const { bidderId, amount } = book.next();
  const bidId = randomUUID();
  const { rows } = await pool.query<{ amount: string }>(CTE_BID, [
    auctionId, bidId, bidderId, amount, new Date(), increment, payload(bidId, bidderId, amount, null, 0, increment),
  ]);
  if (!rows[0]) throw new Error(`auction ${auctionId} not found`);
  book.seen(Number(rows[0].amount), bidderId);
  return ACCEPTED;
};
