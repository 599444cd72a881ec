import type { EventRelay, OutboxSignal } from '@gavel/core';
import type { Logger } from 'pino';

export interface RelayLoopOptions {
  /** Poll period: the floor of delivery latency where no signal exists (MySQL, SQLite in another process). */
  readonly intervalMs: number;
  /** Wakes the loop at once after a commit (PostgreSQL LISTEN/NOTIFY, the in-process signal). */
  readonly signal?: OutboxSignal;
  readonly logger: Logger;
}

export interface RelayLoop {
  /** Pumps once now (tests, and right after a start). */
  kick(): Promise<void>;
  /** Stops the timer and the signal subscription, then waits for a running pump. */
  stop(): Promise<void>;
}

/**
 * Drives an `EventRelay`: a pump on every outbox signal and on a poll timer, never two at once
 * (the relay coalesces). A failed pump (database gone) is logged once per outage and retried on
 * the next tick; the relay resumes from what it delivered, so nothing is skipped or repeated.
 */
export const startRelayLoop = (relay: EventRelay, opts: RelayLoopOptions): RelayLoop => {
  let running: Promise<void> = Promise.resolve();
  let failing = false;
  let stopped = false;
  const pump = (): Promise<void> => {
    if (stopped) return running;
    running = relay.pump().then(
      () => {
        if (failing) opts.logger.info({ position: relay.position }, 'relay: reading the outbox again');
        failing = false;
      },
      (err: unknown) => {
        if (!failing) opts.logger.error({ err }, 'relay: the outbox cannot be read; retrying');
        failing = true;
      },
    );
    return running;
  };
  const timer = setInterval(() => void pump(), opts.intervalMs);
  timer.unref();
  const unsubscribe = opts.signal?.subscribe(() => void pump()) ?? (() => undefined);
  return {
    kick: pump,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      await running;
    },
  };
};
