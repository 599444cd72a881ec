import { describeAuctionCatalogContract } from '../../../tests/contracts/auction-catalog.contract';
import { describeCategoryRepositoryContract } from '../../../tests/contracts/category-repository.contract';
import type { ReadSideFactory } from '../../../tests/contracts/read-side-subject';
import { describeUserDirectoryContract } from '../../../tests/contracts/user-directory.contract';
import { describeWatchlistContract } from '../../../tests/contracts/watchlist.contract';
import { type Dialect, dialectsUnderTest, freshDatabase } from './dialects';

const readSide = (dialect: Dialect): ReadSideFactory => async () => {
  const { db, drop } = await freshDatabase(dialect);
  return {
    uow: db.uow, events: db.events, catalog: db.catalog, categories: db.categories, watchlist: db.watchlist, directory: db.directory,
    close: drop,
  };
};

// The read-side suites the memory adapter passes, once per dialect named in DB.
for (const dialect of dialectsUnderTest()) {
  describeAuctionCatalogContract(`knex/${dialect}`, readSide(dialect));
  describeCategoryRepositoryContract(`knex/${dialect}`, readSide(dialect));
  describeWatchlistContract(`knex/${dialect}`, readSide(dialect));
  describeUserDirectoryContract(`knex/${dialect}`, readSide(dialect));
}
