import * as t from 'io-ts';
import { AuctionType, ExtensionRule, IncrementTier } from './auction-parts.codec';
import type { IncrementRule } from './auction-parts.codec';
import { Amount, Bps, boundedString, CurrencyCode, IsoDateTime, nullable, PositiveAmount, refine, Uuid, CategoryId } from './primitives.codec';

/** Core's limits (auction-terms.ts): the codec refuses early what the core would refuse anyway. */
export const MAX_TITLE = 200;
export const MAX_DESCRIPTION = 20_000;
export const MAX_INCREMENT_TIERS = 50;

export const Title = boundedString('Title', 1, MAX_TITLE);
export const Description = refine(t.string, (s) => s.length <= MAX_DESCRIPTION, 'Description');

/** A tiered table as a seller writes it: `[{ from, increment }, ...]`, first `from` 0. */
export const IncrementTable = refine(
  t.array(IncrementTier),
  (tiers) => tiers.length >= 1 && tiers.length <= MAX_INCREMENT_TIERS,
  'IncrementTable',
);

/** SPEC: `increment?: amount | "table"`; a custom table is the third form. */
export const IncrementInput = t.union([PositiveAmount, t.literal('table'), IncrementTable], 'IncrementInput');
export type IncrementInput = t.TypeOf<typeof IncrementInput>;

/** The core's form of an increment input: a fixed step, a custom table, or `'table'` (default). */
export const incrementRuleOf = (input: IncrementInput): IncrementRule | 'table' =>
  typeof input === 'number' ? { kind: 'fixed', amount: input } : input === 'table' ? 'table' : { kind: 'table', tiers: input };

const optionalTerms = {
  categoryId: CategoryId,
  reservePrice: PositiveAmount,
  buyNowPrice: PositiveAmount,
  increment: IncrementInput,
  startTime: IsoDateTime,
  extension: ExtensionRule,
  /** Admin only (the core answers FORBIDDEN to anyone else). */
  commissionBps: Bps,
  buyerPremiumBps: Bps,
  /** Reverse auctions (seed 002): the most the creator will pay. */
  budgetMax: PositiveAmount,
  shippingCost: Amount,
};

/**
 * `POST /auctions`: SPEC's auction body. Exact: unknown keys (`sellerId`, `currentPrice`,
 * `status`, `role`...) are stripped, so a body can never assign what the server decides.
 */
export const CreateAuctionRequest = t.exact(
  t.intersection([
    t.type({
      title: Title,
      description: Description,
      type: AuctionType,
      currency: CurrencyCode,
      startingPrice: PositiveAmount,
      endTime: IsoDateTime,
    }),
    t.partial({ ...optionalTerms, publish: t.boolean }),
  ]),
  'CreateAuctionRequest',
);
export type CreateAuctionRequest = t.TypeOf<typeof CreateAuctionRequest>;

/**
 * `PATCH /auctions/:id`: any term but `type` and `currency` (fixed at creation; stripped here).
 * `null` clears an optional term. What may change once bid on is the core's rule.
 */
export const UpdateAuctionRequest = t.exact(
  t.partial({
    ...optionalTerms,
    title: Title,
    description: Description,
    startingPrice: PositiveAmount,
    endTime: IsoDateTime,
    categoryId: nullable(CategoryId),
    reservePrice: nullable(PositiveAmount),
    buyNowPrice: nullable(PositiveAmount),
    budgetMax: nullable(PositiveAmount),
    startTime: nullable(IsoDateTime),
  }),
  'UpdateAuctionRequest',
);
export type UpdateAuctionRequest = t.TypeOf<typeof UpdateAuctionRequest>;
