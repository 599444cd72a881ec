import type { EventStream, StoredEvent } from '@gavel/core';
import type { Logger } from 'pino';

export type EventListener = (event: StoredEvent) => void | Promise<void>;

export interface EventFeedOptions {
  /** Pause between polls of the outbox when it had nothing new. Default 200 ms. */
  readonly intervalMs?: number;
  /** Events read per query. Default 500. */
  readonly batchSize?: number;
}

/**
 * Committed events delivered in process: tails the outbox through the `EventStream` port, in
 * position order, and hands each event to every listener. Reading the outbox (rather than
 * hooking the use cases) keeps the outbox rule: a listener sees an event if and only if its
 * transaction committed. Issue 5 attaches the Socket.IO rooms here.
 */
export class InProcessEventFeed {
  private readonly listeners = new Set<EventListener>();
  private position = 0;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<number> | null = null;
  private running = false;

  constructor(
    private readonly stream: EventStream,
    private readonly logger: Logger,
    private readonly options: EventFeedOptions = {},
  ) {}

  /** Adds a listener; call the answer to remove it. A listener that throws is logged, not retried. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The position of the last event delivered (or skipped at start). */
  get lastPosition(): number {
    return this.position;
  }

  /**
   * Starts tailing. `from: 'end'` (default) skips what was committed before the start, as a
   * fresh process has no one waiting for history; a position resumes after it.
   */
  async start(from: 'end' | number = 'end'): Promise<void> {
    if (this.running) return;
    if (from === 'end') {
      for (let batch = await this.read(); batch.length > 0; batch = await this.read()) {
        this.position = batch[batch.length - 1]!.position;
      }
    } else {
      this.position = from;
    }
    this.running = true;
    this.schedule(0);
  }

  /** Delivers every event committed since the last poll; answers how many. */
  poll(): Promise<number> {
    this.polling ??= this.drain().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  /** Stops polling, waiting for a delivery in progress. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }

  private read(): Promise<StoredEvent[]> {
    return this.stream.readAfter(this.position, this.options.batchSize ?? 500);
  }

  private async drain(): Promise<number> {
    let delivered = 0;
    for (let batch = await this.read(); batch.length > 0; batch = this.running ? await this.read() : []) {
      for (const event of batch) {
        this.logger.debug({ event: { type: event.type, auctionId: event.auctionId, seq: event.seq, position: event.position } }, 'event');
        for (const listener of this.listeners) {
          try {
            await listener(event);
          } catch (err) {
            this.logger.error({ err, position: event.position }, 'event listener failed');
          }
        }
        this.position = event.position;
        delivered += 1;
      }
    }
    return delivered;
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.poll()
        .catch((err: unknown) => this.logger.error({ err }, 'event feed poll failed'))
        .finally(() => this.schedule(this.options.intervalMs ?? 200));
    }, delayMs);
    // The HTTP server keeps the process alive; this timer alone must not.
    this.timer.unref();
  }
}
