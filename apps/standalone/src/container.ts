import { createApiContainer, TOKENS } from '@gavel/app-api';
import type { Clock, EventStream, Gavel } from '@gavel/core';
import type { KnexDatabase } from '@gavel/knex';
import type { Logger } from 'pino';
import { AuctionTimer } from './auction-timer';
import type { StandaloneConfig } from './config';
import { InProcessEventFeed } from './event-feed';
import { STANDALONE_TOKENS } from './tokens';

/**
 * The standalone app's one container: the api's bindings (database, core, HTTP) plus the
 * in-process event feed and the auction timer, bound the same way (no decorators).
 */
export const createStandaloneContainer = (config: StandaloneConfig, logger: Logger): ReturnType<typeof createApiContainer> => {
  const c = createApiContainer(config.api, logger);
  c.bind<StandaloneConfig>(STANDALONE_TOKENS.Config).toConstantValue(config);
  c.bind<InProcessEventFeed>(STANDALONE_TOKENS.EventFeed)
    .toDynamicValue((ctx) => new InProcessEventFeed(ctx.get<EventStream>(TOKENS.EventStream), logger.child({ component: 'events' })))
    .inSingletonScope();
  c.bind<AuctionTimer>(STANDALONE_TOKENS.AuctionTimer)
    .toDynamicValue((ctx) => new AuctionTimer({
      catalog: ctx.get<KnexDatabase>(TOKENS.Database).catalog,
      gavel: ctx.get<Gavel>(TOKENS.Gavel),
      clock: ctx.get<Clock>(TOKENS.Clock),
      logger: logger.child({ component: 'timer' }),
    }, { intervalMs: config.timerIntervalMs }))
    .inSingletonScope();
  return c;
};
