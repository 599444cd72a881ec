import { type Actor, type StreamedNotification, toIso } from '@gavel/core';
import type Koa from 'koa';
import type { HttpDeps } from '../http-deps';
import { requestState } from '../middleware/request-state';
import type { SseHub } from './sse-hub';

/**
 * `GET /sse/notifications` (seed 004 §12): `connected`, `unread_count`, then each new
 * `notification` with its cursor as the event id, and `heartbeat`s. With `Last-Event-ID` the
 * notifications after it are sent first. Live ones are taken from the shared reader from before
 * the replay starts, held until it ends, and those the replay already sent are dropped: nothing
 * falls between replay and live, nothing comes twice.
 */
export const openNotificationStream = async (ctx: Koa.Context, hub: SseHub, deps: HttpDeps, actor: Actor, lastEventId: number | null): Promise<void> => {
  const held: StreamedNotification[] = [];
  const replayed = new Set<number>();
  let live: ((n: StreamedNotification) => void) | null = null;
  const sub = await hub.poller.subscribe(actor.userId, (n) => (live ? live(n) : held.push(n)));
  const conn = hub.open(ctx);
  conn.onClose(sub.unsubscribe);
  // Koa sends the headers once this handler returns: the rest runs after, on the open stream.
  void (async () => {
    const timestamp = () => toIso(deps.clock.now());
    // A fresh stream's id is where live delivery starts, so a reconnect resumes from there even
    // before any notification came; a resumed one keeps the client's id until it gets one.
    conn.send('connected', { timestamp: timestamp() }, lastEventId === null ? sub.position : undefined);
    const count = await deps.marketplace.unreadCount.execute({ actor });
    if (count.ok) conn.send('unread_count', { count: count.value.count, timestamp: timestamp() });
    if (lastEventId !== null) {
      let after = lastEventId;
      let sent = 0;
      while (conn.isOpen && sent < hub.options.maxReplay) {
        const limit = Math.min(hub.options.batchSize, hub.options.maxReplay - sent);
        const page = await deps.marketplace.notificationsAfter.execute({ actor, after, limit });
        if (!page.ok) break;
        for (const n of page.value) {
          replayed.add(n.cursor);
          conn.send('notification', n.view, n.cursor);
        }
        sent += page.value.length;
        if (page.value.length < limit) break;
        after = page.value.at(-1)!.cursor;
      }
    }
    const deliver = (n: StreamedNotification) => {
      if (!replayed.has(n.cursor)) conn.send('notification', n.view, n.cursor);
    };
    for (const n of held.splice(0)) deliver(n);
    live = deliver;
  })().catch((err: unknown) => {
    requestState(ctx).log.warn({ err }, 'sse notification stream failed');
    conn.close();
  });
};
