import type { Instant } from '../shared/time';

/** The server's clock: the authority on time (SPEC). Faked in tests. */
export interface Clock {
  now(): Instant;
}
