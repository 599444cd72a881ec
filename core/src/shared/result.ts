import type { ErrorCode } from './error-codes';

/** An expected failure: a value with a code that survives process boundaries (no instanceof). */
export interface DomainError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Per-field reasons, e.g. `{ endTime: 'must be after startTime' }`. */
  readonly details?: Readonly<Record<string, string>>;
}

export type Result<T, E = DomainError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });

export const fail = (
  code: ErrorCode,
  message: string,
  details?: Readonly<Record<string, string>>,
): Result<never> => ({ ok: false, error: details ? { code, message, details } : { code, message } });
