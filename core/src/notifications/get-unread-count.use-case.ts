import { ok, type Result } from '../shared/result';
import type { Actor } from '../use-cases/support';
import type { NotificationDeps } from './notification-view';

/** `GET /notifications/unread-count` and the SSE stream's `unread_count` (seed 004: `{ count }`). */
export class GetUnreadCount {
  constructor(private readonly deps: NotificationDeps) {}

  async execute(input: { readonly actor: Actor }): Promise<Result<{ readonly count: number }>> {
    const count = await this.deps.uow.run((tx) => tx.notifications.unreadCount(input.actor.userId));
    return ok({ count });
  }
}
