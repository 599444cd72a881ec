import type { EventStream, StoredEvent } from '@gavel/core';

/**
 * Live committed events, each once, per auction in `seq` order (the core's `EventRelay` has
 * exactly this `subscribe`). Declared here so the HTTP adapter depends on the shape, not on
 * how the app tails the outbox.
 */
export interface EventSource {
  subscribe(listener: (event: StoredEvent) => void): () => void;
}

/** What `/sse/auctions/:id` needs beyond the use cases: live events and the outbox to replay. */
export interface SseSources {
  readonly events: EventSource;
  /** `readAuction` serves `Last-Event-ID` resumes and fills a seq gap. */
  readonly stream: EventStream;
}

export interface SseOptions {
  /** A `heartbeat` event on every stream this often (seed 004: keep-alive; proxies drop idle streams). */
  readonly heartbeatMs: number;
  /** How often the one shared reader of a process looks for new notifications. */
  readonly pollMs: number;
  /** The `retry:` sent first: how long a browser waits before reconnecting. */
  readonly retryMs: number;
  /** How long a notification cursor passed without a row is re-read (a late commit), as in the event relay. */
  readonly holeGraceMs: number;
  /** Rows per read of the notification feed. */
  readonly batchSize: number;
  /** Most notifications replayed after `Last-Event-ID`; older ones stay in `GET /notifications`. */
  readonly maxReplay: number;
  /** A client that lets this much pile up unread is cut off (it reconnects and resumes). */
  readonly maxBufferedBytes: number;
}

export const defaultSseOptions: SseOptions = {
  heartbeatMs: 15_000,
  pollMs: 1_000,
  retryMs: 3_000,
  holeGraceMs: 15_000,
  batchSize: 500,
  maxReplay: 1_000,
  maxBufferedBytes: 1024 * 1024,
};
