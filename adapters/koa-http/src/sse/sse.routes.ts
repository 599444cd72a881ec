import { isUuid, toIso, AuctionId, ANONYMOUS, asViewer } from '@gavel/core';
import Router from '@koa/router';
import type Koa from 'koa';
import { errorReply } from '../errors/envelope';
import type { HttpDeps } from '../http-deps';
import { requestState, send, sendError } from '../middleware/request-state';
import { openAuctionStream } from './auction-stream';
import { openNotificationStream } from './notification-stream';
import type { SseHub } from './sse-hub';
import { authenticateStream, lastEventIdOf } from './stream-auth';

export const SSE_NOTIFICATIONS_PATH = '/sse/notifications';
export const SSE_AUCTION_PATH = '/sse/auctions/:id';

/**
 * The two event streams, beside the JSON routes (they answer a stream, not an envelope; their
 * refusals before the stream starts are envelopes like any route's). `/sse/auctions/:id` is
 * served only when the app provides live events (`HttpDeps.sse`).
 */
export const sseRouter = (deps: HttpDeps, hub: SseHub, basePath: string): Router => {
  const router = new Router({ prefix: basePath });
  const refuse = (ctx: Koa.Context, error: Parameters<typeof errorReply>[0]) => send(ctx, errorReply(error, toIso(deps.clock.now())));

  router.get(SSE_NOTIFICATIONS_PATH, async (ctx) => {
    const caller = await authenticateStream(ctx, 'required', deps);
    if (!caller.ok) return refuse(ctx, caller.error);
    const actor = caller.value!;
    requestState(ctx).userId = actor.userId;
    await openNotificationStream(ctx, hub, deps, actor, lastEventIdOf(ctx));
  });

  const sources = deps.sse;
  if (sources) {
    router.get(SSE_AUCTION_PATH, async (ctx) => {
      const caller = await authenticateStream(ctx, 'optional', deps);
      if (!caller.ok) return refuse(ctx, caller.error);
      if (caller.value) requestState(ctx).userId = caller.value.userId;
      const id = (ctx.params as Record<string, string>).id ?? '';
      if (!isUuid(id)) return sendError(ctx, deps.clock, 'VALIDATION_ERROR', 'Invalid request', { id: 'must be a UUID' });
      const viewer = caller.value ? asViewer(caller.value) : ANONYMOUS;
      await openAuctionStream(ctx, hub, deps, sources, viewer, AuctionId(id), lastEventIdOf(ctx));
    });
  }
  return router;
};
