import type { AuctionId, UserId } from '../shared/ids';
import type { Instant } from '../shared/time';
import type { AuctionOutcome } from './auction-state';
import type { AuctionEvent } from './auction-events';

/**
 * A consequence of a stream event for one person (SPEC, "Realtime"): it carries the `seq` of
 * the event it comes from and takes no number of its own.
 */
export type PersonalNotice =
  | { readonly kind: 'outbid'; readonly userId: UserId; readonly auctionId: AuctionId; readonly seq: number; readonly occurredAt: Instant; readonly currentPrice: number; readonly minNextBid: number }
  | { readonly kind: 'won'; readonly userId: UserId; readonly auctionId: AuctionId; readonly seq: number; readonly occurredAt: Instant; readonly finalPrice: number }
  | { readonly kind: 'lost'; readonly userId: UserId; readonly auctionId: AuctionId; readonly seq: number; readonly occurredAt: Instant; readonly outcome: AuctionOutcome; readonly finalPrice: number | null };

export const personalNotices = (event: AuctionEvent): PersonalNotice[] => {
  const base = { auctionId: event.auctionId, seq: event.seq, occurredAt: event.occurredAt };
  switch (event.type) {
    case 'BidPlaced': {
      const { leaderId, previousLeaderId, bidderId, currentPrice, minNextBid } = event.payload;
      const outbid = new Set<UserId>();
      if (previousLeaderId !== null && previousLeaderId !== leaderId) outbid.add(previousLeaderId);
      // A challenger beaten at once by the leader's proxy is outbid as well (eBay tells them).
      if (bidderId !== leaderId) outbid.add(bidderId);
      return [...outbid].map((userId) => ({ kind: 'outbid', userId, ...base, currentPrice, minNextBid }));
    }
    case 'AuctionEnded': {
      const { winnerId, bidderIds, outcome, finalPrice } = event.payload;
      const notices: PersonalNotice[] = [];
      if (winnerId !== null && finalPrice !== null) notices.push({ kind: 'won', userId: winnerId, ...base, finalPrice });
      for (const userId of bidderIds) {
        if (userId !== winnerId) notices.push({ kind: 'lost', userId, ...base, outcome, finalPrice });
      }
      return notices;
    }
    default:
      return [];
  }
};
