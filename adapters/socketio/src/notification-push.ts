import type { StreamedNotification, UserId } from '@gavel/core';
import type { GatewayLogger, NotificationSource } from './gateway-deps';
import type { WireEvent } from './wire-events.mapper';

/** The `notification` event for a stored notification: its view, with the seq of the event that caused it. */
export const notificationEventOf = (n: StreamedNotification): Extract<WireEvent, { name: 'notification' }> => {
  const { id, type, auctionId, title, message, data, createdAt } = n.view;
  const seq = typeof data.seq === 'number' ? data.seq : 0;
  return { name: 'notification', payload: { auctionId, seq, timestamp: createdAt, userId: n.userId, id, type, title, message, data, createdAt } };
};

/**
 * Pushes each user's new stored notifications to the `user:<id>` room while that user has a
 * socket on this process: one subscription to the source per user, however many sockets (tabs)
 * the user has, dropped with the last one.
 */
export class NotificationPush {
  private readonly users = new Map<UserId, { sockets: number; unsubscribe: (() => void) | null }>();

  constructor(
    private readonly source: NotificationSource,
    private readonly publish: (event: WireEvent) => void,
    private readonly logger: GatewayLogger,
  ) {}

  /** A socket of `userId` connected. */
  add(userId: UserId): void {
    const known = this.users.get(userId);
    if (known) {
      known.sockets += 1;
      return;
    }
    const entry: { sockets: number; unsubscribe: (() => void) | null } = { sockets: 1, unsubscribe: null };
    this.users.set(userId, entry);
    this.source.subscribe(userId, (n) => this.publish(notificationEventOf(n))).then(
      (sub) => {
        // The user's last socket left while the reader was starting.
        if (this.users.get(userId) !== entry) sub.unsubscribe();
        else entry.unsubscribe = () => sub.unsubscribe();
      },
      (err: unknown) => {
        if (this.users.get(userId) === entry) this.users.delete(userId);
        this.logger.warn({ err, userId }, 'realtime: notifications cannot be read; this socket gets none until it reconnects');
      },
    );
  }

  /** A socket of `userId` disconnected. */
  remove(userId: UserId): void {
    const entry = this.users.get(userId);
    if (!entry) return;
    entry.sockets -= 1;
    if (entry.sockets > 0) return;
    this.users.delete(userId);
    entry.unsubscribe?.();
  }

  /** Something that notifies was committed: read now (reads coalesce; a failed one is retried by the next). */
  wake(): void {
    if (this.users.size === 0) return;
    this.source.pump().catch((err: unknown) => this.logger.warn({ err }, 'realtime: reading new notifications failed; the next event retries'));
  }

  close(): void {
    for (const entry of this.users.values()) entry.unsubscribe?.();
    this.users.clear();
  }

  get size(): number {
    return this.users.size;
  }
}
