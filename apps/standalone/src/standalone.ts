import { createLogger, type RelayRuntime, type RunningApi, startApi, TOKENS } from '@gavel/app-api';
import { attachRealtime, type Realtime } from '@gavel/app-gateway';
import { type Scheduling, startScheduling } from '@gavel/app-worker';
import type { Clock, Gavel, IdGenerator, PasswordHasher, Scheduler } from '@gavel/core';
import type { KnexDatabase } from '@gavel/knex';
import type { Logger } from 'pino';
import type { StandaloneConfig } from './config';
import { createStandaloneContainer } from './container';
import { type DemoDataResult, seedDemoData } from './demo-data';
import type { InProcessEventFeed } from './event-feed';
import { STANDALONE_TOKENS } from './tokens';

export interface RunningStandalone extends RunningApi {
  readonly feed: InProcessEventFeed;
  /** The outbox relay and the Socket.IO gateway on the API's port. */
  readonly realtime: Realtime;
  /** The auction jobs (open at start, close and settle at the end) on the in-process scheduler. */
  readonly scheduling: Scheduling;
  /** Null when DEMO_DATA is off. */
  readonly demo: DemoDataResult | null;
}

/**
 * The whole product in one process: migrations, demo data, the event feed and the auction jobs
 * on the in-process scheduler (re-derived from the auctions table at start, so what ended while
 * the app was down closes at once), then the HTTP API. `close()` drains HTTP, stops the jobs
 * (letting a running one finish) and the feed, then closes the database.
 */
export const startStandalone = async (config: StandaloneConfig, options: { readonly logger?: Logger } = {}): Promise<RunningStandalone> => {
  const logger = options.logger ?? createLogger(config.api.logLevel, 'standalone');
  const container = createStandaloneContainer(config, logger);
  const feed = container.get<InProcessEventFeed>(STANDALONE_TOKENS.EventFeed);
  let scheduling: Scheduling | null = null;
  const stopJobs = async () => {
    await scheduling?.stop();
    await feed.stop();
  };
  let demo: DemoDataResult | null = null;

  const api = await startApi(config.api, {
    logger,
    container,
    beforeListen: async () => {
      if (config.demoData) {
        const db = container.get<KnexDatabase>(TOKENS.Database);
        demo = await seedDemoData({
          uow: db.uow,
          categories: db.categories,
          gavel: container.get<Gavel>(TOKENS.Gavel),
          passwords: container.get<PasswordHasher>(TOKENS.PasswordHasher),
          clock: container.get<Clock>(TOKENS.Clock),
          ids: container.get<IdGenerator>(TOKENS.Ids),
          logger,
        });
      }
      await feed.start();
      const db = container.get<KnexDatabase>(TOKENS.Database);
      scheduling = await startScheduling({
        gavel: container.get<Gavel>(TOKENS.Gavel), uow: db.uow, catalog: db.catalog,
        scheduler: container.get<Scheduler>(STANDALONE_TOKENS.Scheduler), clock: container.get<Clock>(TOKENS.Clock),
        relay: container.get<RelayRuntime>(TOKENS.Relay), logger: logger.child({ component: 'scheduling' }),
      }, { reconcileIntervalMs: config.reconcileIntervalMs });
    },
    beforeClose: stopJobs,
  });
  // Socket.IO on the API's own port (SPEC "Operations": one port for the API, /docs and sockets).
  let realtime: Realtime;
  try {
    realtime = await attachRealtime(container, api.server, {
      corsOrigins: config.api.http.corsOrigins, allowAnonymous: config.allowAnonymousWatchers, endingNotices: config.endingNotices,
    });
  } catch (err) {
    await api.close();
    throw err;
  }
  // Sockets first: an open WebSocket would hold the HTTP drain until its timeout.
  let closing: Promise<void> | null = null;
  const close = (): Promise<void> => {
    closing ??= realtime.close().then(() => api.close());
    return closing;
  };
  return { ...api, close, feed, scheduling: scheduling!, demo, realtime };
};
