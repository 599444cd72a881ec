import type { Instant, NewNotification, Notification, NotificationId, NotificationListQuery, NotificationRepository, SlicePage, UserId } from '@gavel/core';
import type { MemoryState } from './memory-state';

/**
 * Notifications inside one memory unit of work: reads see committed rows plus this
 * transaction's own; adds and read marks are staged until `commit`. Cursors are positions in
 * the state's one array, assigned at commit: commits are synchronous, so cursor order is commit
 * order here (stronger than the port promises). Staged rows show the cursor they would get now.
 */
export class MemoryNotificationRepository implements NotificationRepository {
  private readonly added: NewNotification[] = [];
  private readonly addedReads = new Map<number, Instant>();
  private readonly reads = new Map<number, Instant>();

  constructor(private readonly db: MemoryState) {}

  async add(notifications: readonly NewNotification[]): Promise<void> {
    this.added.push(...notifications);
  }

  async list(userId: UserId, query: NotificationListQuery): Promise<SlicePage<Notification>> {
    const rows = this.rowsOf(userId).filter((n) => !query.unreadOnly || n.readAt === null).reverse();
    return { items: rows.slice(query.slice.offset, query.slice.offset + query.slice.limit), total: rows.length };
  }

  async unreadCount(userId: UserId): Promise<number> {
    return this.rowsOf(userId).filter((n) => n.readAt === null).length;
  }

  async markRead(userId: UserId, ids: readonly NotificationId[] | 'all', at: Instant): Promise<number> {
    const wanted = ids === 'all' ? null : new Set<string>(ids);
    let marked = 0;
    for (const n of this.rowsOf(userId)) {
      if (n.readAt !== null || (wanted !== null && !wanted.has(n.id))) continue;
      const staged = n.cursor - this.db.notifications.length - 1;
      if (staged >= 0) this.addedReads.set(staged, at);
      else this.reads.set(n.cursor, at);
      marked += 1;
    }
    return marked;
  }

  async after(userId: UserId, cursor: number, limit: number): Promise<Notification[]> {
    return this.rowsOf(userId).filter((n) => n.cursor > cursor).slice(0, limit);
  }

  async feed(cursor: number, limit: number): Promise<Notification[]> {
    const committed = this.db.notifications.slice(cursor, cursor + limit).map((n) => this.current(n));
    const staged = this.added.map((_, i) => this.staged(i)).filter((n) => n.cursor > cursor);
    return [...committed, ...staged].slice(0, limit);
  }

  async latestCursor(): Promise<number> {
    return this.db.notifications.length + this.added.length;
  }

  /** Applies the staged writes; called by the transaction's commit, in the same synchronous step. */
  commit(): void {
    const db = this.db;
    for (const [cursor, readAt] of this.reads) {
      const n = db.notifications[cursor - 1]!;
      if (n.readAt === null) db.notifications[cursor - 1] = { ...n, readAt };
    }
    const staged = this.added.map((_, i) => this.staged(i));
    for (const n of staged) {
      db.notifications.push(n);
      const mine = db.notificationsByUser.get(n.userId);
      if (mine) mine.push(n.cursor);
      else db.notificationsByUser.set(n.userId, [n.cursor]);
    }
  }

  /** The user's rows as this transaction sees them, in cursor order. */
  private rowsOf(userId: UserId): Notification[] {
    const committed = (this.db.notificationsByUser.get(userId) ?? []).map((c) => this.current(this.db.notifications[c - 1]!));
    const staged = this.added.flatMap((n, i) => (n.userId === userId ? [this.staged(i)] : []));
    return [...committed, ...staged];
  }

  private current(n: Notification): Notification {
    const readAt = n.readAt === null ? this.reads.get(n.cursor) : undefined;
    return readAt === undefined ? n : { ...n, readAt };
  }

  private staged(i: number): Notification {
    return { ...this.added[i]!, readAt: this.addedReads.get(i) ?? null, cursor: this.db.notifications.length + 1 + i };
  }
}
