import type { DomainError } from '@gavel/core';
import { statusOfCode } from './status-table';

/** A reply ready to send: status and JSON body (the idempotency store keeps exactly this). */
export interface Reply {
  readonly status: number;
  readonly body: unknown;
  /** Headers that go with this reply only (`Retry-After`); never stored for replays. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** SPEC "Envelope", success: `{ success: true, data, timestamp }`. */
export const successReply = (status: number, data: unknown, timestamp: string): Reply => ({
  status,
  body: { success: true, data, timestamp },
});

/**
 * SPEC "Envelope", error: `{ success: false, error, code, message, details?, timestamp }`, with
 * the status from the one table. `error` and `message` carry the same text, as in seed 003's
 * own example; `details` only when there are per-field reasons.
 */
export const errorReply = (error: DomainError, timestamp: string): Reply => ({
  status: statusOfCode(error.code),
  body: {
    success: false,
    error: error.message,
    code: error.code,
    message: error.message,
    ...(error.details && Object.keys(error.details).length > 0 ? { details: error.details } : {}),
    timestamp,
  },
});
