import { MemoryDatabase } from '@gavel/memory';
import { describeAuctionCatalogContract } from '../../../tests/contracts/auction-catalog.contract';
import { describeCategoryRepositoryContract } from '../../../tests/contracts/category-repository.contract';
import type { ReadSideFactory } from '../../../tests/contracts/read-side-subject';
import { describeUserDirectoryContract } from '../../../tests/contracts/user-directory.contract';
import { describeWatchlistContract } from '../../../tests/contracts/watchlist.contract';

const memory: ReadSideFactory = async () => {
  const db = new MemoryDatabase();
  return {
    uow: db.uow, events: db.events, catalog: db.catalog, categories: db.categories, watchlist: db.watchlist, directory: db.directory,
    close: async () => undefined,
  };
};

describeAuctionCatalogContract('memory', memory);
describeCategoryRepositoryContract('memory', memory);
describeWatchlistContract('memory', memory);
describeUserDirectoryContract('memory', memory);
