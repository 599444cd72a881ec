import { randomUUID } from 'node:crypto';
import { type JsonClient, mapLimit } from './http-client';

/**
 * The bench's users and auctions, made through the API itself, and what the load generator
 * knows of each auction while it bids.
 */

export const API = '/api/v1';
export const STARTING_PRICE = 1_000;
/** The auctions' fixed increment, in minor units. */
export const INCREMENT = 1;
/**
 * What each bid adds to the highest amount sent or accepted so far: ten increments, so bids
 * sent close together all clear the minimum if decided in the order they were sent.
 */
export const STEP = 10 * INCREMENT;
/** Set-up requests in flight at once. */
const SETUP_CONCURRENCY = 8;

export interface Account {
  readonly id: string;
  readonly token: string;
}

interface Session {
  readonly accessToken: string;
  readonly user: { readonly id: string };
}

const PASSWORD = 'bench-password-1';

/** Registers `count` accounts (register answers with a session, so no separate login). */
export const registerAccounts = (client: JsonClient, prefix: string, count: number): Promise<Account[]> => {
  const run = randomUUID().slice(0, 8);
  return mapLimit(Array.from({ length: count }, (_, i) => i), SETUP_CONCURRENCY, async (i) => {
    const username = `${prefix}${run}_${i}`;
    const s = await client.data<Session>('POST', `${API}/auth/register`, { username, email: `${username}@bench.example`, password: PASSWORD });
    return { id: s.user.id, token: s.accessToken };
  });
};

/** `count` forward auctions, LIVE at once, that outlast the run: fixed increment, no reserve. */
export const createAuctions = (client: JsonClient, seller: Account, count: number): Promise<string[]> =>
  mapLimit(Array.from({ length: count }, (_, i) => i), SETUP_CONCURRENCY * 2, async (i) => {
    const a = await client.data<{ id: string }>('POST', `${API}/auctions`, {
      title: `bench auction ${i}`, description: 'HTTP bench', type: 'forward', currency: 'USD',
      startingPrice: STARTING_PRICE, increment: INCREMENT, endTime: new Date(Date.now() + 24 * 3_600_000).toISOString(), publish: true,
    }, seller.token);
    return a.id;
  });

/**
 * One auction as the load generator sees it. Amounts rise strictly across every connection
 * bidding on it; accepted replies say who leads, so a bidder can stay away from an auction it
 * already leads (when it has another to go to). `accepted` and `best` count every 201, warm-up
 * and tail included, for the consistency check.
 */
export class AuctionBook {
  private lastSent = STARTING_PRICE - STEP;
  /** The highest accepted amount (the price: no proxies) and its bidder. */
  best: number | null = null;
  leader: number | null = null;
  accepted = 0;

  constructor(readonly id: string) {}

  nextAmount(): number {
    this.lastSent = Math.max(this.lastSent, this.best ?? 0) + STEP;
    return this.lastSent;
  }

  onAccepted(bidder: number, amount: number): void {
    this.accepted++;
    if (this.best === null || amount > this.best) {
      this.best = amount;
      this.leader = bidder;
    }
  }
}
