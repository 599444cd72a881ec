import { type JsonClient, mapLimit } from './http-client';
import { API, type AuctionBook } from './market';

/**
 * After a scenario, what the API says of its auctions against what the bench was told: every
 * 201 must be one bid (the auction's `bidCount` and its stored bid history both), and the price
 * must be the highest accepted amount (no proxies bid, so no auto-bid moves it).
 */
export interface Consistency {
  readonly ok: boolean;
  readonly auctions: number;
  /** 201 replies received, warm-up and tail included. */
  readonly acceptedReplies: number;
  /** Σ `bidCount` of the auctions (GET /auctions?sellerId=…, the listing). */
  readonly bidCount: number;
  /** Σ bid history totals (GET /auctions/:id/bids). */
  readonly bidHistory: number;
  /** Auctions whose count, history or price disagree with the replies (at most 5 listed). */
  readonly mismatches: number;
  readonly examples: readonly string[];
}

interface AuctionView {
  readonly bidCount: number;
  readonly currentPrice: number | null;
}

interface Page {
  readonly pagination: { readonly total: number; readonly pages: number };
}

/** `bidCount` and price of every auction of `seller`, from the listing (100 a page, far fewer requests than one each). */
const listed = async (client: JsonClient, sellerId: string): Promise<Map<string, AuctionView>> => {
  const views = new Map<string, AuctionView>();
  for (let page = 1; ; page++) {
    const p = await client.data<Page & { items: (AuctionView & { id: string })[] }>('GET', `${API}/auctions?sellerId=${sellerId}&limit=100&page=${page}`);
    for (const a of p.items) views.set(a.id, a);
    if (page >= p.pagination.pages) return views;
  }
};

export const checkConsistency = async (client: JsonClient, sellerId: string, books: readonly AuctionBook[]): Promise<Consistency> => {
  const views = await listed(client, sellerId);
  const seen = await mapLimit(books, 16, async (b) => {
    const history = await client.data<Page>('GET', `${API}/auctions/${b.id}/bids?limit=1`);
    const view = views.get(b.id) ?? { bidCount: -1, currentPrice: null };
    const total = history.pagination.total;
    const wrong = view.bidCount !== b.accepted || total !== b.accepted || view.currentPrice !== b.best;
    const example = `${b.id}: ${b.accepted} accepted (best ${b.best}), bidCount ${view.bidCount}, history ${total}, price ${view.currentPrice}`;
    return { bidCount: view.bidCount, total, wrong, example };
  });
  const bad = seen.filter((s) => s.wrong);
  return {
    ok: bad.length === 0,
    auctions: books.length,
    acceptedReplies: books.reduce((n, b) => n + b.accepted, 0),
    bidCount: seen.reduce((n, s) => n + s.bidCount, 0),
    bidHistory: seen.reduce((n, s) => n + s.total, 0),
    mismatches: bad.length,
    examples: bad.slice(0, 5).map((s) => s.example),
  };
};
