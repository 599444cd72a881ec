import { type AuctionId, type AuctionStatusView, type Result, type StoredEvent, toIso, type Viewer } from '@gavel/core';
import type Koa from 'koa';
import { errorReply } from '../errors/envelope';
import type { HttpDeps } from '../http-deps';
import { requestState, send } from '../middleware/request-state';
import { auctionStatusUpdateOf, auctionUpdateOf } from './auction-update.mapper';
import type { SseHub } from './sse-hub';
import type { SseSources } from './sse-options';

/**
 * `GET /sse/auctions/:id`: `auction_update` for each event of the auction's stream, with its
 * `seq` as the event id. Without `Last-Event-ID` the first is `auction_status` (the status view,
 * at its `seq`); with it, the events after that seq are replayed from the outbox. Live events
 * are taken from before the first read, held, then passed on only above the last seq sent, and
 * a jump in seq is filled from the outbox first: in order, no gap, nothing twice.
 */
export const openAuctionStream = async (
  ctx: Koa.Context, hub: SseHub, deps: HttpDeps, sources: SseSources, viewer: Viewer, auctionId: AuctionId, lastEventId: number | null,
): Promise<void> => {
  const held: StoredEvent[] = [];
  let live: ((e: StoredEvent) => void) | null = null;
  const unwatch = hub.watchAuction(auctionId, (e) => (live ? live(e) : held.push(e)));
  let status: Result<AuctionStatusView>;
  try {
    status = await deps.marketplace.getStatus.execute({ viewer, auctionId });
  } catch (err) {
    unwatch();
    throw err;
  }
  // Visible to this viewer or "not found", drafts of others included (never "forbidden").
  if (!status.ok) {
    unwatch();
    return send(ctx, errorReply(status.error, toIso(deps.clock.now())));
  }
  const conn = hub.open(ctx);
  conn.onClose(unwatch);
  // The outbox could not be read: end the stream, the client resumes from its last id.
  const failed = (err: unknown) => {
    requestState(ctx).log.warn({ err, auctionId }, 'sse auction stream failed');
    conn.close();
  };
  // Koa sends the headers once this handler returns: the replay runs after, on the open stream.
  void (async () => {
    let last: number;
    const pass = (e: StoredEvent) => {
      conn.send('auction_update', auctionUpdateOf(e), e.seq);
      last = e.seq;
    };
    // An id beyond the stream (another deployment's, a stale tab) would hold back every event.
    if (lastEventId !== null && lastEventId <= status.value.seq) {
      last = lastEventId;
      for (const e of await sources.stream.readAuction(auctionId, lastEventId)) if (e.seq > last) pass(e);
    } else {
      conn.send('auction_update', auctionStatusUpdateOf(status.value), status.value.seq);
      last = status.value.seq;
    }
    const handle = async (e: StoredEvent): Promise<void> => {
      if (e.seq <= last || !conn.isOpen) return;
      if (e.seq > last + 1) {
        for (const m of await sources.stream.readAuction(auctionId, last)) if (m.seq > last && m.seq < e.seq) pass(m);
      }
      if (e.seq > last) pass(e);
    };
    let chain = Promise.resolve();
    const enqueue = (e: StoredEvent) => {
      chain = chain.then(() => handle(e)).catch(failed);
    };
    for (const e of held.splice(0)) enqueue(e);
    live = enqueue;
  })().catch(failed);
};
