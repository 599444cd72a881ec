/**
 * A hint that new outbox rows may have committed: relays pump when it fires. It may fire
 * spuriously and it may miss a commit (a dropped connection, another process on a database
 * without notifications), so a relay also polls; the signal only shortens the wait.
 */
export interface OutboxSignal {
  /** Calls `listener` after commits that published events; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}
