import { fail, ok, type Result } from '../shared/result';
import { type NotificationDeps, streamed, type StreamedNotification, validBatch } from './notification-view';

export interface NotificationFeedPage {
  readonly items: readonly StreamedNotification[];
  /** The cursor to read after next time: the last item's, or the store's latest when started from the end. */
  readonly end: number;
}

/**
 * Everyone's notifications after a cursor, oldest first, for a push gateway's one shared reader
 * (not for users: it has no actor). `after: null` starts from the end: no items, just the cursor.
 */
export class GetNotificationFeed {
  constructor(private readonly deps: NotificationDeps) {}

  async execute(input: { readonly after: number | null; readonly limit: number }): Promise<Result<NotificationFeedPage>> {
    const { after, limit } = input;
    if (after === null) return ok({ items: [], end: await this.deps.uow.run((tx) => tx.notifications.latestCursor()) });
    if (!validBatch(after, limit)) return fail('VALIDATION_ERROR', 'Invalid cursor or limit');
    const found = await this.deps.uow.run((tx) => tx.notifications.feed(after, limit));
    return ok({ items: found.map(streamed), end: found.at(-1)?.cursor ?? after });
  }
}
