import type { AuctionEvent } from '../auction/auction-events';
import type { NewNotification } from '../notifications/notification';
import { notificationsOf } from '../notifications/notifications-of';
import type { AuctionId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { CloseAuctionOutput } from './close-auction.use-case';
import type { UseCaseDeps } from './dependencies';

/** At most this many auctions per transaction: bounds how long the row locks are held. */
export const MAX_CLOSE_BATCH = 100;

/**
 * `CloseAuction` for many auctions in ONE transaction: each is locked (in id order), re-read and
 * closed under the same guard as alone (ended or cancelled: no change; before its end:
 * `AUCTION_NOT_ENDED`), and all their events and notifications are written in one statement
 * each. For schedulers closing the many auctions that end together: a commit, a lock statement
 * and two inserts per batch instead of per auction (bench/results, scheduling.json).
 *
 * Each auction gets its own result, in input order; a refusal concerns that auction only. A
 * failure of the transaction itself rejects the whole call and changes nothing.
 */
export class CloseAuctions {
  constructor(private readonly deps: UseCaseDeps) {}

  async execute(input: { readonly auctionIds: readonly AuctionId[] }): Promise<Result<readonly Result<CloseAuctionOutput>[]>> {
    const ids = input.auctionIds;
    if (ids.length === 0) return ok([]);
    if (ids.length > MAX_CLOSE_BATCH || new Set(ids).size !== ids.length) {
      return fail('VALIDATION_ERROR', `Between 1 and ${MAX_CLOSE_BATCH} distinct auctions per batch`);
    }
    const results = await this.deps.uow.withAuctions(ids, async (tx) => {
      const now = this.deps.clock.now();
      const bidders = await tx.auctions.bidderIdsOf(ids);
      const out: Result<CloseAuctionOutput>[] = [];
      const events: AuctionEvent[] = [];
      const notifications: NewNotification[] = [];
      for (const id of ids) {
        const auction = await tx.auctions.get(id);
        if (!auction) {
          out.push(fail('AUCTION_NOT_FOUND', 'Auction not found'));
          continue;
        }
        const { status } = auction.state;
        if (status === 'ENDED' || status === 'CANCELLED') {
          out.push(ok({ changed: false, state: auction.state }));
          continue;
        }
        const closed = auction.close(now, bidders.get(id) ?? []);
        if (!closed.ok) {
          out.push(closed);
          continue;
        }
        const changes = auction.flush();
        await tx.auctions.save(changes);
        events.push(...changes.events);
        notifications.push(...notificationsOf(changes.events, changes.state, () => this.deps.ids.next()));
        out.push(ok({ changed: true, state: auction.state }));
      }
      if (events.length > 0) await tx.events.publish(events);
      if (notifications.length > 0) await tx.notifications.add(notifications);
      return out;
    });
    return ok(results);
  }
}
