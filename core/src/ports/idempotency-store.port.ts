import type { UserId } from '../shared/ids';
import type { Instant } from '../shared/time';

/** What a claim on an `Idempotency-Key` found (SPEC, "Idempotency"). */
export type IdempotencyClaim =
  /** First use (or the old record expired): the caller runs the request, then `complete`s it. */
  | { readonly kind: 'claimed' }
  /** Done before with the same body: answer with the stored reply, run nothing. */
  | { readonly kind: 'replay'; readonly statusCode: number; readonly body: unknown }
  /** Another request with this key is running now: wait and claim again. */
  | { readonly kind: 'in_progress' }
  /** Used before with another body: 409 `IDEMPOTENCY_KEY_REUSED`. */
  | { readonly kind: 'mismatch' };

/**
 * Keys scoped per user, kept for a time (SPEC: 24 h). A claim is atomic: of concurrent claims
 * with one key exactly one is `claimed`, so the request runs once.
 */
export interface IdempotencyStore {
  claim(userId: UserId, key: string, requestHash: string, now: Instant, ttlMs: number): Promise<IdempotencyClaim>;
  /** Stores the reply of a claimed request for later replays. */
  complete(userId: UserId, key: string, statusCode: number, body: unknown): Promise<void>;
  /** Gives a claimed key up (the request failed unexpectedly), so a retry can run it. */
  release(userId: UserId, key: string): Promise<void>;
}
