import type { Auction, AuctionChanges } from '../auction/auction';
import { canSee, isSellerOrAdmin } from '../auction/auction-view';
import type { Role, Viewer } from '../auction/viewer';
import type { TransactionContext } from '../ports/unit-of-work.port';
import type { AuctionId, UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';

/** An authenticated user acting (the edge has checked the token; status is checked here). */
export interface Actor {
  readonly userId: UserId;
  readonly role: Role;
}

export const asViewer = (actor: Actor): Viewer => ({ userId: actor.userId, role: actor.role });

/** Writes one command's state, rows and events in the current unit of work; answers what it wrote. */
export const persist = async (tx: TransactionContext, auction: Auction): Promise<AuctionChanges> => {
  const changes = auction.flush();
  await tx.auctions.save(changes);
  if (changes.events.length > 0) await tx.events.publish(changes.events);
  return changes;
};

export const activeUser = async (tx: TransactionContext, userId: UserId): Promise<Result<true>> => {
  const user = await tx.users.get(userId);
  return user && user.status === 'ACTIVE' ? ok(true) : fail('ACCOUNT_INACTIVE', 'This account is not active');
};

/** Loads an auction the viewer may see; drafts of others are "not found", never "forbidden". */
export const visibleAuction = async (tx: TransactionContext, id: AuctionId, viewer: Viewer): Promise<Result<Auction>> => {
  const auction = await tx.auctions.get(id);
  return auction && canSee(auction.state, viewer) ? ok(auction) : fail('AUCTION_NOT_FOUND', 'Auction not found');
};

/** Loads an auction the actor manages (its seller, or an admin) and checks the actor is active. */
export const managedAuction = async (tx: TransactionContext, id: AuctionId, actor: Actor): Promise<Result<Auction>> => {
  const found = await visibleAuction(tx, id, asViewer(actor));
  if (!found.ok) return found;
  if (!isSellerOrAdmin(found.value.state, asViewer(actor))) return fail('FORBIDDEN', 'Only the seller or an admin may do this');
  const active = await activeUser(tx, actor.userId);
  return active.ok ? found : active;
};
