import type { OutboxSignal } from '@gavel/core';
import { Client } from 'pg';

/** The PostgreSQL channel a unit of work that published events notifies. */
export const OUTBOX_CHANNEL = 'gavel_outbox';

const isolate = (listeners: Iterable<() => void>): void => {
  for (const listener of listeners) {
    try {
      listener();
    } catch {
      // A hint's subscriber failing must not stop the others; relays poll anyway.
    }
  }
};

/**
 * Commits of this process only: SQLite and MySQL/MariaDB have no notifications, so a relay
 * there wakes at once for its own process's commits and polls for the others'.
 */
export class LocalOutboxSignal implements OutboxSignal {
  private readonly listeners = new Set<() => void>();

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Called by the unit of work after a commit that published events. */
  fire(): void {
    isolate([...this.listeners]);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

export interface PgOutboxSignalOptions {
  /** The database to LISTEN on (the same as the pool's). */
  readonly url: string;
  readonly channel?: string;
  /** First reconnect delay, doubled per failed attempt up to `maxBackoffMs` (defaults 100 ms, 5 s). */
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** The LISTEN connection failed or dropped (it reconnects by itself), or a NOTIFY failed. */
  readonly onError?: (err: unknown) => void;
  /** Runs the NOTIFY statement while the dedicated client is not connected (the pool). */
  readonly fallback?: (sql: string) => Promise<unknown>;
}

/**
 * PostgreSQL `LISTEN gavel_outbox` on a dedicated client, outside the pool: a pooled client
 * would be handed to queries and lose the subscription. Connects on the first subscribe; a
 * dropped connection (restart, `pg_terminate_backend`) is re-opened with backoff, and the
 * listeners fire once after every (re)connect, because commits made while it was down were
 * not announced.
 *
 * Announcing: after a commit that published events, the unit of work calls `announce()`, which
 * sends `pg_notify` in its own statement, one at a time per process (commits meanwhile make one
 * more). Not inside the bid's transaction: PostgreSQL serializes the commits of notifying
 * transactions on a database-wide lock, held through the WAL flush, which measured here capped
 * 16 concurrent committers at about 400 commits/s against 2,000 without it. A crash between a
 * commit and its announcement leaves the relays' poll to find the rows.
 */
export class PgOutboxSignal implements OutboxSignal {
  private readonly listeners = new Set<() => void>();
  private readonly channel: string;
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private closed = false;
  private waiting: Array<() => void> = [];
  private announcing = false;
  private announceAgain = false;

  constructor(private readonly opts: PgOutboxSignalOptions) {
    this.channel = opts.channel ?? OUTBOX_CHANNEL;
    if (!/^[a-z_][a-z0-9_]*$/.test(this.channel)) throw new Error(`invalid channel name: ${this.channel}`);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    this.ensureConnected();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves once LISTEN is active (connecting if nobody subscribed yet). */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the outbox signal is closed'));
    if (this.client) return Promise.resolve();
    this.ensureConnected();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Tells every listening process that outbox rows committed (see the class comment). */
  announce(): void {
    if (this.closed) return;
    if (this.announcing) {
      this.announceAgain = true;
      return;
    }
    this.announcing = true;
    void this.sendAnnouncements();
  }

  private async sendAnnouncements(): Promise<void> {
    // synchronous_commit off: the notification's own commit need not wait for a WAL flush.
    const sql = `SELECT set_config('synchronous_commit', 'off', true), pg_notify('${this.channel}', '')`;
    do {
      this.announceAgain = false;
      try {
        if (this.client) await this.client.query(sql);
        else if (this.opts.fallback) await this.opts.fallback(sql);
      } catch (err) {
        if (!this.closed) this.opts.onError?.(err);
      }
    } while (this.announceAgain && !this.closed);
    this.announcing = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    await this.connecting;
    if (client) await client.end().catch(() => undefined);
    this.listeners.clear();
  }

  private ensureConnected(): void {
    if (this.closed || this.client || this.connecting || this.timer) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.opts.url });
    // Without an 'error' listener a dropped socket would crash the process.
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client));
    client.on('notification', (msg) => {
      if (msg.channel === this.channel) isolate([...this.listeners]);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (err) {
      client.removeAllListeners('end');
      client.end().catch(() => undefined);
      if (this.closed) return;
      this.opts.onError?.(err);
      this.retryLater();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.attempt = 0;
    const waiting = this.waiting;
    this.waiting = [];
    waiting.forEach((resolve) => resolve());
    isolate([...this.listeners]);
  }

  private lost(client: Client, err?: Error): void {
    if (this.client !== client) return;
    this.client = null;
    if (err) this.opts.onError?.(err);
    client.removeAllListeners('notification');
    client.end().catch(() => undefined);
    this.retryLater();
  }

  private retryLater(): void {
    if (this.closed || this.timer) return;
    const min = this.opts.minBackoffMs ?? 100;
    const delay = Math.min(this.opts.maxBackoffMs ?? 5_000, min * 2 ** this.attempt++);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ensureConnected();
    }, delay);
    // A process with nothing else to do may exit; the signal alone does not hold it open.
    this.timer.unref?.();
  }
}
