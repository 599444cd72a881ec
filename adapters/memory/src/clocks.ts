import type { Clock, Instant } from '@gavel/core';

export class SystemClock implements Clock {
  now(): Instant {
    return Date.now();
  }
}

/** A clock that moves only when told: for tests and deterministic simulations. */
export class FakeClock implements Clock {
  constructor(private current: Instant = Date.UTC(2026, 0, 1)) {}

  now(): Instant {
    return this.current;
  }

  set(instant: Instant): void {
    this.current = instant;
  }

  advance(ms: number): Instant {
    this.current += ms;
    return this.current;
  }
}
