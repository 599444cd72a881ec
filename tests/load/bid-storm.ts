import {
  Auction,
  type AuctionId,
  type BidId,
  type Clock,
  createGavel,
  type ErrorCode,
  type EventStream,
  type UnitOfWork,
  type UserId,
} from '@gavel/core';
import { RandomUuidGenerator } from '@gavel/memory';
import { randomUUID } from 'node:crypto';

export interface StormRequest {
  readonly index: number;
  readonly bidderId: UserId;
  readonly amount: number;
  readonly maxAmount: number | null;
  start: number;
  end: number;
  outcome: { ok: true; bidId: BidId; price: number } | { ok: false; code: ErrorCode };
}

/** A small deterministic generator (mulberry32): the same seed, the same storm. */
export const rng = (seed: number) => () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export interface StormOptions {
  readonly uow: UnitOfWork;
  readonly events: EventStream;
  readonly bids?: number;
  readonly bidders?: number;
  readonly seed?: number;
}

/**
 * Fires `bids` requests (plain and proxy, from `bidders` bidders) at one fresh auction all at
 * once through the PlaceBid use case, recording each request's start, end and outcome.
 */
export const bidStorm = async (opts: StormOptions) => {
  const count = opts.bids ?? 400;
  const random = rng(opts.seed ?? 42);
  const clock: Clock = { now: () => Date.now() };
  const gavel = createGavel({ uow: opts.uow, clock, ids: new RandomUuidGenerator(), fraudPolicies: [] });
  const seller = randomUUID() as UserId;
  const bidders = Array.from({ length: opts.bidders ?? 20 }, () => randomUUID() as UserId);
  await opts.uow.run(async (tx) => {
    for (const id of [seller, ...bidders]) await tx.users.save({ id, status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] });
  });
  const created = await gavel.createAuction.execute({
    actor: { userId: seller, role: 'user' },
    publish: true,
    terms: {
      title: 'storm', type: 'forward', currency: 'USD', startingPrice: 1_000, endTime: Date.now() + 3_600_000,
      increment: { kind: 'fixed', amount: 10 }, extension: { windowSeconds: 0, extendBySeconds: 0 },
    },
  });
  if (!created.ok) throw new Error(created.error.code);
  const auctionId = created.value.id;

  // Amounts climb with the index (so many are accepted in whatever order they land); a third
  // are proxies with a max a few steps higher, some of them equal to each other.
  const requests: StormRequest[] = Array.from({ length: count }, (_, index) => {
    const amount = 1_000 + index * 10 + Math.floor(random() * 5) * 10;
    const proxy = random() < 0.35;
    return {
      index, bidderId: bidders[Math.floor(random() * bidders.length)]!, amount,
      maxAmount: proxy ? amount + Math.floor(random() * 8) * 50 : null,
      start: 0, end: 0, outcome: { ok: false, code: 'INTERNAL_ERROR' },
    };
  });
  await Promise.all(requests.map(async (r) => {
    r.start = performance.now();
    const res = await gavel.placeBid.execute({ auctionId, bidderId: r.bidderId, amount: r.amount, maxAmount: r.maxAmount });
    r.end = performance.now();
    r.outcome = res.ok ? { ok: true, bidId: res.value.bid.id, price: res.value.auction.currentPrice! } : { ok: false, code: res.error.code };
  }));
  const final = await opts.uow.run(async (tx) => ({ auction: (await tx.auctions.get(auctionId))!.state, bids: await tx.auctions.bids(auctionId) }));
  const events = await opts.events.readAuction(auctionId, 0);
  return { auctionId, requests, final, events, terms: created.value };
};

export type StormResult = Awaited<ReturnType<typeof bidStorm>>;

/** Replays the accepted manual bids, in commit order, through a fresh aggregate with the same terms. */
export const replay = (r: StormResult) => {
  const final = r.final.auction;
  const created = Auction.create(r.auctionId as AuctionId, final.sellerId, {
    title: final.title, description: final.description, categoryId: final.categoryId, type: final.type, currency: final.currency,
    startingPrice: final.startingPrice, reservePrice: final.reservePrice, buyNowPrice: final.buyNowPrice, budgetMax: final.budgetMax,
    increment: final.increment, startTime: null, endTime: final.endTime, extension: final.extension,
    commissionBps: final.commissionBps, buyerPremiumBps: final.buyerPremiumBps, shippingCost: final.shippingCost,
  }, final.createdAt);
  if (!created.ok) throw new Error(created.error.code);
  const auction = created.value;
  auction.publish(final.startTime!);
  let n = 0;
  for (const row of r.final.bids.filter((b) => b.kind === 'bid' || b.kind === 'max_raise')) {
    const decided = auction.placeBid({ bidderId: row.bidderId, amount: row.amount, maxAmount: row.maxAmount }, row.placedAt, () => `replay-${++n}` as BidId);
    if (!decided.ok) throw new Error(`replay refused a stored bid: ${decided.error.code}`);
  }
  return auction.state;
};
