import { type Page, type PageRequest, pageOf, sliceOf } from '../marketplace/marketplace-deps';
import { ok, type Result } from '../shared/result';
import type { Actor } from '../use-cases/support';
import { type NotificationDeps, type NotificationView, viewNotification } from './notification-view';

/** `GET /notifications?unread=true&page&limit`: the caller's notifications, newest first. */
export class ListNotifications {
  constructor(private readonly deps: NotificationDeps) {}

  async execute(input: { readonly actor: Actor; readonly unreadOnly: boolean; readonly page: PageRequest }): Promise<Result<Page<NotificationView>>> {
    const slice = sliceOf(input.page);
    if (!slice.ok) return slice;
    const found = await this.deps.uow.run((tx) => tx.notifications.list(input.actor.userId, { unreadOnly: input.unreadOnly, slice: slice.value }));
    return ok(pageOf(found.items.map(viewNotification), input.page, found.total));
  }
}
