import type Koa from 'koa';
import type { SseHub } from './sse-hub';

export type { EventSource, SseOptions, SseSources } from './sse-options';
export { defaultSseOptions } from './sse-options';
export { SseHub } from './sse-hub';
export { SSE_AUCTION_PATH, SSE_NOTIFICATIONS_PATH } from './sse.routes';
export { auctionStatusUpdateOf, auctionUpdateOf, type AuctionUpdate } from './auction-update.mapper';

const hubs = new WeakMap<Koa, SseHub>();

export const registerSseHub = (app: Koa, hub: SseHub): void => {
  hubs.set(app, hub);
};

/** The SSE streams of an app made by `createHttpApp` (undefined for any other Koa app). */
export const sseHubOf = (app: Koa): SseHub | undefined => hubs.get(app);

/**
 * Ends every SSE stream of the app with a `disconnected` event (graceful shutdown: the server
 * would otherwise wait on them until its timeout). `createHttpServer`'s `close()` calls it.
 */
export const closeStreams = (app: Koa): void => {
  hubs.get(app)?.closeStreams();
};
