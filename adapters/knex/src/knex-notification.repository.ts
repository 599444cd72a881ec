import type {
  AuctionId, Instant, NewNotification, Notification, NotificationData, NotificationId, NotificationListQuery, NotificationRepository,
  NotificationType, SlicePage, UserId,
} from '@gavel/core';
import type { Knex } from 'knex';
import { safeNumber } from './connection';
import type { Dialect } from './dialect';

type Row = Record<string, unknown>;

/**
 * The `notifications` table, inside a unit of work's transaction. The cursor is the table's
 * auto-increment `position`: numbers are handed out as rows are inserted, so on PostgreSQL and
 * MySQL a transaction that commits late can make a smaller cursor visible after a larger one
 * (SQLite has one writer, so there it is commit order). Readers that tail `feed` allow for that.
 */
export class KnexNotificationRepository implements NotificationRepository {
  constructor(
    private readonly q: Knex | Knex.Transaction,
    private readonly dialect: Dialect,
  ) {}

  async add(notifications: readonly NewNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    const d = this.dialect;
    await this.q('notifications').insert(notifications.map((n) => ({
      id: n.id, user_id: n.userId, type: n.type, auction_id: n.auctionId, title: n.title, message: n.message,
      data: d.json(n.data), created_at: d.instant(n.createdAt), read_at: null,
    })));
  }

  async list(userId: UserId, query: NotificationListQuery): Promise<SlicePage<Notification>> {
    const mine = () => {
      const b = this.q('notifications').where({ user_id: userId });
      return query.unreadOnly ? b.whereNull('read_at') : b;
    };
    const rows = await mine().orderBy('position', 'desc').offset(query.slice.offset).limit(query.slice.limit);
    const [count] = await mine().count({ n: '*' });
    return { items: rows.map((r) => this.row(r)), total: safeNumber((count as Row).n) };
  }

  async unreadCount(userId: UserId): Promise<number> {
    const [count] = await this.q('notifications').where({ user_id: userId }).whereNull('read_at').count({ n: '*' });
    return safeNumber((count as Row).n);
  }

  async markRead(userId: UserId, ids: readonly NotificationId[] | 'all', at: Instant): Promise<number> {
    const q = this.q('notifications').where({ user_id: userId }).whereNull('read_at');
    if (ids !== 'all') q.whereIn('id', [...ids]);
    return q.update({ read_at: this.dialect.instant(at) });
  }

  async after(userId: UserId, cursor: number, limit: number): Promise<Notification[]> {
    const rows = await this.q('notifications').where({ user_id: userId }).andWhere('position', '>', cursor).orderBy('position').limit(limit);
    return rows.map((r) => this.row(r));
  }

  async feed(cursor: number, limit: number): Promise<Notification[]> {
    const rows = await this.q('notifications').where('position', '>', cursor).orderBy('position').limit(limit);
    return rows.map((r) => this.row(r));
  }

  async latestCursor(): Promise<number> {
    const [max] = await this.q('notifications').max({ p: 'position' });
    const p = (max as Row | undefined)?.p;
    return p === null || p === undefined ? 0 : safeNumber(p);
  }

  private row(r: Row): Notification {
    const d = this.dialect;
    return {
      id: String(r.id) as NotificationId, userId: String(r.user_id) as UserId, type: r.type as NotificationType,
      auctionId: String(r.auction_id) as AuctionId, title: String(r.title), message: String(r.message),
      data: d.readJson<NotificationData>(r.data), createdAt: d.readInstant(r.created_at),
      readAt: r.read_at === null || r.read_at === undefined ? null : d.readInstant(r.read_at), cursor: safeNumber(r.position),
    };
  }
}
