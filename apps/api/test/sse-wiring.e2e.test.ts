import { type E2eApp, startE2eApp } from '../../../tests/e2e/support/e2e-app';
import { e2eDialects } from '../../../tests/e2e/support/e2e-database';
import { createAuction, placeBidOk, registerUser } from '../../../tests/e2e/support/e2e-fixtures';

jest.setTimeout(30_000);

/** Reads SSE frames until one of `event` arrives; returns its data. */
const readUntil = async (reader: ReadableStreamDefaultReader<Uint8Array>, event: string, ms = 10_000): Promise<Record<string, unknown>> => {
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const name = /^event: (.*)$/m.exec(frame)?.[1];
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (name === event && data) return JSON.parse(data) as Record<string, unknown>;
    }
  }
  throw new Error(`no ${event} event`);
};

/** The api app wires its own outbox relay into the SSE streams: a bid reaches a stream open on it. */
describe.each(e2eDialects())('the api app serves live SSE auction streams (%s)', (dialect) => {
  let app: E2eApp;
  beforeAll(async () => {
    app = await startE2eApp(dialect);
  });
  afterAll(() => app?.close());

  it('sends the bid as an auction_update with the next seq', async () => {
    const [seller, bidder] = [await registerUser(app), await registerUser(app)];
    const lot = await createAuction(app, seller, { startingPrice: 1_000, increment: 100 });
    const controller = new AbortController();
    const res = await fetch(`${app.url}/api/v1/sse/auctions/${lot.id}`, { signal: controller.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const first = await readUntil(reader, 'auction_update');
    await placeBidOk(app, bidder, lot.id, 1_000);
    const update = await readUntil(reader, 'auction_update');
    expect(update).toMatchObject({ auctionId: lot.id, seq: (first.seq as number) + 1 });
    controller.abort();
  });
});
