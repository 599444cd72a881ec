import type { AuctionState } from '../auction/auction-state';
import { type AuctionView, viewAuction } from '../auction/auction-view';
import type { Viewer } from '../auction/viewer';
import type { WatchEntry } from '../ports/watchlist.port';
import type { AuctionId } from '../shared/ids';
import { type Instant, toIso } from '../shared/time';

/** A watchlist entry with the auction as its watcher sees it now. */
export interface WatchView {
  readonly auctionId: AuctionId;
  readonly addedAt: string;
  readonly auction: AuctionView;
}

export const viewWatch = (entry: WatchEntry, auction: AuctionState, viewer: Viewer, now: Instant): WatchView => ({
  auctionId: entry.auctionId,
  addedAt: toIso(entry.addedAt),
  auction: viewAuction(auction, viewer, now),
});
