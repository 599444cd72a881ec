import type { HttpDeps } from '../http-deps';
import type { AnyRoute } from '../route';
import { auctionRoutes } from './auctions.routes';
import { authRoutes } from './auth.routes';
import { bidRoutes } from './bids.routes';
import { categoryRoutes } from './categories.routes';
import { notificationRoutes } from './notifications.routes';
import { statusRoutes } from './status.routes';
import { userRoutes } from './users.routes';
import { watchlistRoutes } from './watchlist.routes';

/** Every route of the API (SPEC's resource table), in the order the OpenAPI document lists them. */
export const apiRoutes = (deps: HttpDeps): AnyRoute[] => [
  ...authRoutes(deps),
  ...userRoutes(deps),
  ...categoryRoutes(deps),
  ...auctionRoutes(deps),
  ...bidRoutes(deps),
  ...statusRoutes(deps),
  ...watchlistRoutes(deps),
  ...notificationRoutes(deps),
];
