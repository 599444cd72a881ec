import type { Clock, Scheduler } from '@gavel/core';
import { InProcessScheduler } from '@gavel/memory';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config';

export interface SchedulerHandle {
  readonly scheduler: Scheduler;
  /** Stops it (if running) and closes the connections it opened. */
  close(): Promise<void>;
}

/**
 * The scheduler the config names: Agenda on a shared store (loaded only then: the standalone
 * app, which imports this package for `startScheduling`, never loads Agenda), or one in this
 * process.
 */
export const createScheduler = async (config: WorkerConfig, deps: { readonly clock: Clock; readonly logger: Logger }): Promise<SchedulerHandle> => {
  const { backend, url, concurrency, pollMs, lockLifetimeMs } = config.scheduler;
  const onError = (err: unknown, job: unknown) => deps.logger.warn({ err, job }, job ? 'job failed; retrying' : 'job store error');
  if (backend === 'in-process') {
    const scheduler = new InProcessScheduler({ clock: deps.clock, concurrency, onError });
    return { scheduler, close: () => scheduler.stop() };
  }
  const { createAgendaScheduler } = await import('@gavel/agenda');
  const scheduler = await createAgendaScheduler({
    backend: backend === 'postgres'
      ? { kind: 'postgres', connectionString: url, poolMax: 6 }
      : backend === 'redis' ? { kind: 'redis', url } : { kind: 'mongo', url },
    name: config.name,
    processEvery: pollMs,
    maxConcurrency: concurrency,
    defaultConcurrency: concurrency,
    defaultLockLifetime: lockLifetimeMs,
    onError,
  });
  return { scheduler, close: () => scheduler.close() };
};
