import * as t from 'io-ts';
import { Amount, Bps, IsoDateTime, NonNegativeInt, PositiveAmount, Uuid, refine } from './primitives.codec';

/** Core's enumerations, spelled as core spells them. */
export const AuctionType = t.keyof({ forward: null, reverse: null }, 'AuctionType');
export type AuctionType = t.TypeOf<typeof AuctionType>;
export const AuctionStatus = t.keyof({ DRAFT: null, SCHEDULED: null, LIVE: null, ENDED: null, CANCELLED: null }, 'AuctionStatus');
export type AuctionStatus = t.TypeOf<typeof AuctionStatus>;
export const AuctionOutcome = t.keyof({ SOLD: null, RESERVE_NOT_MET: null, NO_BIDS: null }, 'AuctionOutcome');
export type AuctionOutcome = t.TypeOf<typeof AuctionOutcome>;
export const BidKind = t.keyof({ bid: null, auto: null, max_raise: null, buy_now: null }, 'BidKind');
export type BidKind = t.TypeOf<typeof BidKind>;

/** A band of a tiered table: from `from` upwards, bids step by `increment`. */
export const IncrementTier = t.strict({ from: Amount, increment: PositiveAmount }, 'IncrementTier');
export type IncrementTier = t.TypeOf<typeof IncrementTier>;

/** Core's `IncrementRule`, as views show it. */
export const FixedIncrement = t.strict({ kind: t.literal('fixed'), amount: PositiveAmount }, 'FixedIncrement');
export const TableIncrement = t.strict({ kind: t.literal('table'), tiers: t.array(IncrementTier) }, 'TableIncrement');
export const IncrementRule = t.union([FixedIncrement, TableIncrement], 'IncrementRule');
export type IncrementRule = t.TypeOf<typeof IncrementRule>;

/** Core caps both at a day; 0 seconds of window is a hard close. */
export const MAX_EXTENSION_SECONDS = 86_400;
export const ExtensionSeconds = refine(t.number, (n) => Number.isInteger(n) && n >= 0 && n <= MAX_EXTENSION_SECONDS, 'ExtensionSeconds');
export const ExtensionRule = t.strict({ windowSeconds: ExtensionSeconds, extendBySeconds: ExtensionSeconds }, 'ExtensionRule');
export type ExtensionRule = t.TypeOf<typeof ExtensionRule>;

/** Core's settlement as views show it: integer amounts, `settledAt` as ISO 8601 like every time. */
export const Settlement = t.strict(
  {
    buyerId: Uuid,
    payeeId: Uuid,
    finalPrice: Amount,
    commissionBps: Bps,
    commission: Amount,
    buyerPremiumBps: Bps,
    buyerPremium: Amount,
    shippingCost: Amount,
    sellerPayout: Amount,
    buyerTotal: Amount,
    settledAt: IsoDateTime,
  },
  'Settlement',
);
export type Settlement = t.TypeOf<typeof Settlement>;
