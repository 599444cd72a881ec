import { AuctionView, PlaceBidResponseData } from '@gavel/contracts';
import { type ApiClient, expectOk } from '../../e2e/support/api-client';
import type { Session } from './http-fixtures';

export interface BidDriverOptions {
  /** The API processes; bids go to them in turn. */
  readonly apis: readonly ApiClient[];
  readonly bidders: readonly Session[];
  readonly auctionIds: readonly string[];
  /** Requests in flight at once (they race on the same auctions: refusals are expected). */
  readonly concurrency: number;
  /** Every n-th bid carries a proxy maximum a few steps above it (auto-bids answer later bids). */
  readonly proxyEvery?: number;
  /** Pause of each worker between two requests (spreads the stream over time). */
  readonly pauseMs?: number;
}

/** What the driver did, for the report and the assertions. */
export interface BidFigures {
  accepted: number;
  acceptedPerApi: number[];
  /** Refusals by code (BID_TOO_LOW, ALREADY_HIGHEST_BIDDER, CONCURRENT_MODIFICATION: races between workers). */
  refused: Record<string, number>;
  withProxy: number;
  autoBids: number;
  extended: number;
}

/** Codes a race between concurrent bidders produces; anything else fails the run. */
const RACE_CODES = new Set(['BID_TOO_LOW', 'ALREADY_HIGHEST_BIDDER', 'CONCURRENT_MODIFICATION', 'RATE_LIMIT_EXCEEDED']);

/** The core's bid-velocity policy: 10 manual bids per bidder per auction a minute (kept under here). */
const VELOCITY = { maxBids: 9, windowMs: 60_000 };

const pick = <T>(items: readonly T[], i: number): T => {
  const item = items[i % items.length];
  if (item === undefined) throw new Error('empty list');
  return item;
};

/**
 * Bids from several bidders at increasing amounts, some with proxy maximums, sent to the API
 * processes alternately by `concurrency` workers at once, until `accepted` bids were taken or
 * `stop()` is called. After a refusal a worker reads the auction again from the API it used.
 */
export class BidDriver {
  readonly figures: BidFigures;
  private readonly next = new Map<string, number>();
  /** Accepted bids per `bidder/auction`, by time: a bidder near the velocity limit sits out. */
  private readonly recent = new Map<string, number[]>();
  /** The bidder the last accepted bid made leader, per auction (bidding again is refused). */
  private readonly leader = new Map<string, string>();
  private turn = 0;
  private stopped = false;

  constructor(private readonly opts: BidDriverOptions) {
    this.figures = { accepted: 0, acceptedPerApi: opts.apis.map(() => 0), refused: {}, withProxy: 0, autoBids: 0, extended: 0 };
  }

  stop(): void {
    this.stopped = true;
  }

  /** Runs the workers until `accepted` bids in total were taken (or `stop()`). */
  async run(accepted: number): Promise<BidFigures> {
    this.stopped = false;
    const target = this.figures.accepted + accepted;
    await Promise.all(Array.from({ length: this.opts.concurrency }, () => this.worker(target)));
    return this.figures;
  }

  private async worker(target: number): Promise<void> {
    while (!this.stopped && this.figures.accepted < target) {
      const n = this.turn++;
      const apiIndex = n % this.opts.apis.length;
      const api = pick(this.opts.apis, n);
      const auctionId = pick(this.opts.auctionIds, Math.floor(n / this.opts.apis.length));
      const bidder = this.bidderFor(auctionId);
      if (!bidder) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const min = this.next.get(auctionId) ?? (await this.refresh(api, auctionId));
      const amount = min + 100 * Math.floor(Math.random() * 3);
      const proxy = this.opts.proxyEvery !== undefined && n % this.opts.proxyEvery === 0;
      const body = { auction_id: auctionId, bid_amount: amount, ...(proxy ? { max_amount: amount + 100 * (1 + (n % 4)) } : {}) };
      const res = await api.post('/bids/place', { token: bidder.accessToken, body });
      if (res.status === 201) {
        const data = expectOk(res, PlaceBidResponseData, 201);
        this.figures.accepted += 1;
        this.figures.acceptedPerApi[apiIndex] = (this.figures.acceptedPerApi[apiIndex] ?? 0) + 1;
        if (proxy) this.figures.withProxy += 1;
        this.figures.autoBids += data.autoBids.length;
        if (data.extended) this.figures.extended += 1;
        this.raise(auctionId, data.minNextBid);
        this.note(bidder, auctionId, data.leading);
      } else {
        const code = (res.body as { code?: string } | null)?.code ?? `HTTP ${res.status}`;
        if (!RACE_CODES.has(code)) throw new Error(`bid refused with ${code}: ${JSON.stringify(res.body)}`);
        this.figures.refused[code] = (this.figures.refused[code] ?? 0) + 1;
        if (code !== 'ALREADY_HIGHEST_BIDDER') await this.refresh(api, auctionId);
      }
      if (this.opts.pauseMs) await new Promise((r) => setTimeout(r, this.opts.pauseMs));
    }
  }

  /** A bidder not leading the auction and under the velocity limit on it, from a random start. */
  private bidderFor(auctionId: string): Session | null {
    const { bidders } = this.opts;
    const start = Math.floor(Math.random() * bidders.length);
    const since = Date.now() - VELOCITY.windowMs;
    for (let i = 0; i < bidders.length; i++) {
      const bidder = pick(bidders, start + i);
      if (bidder.id === this.leader.get(auctionId)) continue;
      const times = (this.recent.get(`${bidder.id}/${auctionId}`) ?? []).filter((t) => t > since);
      if (times.length < VELOCITY.maxBids) return bidder;
    }
    return null;
  }

  private note(bidder: Session, auctionId: string, leading: boolean): void {
    const key = `${bidder.id}/${auctionId}`;
    this.recent.set(key, [...(this.recent.get(key) ?? []), Date.now()]);
    if (leading) this.leader.set(auctionId, bidder.id);
  }

  private async refresh(api: ApiClient, auctionId: string): Promise<number> {
    const view = expectOk(await api.get(`/auctions/${auctionId}`), AuctionView);
    this.raise(auctionId, view.minNextBid);
    return this.next.get(auctionId) ?? view.minNextBid;
  }

  /** Prices only go up: a slower reply never lowers what the next bid offers. */
  private raise(auctionId: string, minNextBid: number): void {
    this.next.set(auctionId, Math.max(this.next.get(auctionId) ?? 0, minNextBid));
  }
}
