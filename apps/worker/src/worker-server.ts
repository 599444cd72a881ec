import { createApiContainer, createLogger, createProbeServer, databaseCheck, listenProbeServer, type RelayRuntime, stopServer, TOKENS } from '@gavel/app-api';
import type { Clock, Gavel, Scheduler } from '@gavel/core';
import type { KnexDatabase } from '@gavel/knex';
import type { Container } from 'inversify';
import type http from 'node:http';
import type { Logger } from 'pino';
import type { WorkerConfig } from './config';
import { createScheduler } from './scheduler-factory';
import { type Scheduling, startScheduling } from './scheduling-runtime';

export interface RunningWorker {
  readonly url: string;
  readonly server: http.Server;
  readonly scheduling: Scheduling;
  readonly scheduler: Scheduler;
  readonly container: Container;
  close(): Promise<void>;
}

/**
 * The worker process: it opens auctions at their start and closes and settles them at their
 * end, through the scheduler the config names, and answers `/health`, `/ready` and `/stats` on
 * its port. Several workers share the jobs of one store (Agenda's locks); each job runs on one
 * of them at a time, and closing is guarded in the auction's transaction, so an auction settles
 * once however many run and whichever dies.
 *
 * `close()` stops taking jobs, lets the running ones finish and releases the locks this worker
 * holds (another worker takes the rest at once), then closes the port, the relay and the pool.
 */
export const startWorker = async (config: WorkerConfig, options: { readonly logger?: Logger; readonly container?: Container } = {}): Promise<RunningWorker> => {
  const logger = options.logger ?? createLogger(config.api.logLevel, 'worker');
  const container = options.container ?? createApiContainer(config.api, logger);
  const db = container.get<KnexDatabase>(TOKENS.Database);
  if (config.api.database.migrate) await db.migrate();
  const clock = container.get<Clock>(TOKENS.Clock);
  const relay = container.get<RelayRuntime>(TOKENS.Relay);
  const handle = await createScheduler(config, { clock, logger: logger.child({ component: 'scheduler' }) });
  const scheduler = handle.scheduler;
  let scheduling: Scheduling;
  try {
    scheduling = await startScheduling(
      { gavel: container.get<Gavel>(TOKENS.Gavel), uow: db.uow, catalog: db.catalog, scheduler, clock, relay, logger },
      { reconcileIntervalMs: config.reconcileIntervalMs, closeLeadMs: config.scheduler.closeLeadMs },
    );
  } catch (err) {
    await handle.close().catch(() => undefined);
    await relay.stop();
    await db.close();
    throw err;
  }

  const server = createProbeServer({
    ready: databaseCheck(db),
    routes: {
      '/stats': (req) => ({
        name: config.name, backend: config.scheduler.backend, ...scheduling.stats(),
        ...((req.url ?? '').includes('samples=1') ? { latenessMs: scheduling.latenesses() } : {}),
      }),
    },
  });
  const url = await listenProbeServer(server, config.api.port, config.api.host);
  let closing: Promise<void> | null = null;
  return {
    url, server, scheduling, scheduler, container,
    close: () => {
      closing ??= (async () => {
        await scheduling.stop();
        await handle.close();
        await stopServer(server, config.api.shutdownTimeoutMs, logger);
        await relay.stop();
        await db.close();
      })();
      return closing;
    },
  };
};
