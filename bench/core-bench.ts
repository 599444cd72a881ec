import { Auction, type AuctionId, type BidId, createGavel, resolveBid, type UserId } from '@gavel/core';
import { FakeClock, MemoryDatabase, RandomUuidGenerator } from '@gavel/memory';

/** One measured scenario: `run` performs `batch` bid decisions per call. */
export interface Scenario {
  readonly name: string;
  readonly batch: number;
  readonly run: () => void | Promise<void>;
}

const T0 = Date.UTC(2030, 0, 1);
const FAR = T0 + 365 * 24 * 3_600_000;
const SELLER = 'f0000000-0000-4000-8000-000000000000' as UserId;
const bidder = (i: number) => `b0000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}` as UserId;
const BIDDERS = Array.from({ length: 64 }, (_, i) => bidder(i + 1));

// The production generator (crypto.randomUUID), as a deployment would use.
const ids = new RandomUuidGenerator();
const nextBidId = () => ids.next() as BidId;

const newLiveAuction = (n: number, increment: 'table' | { kind: 'fixed'; amount: number } = { kind: 'fixed', amount: 1 }): Auction => {
  const created = Auction.create(`a0000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}` as AuctionId, SELLER, {
    title: 'bench', description: '', categoryId: null, type: 'forward', currency: 'USD', startingPrice: 100,
    reservePrice: null, buyNowPrice: null, budgetMax: null, increment, startTime: null, endTime: FAR,
    extension: { windowSeconds: 0, extendBySeconds: 0 }, commissionBps: 500, buyerPremiumBps: 0, shippingCost: 0,
  }, T0);
  if (!created.ok) throw new Error(created.error.message);
  created.value.publish(T0);
  created.value.flush();
  return created.value;
};

const mustAccept = (r: { ok: boolean }) => {
  if (!r.ok) throw new Error('bench bid refused: the scenario is wrong');
};

/** Pure price decisions (no rows, no events): the floor of what a decision costs. */
const resolutionOnly = (batch: number): Scenario => {
  const state = { ...newLiveAuction(0).state };
  let i = 0;
  return {
    name: 'resolveBid only (price decision, no recording)',
    batch,
    run() {
      for (let k = 0; k < batch; k++, i++) {
        const r = resolveBid(state, BIDDERS[i & 1]!, (state.currentPrice ?? 99) + 1, null);
        if (!r.ok) throw new Error(r.error.code);
        Object.assign(state, { currentPrice: r.value.price, leaderId: r.value.leaderId, leaderMax: r.value.leaderMax });
      }
    },
  };
};

/** Single plain bids on one hot auction: two bidders alternating at the minimum next bid. */
const singleBidsOneAuction = (batch: number): Scenario => {
  const auction = newLiveAuction(1);
  let i = 0;
  return {
    name: 'aggregate: single bids, one auction',
    batch,
    run() {
      for (let k = 0; k < batch; k++, i++) {
        mustAccept(auction.placeBid({ bidderId: BIDDERS[i & 1]!, amount: auction.minNextBid, maxAmount: null }, T0 + i, nextBidId));
        if ((i & 1023) === 0) auction.flush();
      }
    },
  };
};

/** A proxy war: three bidders, each raising its max over the leader's; every bid makes auto rows. */
const proxyWarOneAuction = (batch: number): Scenario => {
  const auction = newLiveAuction(2, 'table');
  let i = 0;
  return {
    name: 'aggregate: proxy war, one auction (eBay table)',
    batch,
    run() {
      for (let k = 0; k < batch; k++, i++) {
        const s = auction.state;
        const challenger = BIDDERS[(i % 3)]! === s.leaderId ? BIDDERS[((i + 1) % 3)]! : BIDDERS[i % 3]!;
        const amount = auction.minNextBid;
        const max = (s.leaderMax ?? amount) + 1 + (i % 7) * 37;
        mustAccept(auction.placeBid({ bidderId: challenger, amount, maxAmount: Math.max(max, amount) }, T0 + i, nextBidId));
        if ((i & 1023) === 0) auction.flush();
      }
    },
  };
};

/** The same single bids spread round-robin over 10,000 auctions (cache-unfriendly). */
const spreadOverAuctions = (batch: number, count: number): Scenario => {
  const auctions = Array.from({ length: count }, (_, n) => newLiveAuction(1_000 + n));
  let i = 0;
  return {
    name: `aggregate: single bids over ${count.toLocaleString('en')} auctions`,
    batch,
    run() {
      for (let k = 0; k < batch; k++, i++) {
        const a = auctions[i % count]!;
        const round = Math.floor(i / count);
        mustAccept(a.placeBid({ bidderId: BIDDERS[round & 1]!, amount: a.minNextBid, maxAmount: null }, T0 + i, nextBidId));
        a.flush();
      }
    },
  };
};

/** The PlaceBid use case end to end on the memory adapters: lock, load, decide, save, publish. */
const useCase = async (batch: number, count: number, fraud: boolean): Promise<Scenario> => {
  const db = new MemoryDatabase();
  const clock = new FakeClock(T0);
  const gavel = createGavel({ uow: db.uow, clock, ids, ...(fraud ? {} : { fraudPolicies: [] }) });
  const seller = { id: SELLER, status: 'ACTIVE' as const, role: 'user' as const, knownIps: [], knownDevices: [] };
  await db.users.save(seller);
  for (const id of BIDDERS) await db.users.save({ ...seller, id });
  const auctionIds: AuctionId[] = [];
  for (let n = 0; n < count; n++) {
    const view = await gavel.createAuction.execute({
      actor: { userId: SELLER, role: 'user' }, publish: true,
      terms: { title: 'bench', type: 'forward', currency: 'USD', startingPrice: 100, endTime: FAR, increment: { kind: 'fixed', amount: 1 }, extension: { windowSeconds: 0, extendBySeconds: 0 } },
    });
    if (!view.ok) throw new Error(view.error.message);
    auctionIds.push(view.value.id);
  }
  const prices = new Map<AuctionId, number>(auctionIds.map((id) => [id, 100]));
  let i = 0;
  return {
    name: `use case PlaceBid on memory adapters: ${count.toLocaleString('en')} auction(s)${fraud ? ', default fraud policies' : ''}`,
    batch,
    async run() {
      for (let k = 0; k < batch; k++, i++) {
        const auctionId = auctionIds[i % count]!;
        const round = Math.floor(i / count);
        // 64 bidders in turn and a clock that moves 100 ms per bid keep the velocity policy quiet.
        clock.advance(100);
        const r = await gavel.placeBid.execute({ auctionId, bidderId: BIDDERS[round % 64]!, amount: prices.get(auctionId)! + (round === 0 ? 0 : 1) });
        if (!r.ok) throw new Error(r.error.code);
        prices.set(auctionId, r.value.auction.currentPrice!);
      }
    },
  };
};

/** Builders, not scenarios: each is built just before it is measured, so no scenario's heap slows another's GC. */
export const scenarios: readonly (() => Scenario | Promise<Scenario>)[] = [
  () => resolutionOnly(100_000),
  () => singleBidsOneAuction(100_000),
  () => proxyWarOneAuction(50_000),
  () => spreadOverAuctions(100_000, 10_000),
  () => useCase(10_000, 1, false),
  () => useCase(10_000, 1, true),
  () => useCase(20_000, 10_000, false),
];
