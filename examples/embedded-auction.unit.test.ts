import { runEmbeddedAuction } from './embedded-auction';

describe('the README example', () => {
  it('runs a whole auction: proxy war, reserve met, sold, settled with 5 % commission', async () => {
    const lines: string[] = [];
    const { state, events } = await runEmbeddedAuction((l) => lines.push(l));
    expect(lines).toEqual([
      'bid 10000 → price 15000, leading, reserve met: true',
      'bid 16000 → price 16250, outbid, reserve met: true',
      'bid 17500 → price 20250, leading, reserve met: true',
      'SOLD: final 20250, commission 1013, seller payout 19237',
    ]);
    expect(state.status).toBe('ENDED');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)?.type).toBe('AuctionSettled');
  });
});
