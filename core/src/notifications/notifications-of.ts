import type { AuctionEvent } from '../auction/auction-events';
import type { AuctionOutcome, AuctionState } from '../auction/auction-state';
import { personalNotices, type PersonalNotice } from '../auction/personal-notices';
import { Money } from '../shared/money';
import type { NewNotification, NotificationData, NotificationId } from './notification';

const price = (amount: number | null, s: AuctionState): string => (amount === null ? '-' : Money.of(amount, s.currency).toString());

const OUTCOME_TEXT: Readonly<Record<AuctionOutcome, string>> = {
  SOLD: 'sold',
  RESERVE_NOT_MET: 'the reserve price was not met',
  NO_BIDS: 'there were no bids',
};

type Text = Pick<NewNotification, 'type' | 'title' | 'message'> & { readonly data: NotificationData };

/** Seed 004's notification texts, per personal notice; `data` keeps the figures for clients. */
const textOf = (n: PersonalNotice, s: AuctionState): Text => {
  const base = { auctionTitle: s.title, currency: s.currency, seq: n.seq };
  switch (n.kind) {
    case 'outbid':
      return {
        type: 'outbid',
        title: 'You have been outbid',
        message: `Another bid leads on "${s.title}": the price is now ${price(n.currentPrice, s)}; bid at least ${price(n.minNextBid, s)} to lead again.`,
        data: { ...base, currentPrice: n.currentPrice, minNextBid: n.minNextBid },
      };
    case 'won':
      return {
        type: 'auction_won',
        title: 'You won the auction',
        message: `You won "${s.title}" at ${price(n.finalPrice, s)}.`,
        data: { ...base, finalPrice: n.finalPrice },
      };
    case 'lost':
      return {
        type: 'auction_lost',
        title: 'The auction has ended',
        message: n.outcome === 'SOLD'
          ? `"${s.title}" went to another bidder at ${price(n.finalPrice, s)}.`
          : `"${s.title}" ended without a sale: ${OUTCOME_TEXT[n.outcome]}.`,
        data: { ...base, outcome: n.outcome, finalPrice: n.finalPrice },
      };
  }
};

/** The seller's side of an end (seed 004 `auction_ended`): sold, reserve not met, or no bids. */
const sellerText = (event: Extract<AuctionEvent, { type: 'AuctionEnded' }>, s: AuctionState): Text => {
  const { outcome, finalPrice, bidCount, via } = event.payload;
  return {
    type: 'auction_ended',
    title: outcome === 'SOLD' ? 'Your auction sold' : 'Your auction ended without a sale',
    message: outcome === 'SOLD'
      ? `"${s.title}" sold at ${price(finalPrice, s)}${via === 'buy_now' ? ' (buy now)' : ''}.`
      : `"${s.title}" ended: ${OUTCOME_TEXT[outcome]}.`,
    data: { auctionTitle: s.title, currency: s.currency, seq: event.seq, outcome, finalPrice, bidCount, via },
  };
};

/**
 * The notifications a command's events cause, from the same personal notices the realtime
 * gateway derives (so a socket's `outbid` and the stored notification always agree), plus the
 * seller's `auction_ended`. `state` is the auction after the command.
 */
export const notificationsOf = (events: readonly AuctionEvent[], state: AuctionState, newId: () => string): NewNotification[] => {
  const out: NewNotification[] = [];
  const add = (userId: NewNotification['userId'], text: Text, createdAt: number) =>
    out.push({ id: newId() as NotificationId, userId, auctionId: state.id, createdAt, ...text });
  for (const event of events) {
    for (const notice of personalNotices(event)) add(notice.userId, textOf(notice, state), notice.occurredAt);
    if (event.type === 'AuctionEnded') add(state.sellerId, sellerText(event, state), event.occurredAt);
  }
  return out;
};
