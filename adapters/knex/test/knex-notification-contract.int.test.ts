import { describeNotificationRepositoryContract } from '../../../tests/contracts/notification-repository.contract';
import { dialectsUnderTest, knexFactory } from './dialects';

// The suite the memory adapter passes, once per dialect named in DB.
for (const dialect of dialectsUnderTest()) describeNotificationRepositoryContract(`knex/${dialect}`, knexFactory(dialect));
