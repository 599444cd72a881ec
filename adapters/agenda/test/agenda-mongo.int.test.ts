import { describeSchedulerContract } from '../../../tests/contracts/scheduler.contract';
import { describeWith, mongoFactory } from './support';

/**
 * No MongoDB server runs where this repository is tested (none can be installed there), so this
 * suite is skipped, in CI too, unless GAVEL_TEST_MONGO_URL points at one. The Mongo backend is
 * compiled and wired, never run here: see docs/scheduling-agenda.md.
 */
describeWith({ env: 'GAVEL_TEST_MONGO_URL', what: 'a MongoDB server (none is available on the test machines)', optionalInCi: true }, 'AgendaScheduler on MongoDB', () => {
  jest.setTimeout(30_000);
  describeSchedulerContract('Agenda on MongoDB', mongoFactory(), { sharedStore: true });
});
