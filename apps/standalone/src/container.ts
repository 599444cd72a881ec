import { createApiContainer, TOKENS } from '@gavel/app-api';
import type { Clock, EventStream, Scheduler } from '@gavel/core';
import type { Logger } from 'pino';
import { InProcessScheduler } from '@gavel/memory';
import type { StandaloneConfig } from './config';
import { InProcessEventFeed } from './event-feed';
import { STANDALONE_TOKENS } from './tokens';

/**
 * The standalone app's one container: the api's bindings (database, core, HTTP) plus the
 * in-process event feed and the in-process scheduler, bound the same way (no decorators).
 */
export const createStandaloneContainer = (config: StandaloneConfig, logger: Logger): ReturnType<typeof createApiContainer> => {
  const c = createApiContainer(config.api, logger);
  c.bind<StandaloneConfig>(STANDALONE_TOKENS.Config).toConstantValue(config);
  c.bind<InProcessEventFeed>(STANDALONE_TOKENS.EventFeed)
    .toDynamicValue((ctx) => new InProcessEventFeed(ctx.get<EventStream>(TOKENS.EventStream), logger.child({ component: 'events' })))
    .inSingletonScope();
  // Jobs live in this process; at start they are re-derived from the auctions table (startScheduling).
  c.bind<Scheduler>(STANDALONE_TOKENS.Scheduler)
    .toDynamicValue((ctx) => new InProcessScheduler({
      clock: ctx.get<Clock>(TOKENS.Clock),
      onError: (err, job) => logger.warn({ err, job }, 'scheduled job failed; retrying'),
    }))
    .inSingletonScope();
  return c;
};
