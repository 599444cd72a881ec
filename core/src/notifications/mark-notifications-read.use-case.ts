import { isUuid } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { Actor } from '../use-cases/support';
import type { NotificationId } from './notification';
import type { NotificationDeps } from './notification-view';

/** Most ids one request may name (a page's worth, SPEC's list limit). */
export const MAX_MARK_READ_IDS = 100;

export interface MarkReadOutput {
  /** How many unread notifications this call marked read. */
  readonly marked: number;
  /** What is left unread afterwards, so a badge needs no second request. */
  readonly unreadCount: number;
}

/**
 * `POST /notifications/read`: the given ids, or every unread notification when none are given.
 * Ids of other users' notifications are ignored, never reported: they are not the caller's to
 * know about. Marking again keeps the first `readAt`.
 */
export class MarkNotificationsRead {
  constructor(private readonly deps: NotificationDeps) {}

  async execute(input: { readonly actor: Actor; readonly ids?: readonly string[] | null }): Promise<Result<MarkReadOutput>> {
    const ids = input.ids ?? null;
    if (ids !== null && (ids.length > MAX_MARK_READ_IDS || !ids.every(isUuid))) {
      return fail('VALIDATION_ERROR', 'Invalid notification ids', { ids: `must be at most ${MAX_MARK_READ_IDS} UUIDs` });
    }
    const userId = input.actor.userId;
    const now = this.deps.clock.now();
    return this.deps.uow.run(async (tx) => {
      const marked = ids === null || ids.length > 0 ? await tx.notifications.markRead(userId, ids === null ? 'all' : (ids as readonly NotificationId[]), now) : 0;
      return ok({ marked, unreadCount: await tx.notifications.unreadCount(userId) });
    });
  }
}
