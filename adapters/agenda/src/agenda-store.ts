import type { AgendaBackend } from 'agenda';

/**
 * One Agenda backend as the scheduler uses it: the backend itself, what must exist before
 * Agenda connects (PostgreSQL: the table), and what the scheduler must close because it opened
 * it (a pool or client made from a URL; never one the caller passed in).
 */
export interface AgendaStore {
  readonly backend: AgendaBackend;
  /** Runs once, before Agenda connects. */
  prepare(): Promise<void>;
  /**
   * A save the store refused because the `(name, auctionId)` job exists already (two first
   * schedules raced past the backend's look-up): the save is retried once and then updates.
   */
  isDuplicate(error: unknown): boolean;
  /** Closes what the store opened itself. */
  close(): Promise<void>;
}

export type StoreErrorSink = (error: unknown) => void;

/** Names interpolated into SQL or keys: plain lower-case identifiers only. */
export const checkedName = (what: string, value: string): string => {
  if (!/^[a-z_][a-z0-9_]{0,47}$/.test(value)) throw new Error(`${what} must match [a-z_][a-z0-9_]{0,47}: ${JSON.stringify(value)}`);
  return value;
};
