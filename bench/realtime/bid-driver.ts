import { errorCodeOf, type JsonClient } from '../http/http-client';
import { type Account, API, STARTING_PRICE, STEP } from '../http/market';
import { LatencySamples, type LatencySummary } from './latency';

/**
 * The bids that make the events: an open loop at a fixed rate on one auction, each bid sent at
 * its scheduled time whether or not the previous one has answered (a closed loop would slow down
 * with the server and hide its latency). Amounts rise with every bid sent and bidders take turns,
 * so a bid is refused only when a later one overtook it in flight (counted, it makes no event).
 */

export interface BidRun {
  readonly sent: number;
  /** 201 replies: each one is a committed `BidPlaced`, one `bid_update` to every watcher. */
  readonly accepted: number;
  readonly refused: number;
  readonly failed: number;
  readonly failures: Record<string, number>;
  /** Time from sending a bid to its 201, as the driver sees it (the commit happens inside it). */
  readonly httpMs: LatencySummary;
  readonly ms: number;
}

/** A run, and when each accepted bid's 201 arrived (epoch ms, by bid id). */
export interface BidRunWithReplies {
  readonly run: BidRun;
  readonly replyAt: Record<string, number>;
}

export class BidDriver {
  private sent = 0;

  constructor(
    private readonly client: JsonClient,
    private readonly auctionId: string,
    private readonly bidders: readonly Account[],
  ) {}

  /** `count` bids at `perSecond`, each aimed at start + i / rate; resolves once every reply is in. */
  async run(perSecond: number, count: number): Promise<BidRunWithReplies> {
    const http = new LatencySamples();
    const replyAt: Record<string, number> = {};
    const failures: Record<string, number> = {};
    let accepted = 0;
    let refused = 0;
    let failed = 0;
    const one = async () => {
      const n = this.sent++;
      const bidder = this.bidders[n % this.bidders.length]!;
      const t0 = performance.now();
      try {
        const r = await this.client.send('POST', `${API}/bids/place`, { auction_id: this.auctionId, bid_amount: STARTING_PRICE + n * STEP }, bidder.token);
        const t1 = performance.now();
        http.add(t1 - t0);
        const code = errorCodeOf(r.body);
        if (r.status === 201) {
          accepted += 1;
          const id = (r.body as { data?: { id?: unknown } } | null)?.data?.id;
          if (typeof id === 'string') replyAt[id] = performance.timeOrigin + t1;
        }
        else if (r.status === 400 && (code === 'BID_TOO_LOW' || code === 'ALREADY_HIGHEST_BIDDER')) refused += 1;
        else throw new Error(`HTTP ${r.status} ${code ?? ''}`.trim());
      } catch (err) {
        failed += 1;
        const key = (err instanceof Error ? err.message : String(err)).slice(0, 100);
        failures[key] = (failures[key] ?? 0) + 1;
      }
    };
    const start = performance.now();
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const wait = start + (i * 1000) / perSecond - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(one());
    }
    await Promise.all(inFlight);
    return { run: { sent: count, accepted, refused, failed, failures, httpMs: http.summary(), ms: Math.round(performance.now() - start) }, replyAt };
  }
}
