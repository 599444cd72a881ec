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

/**
 * This process's relay and the loop that drives it, started once whoever needs it first (the
 * API's SSE streams, the Socket.IO gateway): one tail of the outbox per process.
 */
export class RelayRuntime {
  private loop: RelayLoop | null = null;
  private starting: Promise<void> | null = null;

  constructor(
    readonly relay: EventRelay,
    private readonly opts: RelayLoopOptions,
  ) {}

  /** Starts at the outbox's end (watchers take snapshots); later calls wait for the first. */
  start(): Promise<void> {
    this.starting ??= (async () => {
      await this.relay.start('end');
      this.loop = startRelayLoop(this.relay, this.opts);
      await this.loop.kick();
    })();
    return this.starting;
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await this.loop?.stop();
  }
}
