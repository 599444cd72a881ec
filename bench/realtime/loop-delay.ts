import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How late this process's event loop ran its timers (sampled every 10 ms): a fan-out that
 * writes to thousands of sockets at once holds the loop, and everything else (the relay's
 * NOTIFY and its outbox read) waits behind it.
 */
export const loopDelay = () => {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  return {
    reset: () => h.reset(),
    summary: () => ({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max) }),
  };
};
