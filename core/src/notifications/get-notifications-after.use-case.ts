import { fail, ok, type Result } from '../shared/result';
import type { Actor } from '../use-cases/support';
import { type NotificationDeps, streamed, type StreamedNotification, validBatch } from './notification-view';

/** The caller's notifications after a cursor, oldest first: an SSE client resuming (`Last-Event-ID`). */
export class GetNotificationsAfter {
  constructor(private readonly deps: NotificationDeps) {}

  async execute(input: { readonly actor: Actor; readonly after: number; readonly limit: number }): Promise<Result<StreamedNotification[]>> {
    if (!validBatch(input.after, input.limit)) return fail('VALIDATION_ERROR', 'Invalid cursor or limit');
    const found = await this.deps.uow.run((tx) => tx.notifications.after(input.actor.userId, input.after, input.limit));
    return ok(found.map(streamed));
  }
}
