import { describeSchedulerContract } from '../../../tests/contracts/scheduler.contract';
import { describeWith, redisFactory } from './support';

describeWith({ env: 'GAVEL_TEST_REDIS_URL', what: 'Redis' }, 'AgendaScheduler on Redis', () => {
  jest.setTimeout(30_000);
  describeSchedulerContract('Agenda on Redis', redisFactory(), { sharedStore: true });
});
