import type { Clock, Instant } from '@gavel/core';

/**
 * The wall clock plus an offset the test moves forward. Unlike a frozen clock, time still runs
 * between requests, so bids, tokens and rows get distinct, ordered times as in production; a
 * test jumps ahead (into the soft-close window, past the end) with `advance`.
 */
export class MovingClock implements Clock {
  private offsetMs = 0;

  now(): Instant {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): Instant {
    this.offsetMs += ms;
    return this.now();
  }

  /** Jumps so that `now()` is `instant` (never backwards: the app may rely on monotonic time). */
  advanceTo(instant: Instant): Instant {
    const now = this.now();
    if (instant > now) this.offsetMs += instant - now;
    return this.now();
  }
}
