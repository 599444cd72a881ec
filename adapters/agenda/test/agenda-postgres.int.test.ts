import { describeSchedulerContract } from '../../../tests/contracts/scheduler.contract';
import { describeWith, pgFactory } from './support';

describeWith({ env: 'GAVEL_TEST_PG_URL', what: 'PostgreSQL' }, 'AgendaScheduler on PostgreSQL', () => {
  jest.setTimeout(30_000);
  describeSchedulerContract('Agenda on PostgreSQL', pgFactory(), { sharedStore: true });
});
