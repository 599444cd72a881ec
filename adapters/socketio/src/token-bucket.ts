import type { Clock } from '@gavel/core';

/**
 * One socket's allowance of client → server events: `rate` tokens a second, a burst of `rate`.
 * Refusals are counted over a 10 s window so that a client that keeps pushing past the limit
 * (rather than one that bursts once) can be told apart and disconnected.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private refusals = 0;
  private windowStart: number;

  constructor(
    private readonly rate: number,
    private readonly clock: Clock,
  ) {
    this.tokens = rate;
    this.last = clock.now();
    this.windowStart = this.last;
  }

  /** Takes a token: true when the event may run. */
  take(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(this.rate, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (now - this.windowStart > REFUSAL_WINDOW_MS) {
      this.windowStart = now;
      this.refusals = 0;
    }
    this.refusals += 1;
    return false;
  }

  /** Refusals in the current window. */
  get refused(): number {
    return this.refusals;
  }
}

export const REFUSAL_WINDOW_MS = 10_000;
