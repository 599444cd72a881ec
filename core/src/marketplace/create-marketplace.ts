import { createNotifications } from '../notifications/create-notifications';
import { AddToWatchlist } from './add-to-watchlist.use-case';
import { GetAuctionStatus } from './get-auction-status.use-case';
import { GetAuctionStatuses } from './get-auction-statuses.use-case';
import { GetCategoryTree } from './get-category-tree.use-case';
import { GetMyBids } from './get-my-bids.use-case';
import { GetNamedBidHistory } from './get-named-bid-history.use-case';
import { GetPriceHistory } from './get-price-history.use-case';
import { GetPublicProfile } from './get-public-profile.use-case';
import { GetWatchEntry } from './get-watch-entry.use-case';
import { ListAuctions } from './list-auctions.use-case';
import { ListWatchlist } from './list-watchlist.use-case';
import type { MarketplaceDeps } from './marketplace-deps';
import { RemoveFromWatchlist } from './remove-from-watchlist.use-case';
import { ResolveActor } from './resolve-actor.use-case';
import { UpdateProfile } from './update-profile.use-case';

/** The read side, the personal lists (notifications too) and the profile use cases, wired to their ports. */
export const createMarketplace = (deps: MarketplaceDeps) => ({
  listAuctions: new ListAuctions(deps),
  getStatus: new GetAuctionStatus(deps),
  getStatuses: new GetAuctionStatuses(deps),
  getPriceHistory: new GetPriceHistory(deps),
  getBidHistory: new GetNamedBidHistory(deps),
  myBids: new GetMyBids(deps),
  categoryTree: new GetCategoryTree(deps),
  watch: new AddToWatchlist(deps),
  unwatch: new RemoveFromWatchlist(deps),
  watchlist: new ListWatchlist(deps),
  watchEntry: new GetWatchEntry(deps),
  updateProfile: new UpdateProfile(deps),
  publicProfile: new GetPublicProfile(deps),
  resolveActor: new ResolveActor(deps),
  ...createNotifications(deps),
});

export type Marketplace = ReturnType<typeof createMarketplace>;
