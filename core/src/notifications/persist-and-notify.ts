import type { Auction } from '../auction/auction';
import type { TransactionContext } from '../ports/unit-of-work.port';
import type { UseCaseDeps } from '../use-cases/dependencies';
import { persist } from '../use-cases/support';
import { notificationsOf } from './notifications-of';

/**
 * `persist`, then the notifications the command's events cause, in the same unit of work: they
 * commit with the change or not at all, so each is written exactly once whatever number of
 * processes run (no relay has to derive them later). The use cases whose events notify someone
 * (bids, buy now, closing) call this instead of `persist`.
 */
export const persistAndNotify = async (deps: Pick<UseCaseDeps, 'ids'>, tx: TransactionContext, auction: Auction): Promise<void> => {
  const changes = await persist(tx, auction);
  const notifications = notificationsOf(changes.events, changes.state, () => deps.ids.next());
  if (notifications.length > 0) await tx.notifications.add(notifications);
};
