import { createLogger, type RunningApi, startApi, TOKENS } from '@gavel/app-api';
import type { Clock, Gavel, IdGenerator, PasswordHasher } from '@gavel/core';
import type { KnexDatabase } from '@gavel/knex';
import type { Logger } from 'pino';
import type { AuctionTimer } from './auction-timer';
import type { StandaloneConfig } from './config';
import { createStandaloneContainer } from './container';
import { type DemoDataResult, seedDemoData } from './demo-data';
import type { InProcessEventFeed } from './event-feed';
import { STANDALONE_TOKENS } from './tokens';

export interface RunningStandalone extends RunningApi {
  readonly feed: InProcessEventFeed;
  readonly timer: AuctionTimer;
  /** Null when DEMO_DATA is off. */
  readonly demo: DemoDataResult | null;
}

/**
 * The whole product in one process: migrations, demo data, the event feed and the auction timer
 * (its first tick closes what ended while the app was down), then the HTTP API. `close()` drains
 * HTTP, stops the timer (letting a tick finish) and the feed, then closes the database.
 */
export const startStandalone = async (config: StandaloneConfig, options: { readonly logger?: Logger } = {}): Promise<RunningStandalone> => {
  const logger = options.logger ?? createLogger(config.api.logLevel, 'standalone');
  const container = createStandaloneContainer(config, logger);
  const feed = container.get<InProcessEventFeed>(STANDALONE_TOKENS.EventFeed);
  const timer = container.get<AuctionTimer>(STANDALONE_TOKENS.AuctionTimer);
  const stopJobs = async () => {
    await timer.stop();
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
      const first = await timer.start();
      if (first.closed + first.opened > 0) logger.info(first, 'overdue auctions handled at start');
    },
    beforeClose: stopJobs,
  });
  return { ...api, feed, timer, demo };
};
