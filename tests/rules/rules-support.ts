/**
 * Shared machinery of the property suites in this folder: random auctions and bid commands, a
 * runner that drives the `Auction` aggregate directly and records every step, and a small
 * independent model of the domain rules (SPEC "Domain rules") to judge the recorded steps by.
 *
 * Commands are generated as *intents* (an amount a few units around the minimum next bid, a
 * time a few seconds before the current end, a maximum equal to the leader's, ...) and resolved
 * against the state at the moment they run, so that many are accepted, ties and soft-close
 * windows are hit often, and a shrunk counterexample keeps its meaning.
 */
import fc from 'fast-check';
import {
  Auction,
  AuctionId,
  BidId,
  UserId,
  type AuctionEvent,
  type AuctionState,
  type AuctionTerms,
  type Bid,
  type BidCommand,
  type BidDecision,
  type CloseDecision,
  type Result,
} from '@gavel/core';
import { forwardTerms, HOUR, reverseTerms, T0 } from '../builders/terms.builder';

// ---------------------------------------------------------------------------------------------
// Run counts

const requested = Number(process.env.FC_RUNS ?? 1000);
/** At least 1000 cases per property, whatever FC_RUNS says; more when FC_RUNS asks for more. */
export const RUNS = Math.max(1000, Number.isFinite(requested) ? requested : 1000);
const seed = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);
/** fast-check parameters of every property here; FC_SEED replays a reported failure. */
export const fcParams = seed === undefined ? { numRuns: RUNS } : { numRuns: RUNS, seed };
/** Jest timeout of one property (1000+ generated auctions). */
export const PROPERTY_TIMEOUT = 120_000;

// ---------------------------------------------------------------------------------------------
// Fixed ids

export const AUCTION_ID = AuctionId('ac710000-0000-4000-8000-000000000001');
export const SELLER_ID = UserId('5e11e000-0000-4000-8000-00000000000a');
export const BIDDERS: readonly UserId[] = [
  UserId('b1000000-0000-4000-8000-000000000001'),
  UserId('b2000000-0000-4000-8000-000000000002'),
  UserId('b3000000-0000-4000-8000-000000000003'),
  UserId('b4000000-0000-4000-8000-000000000004'),
  UserId('b5000000-0000-4000-8000-000000000005'),
  UserId('b6000000-0000-4000-8000-000000000006'),
];

/** Deterministic bid ids, so that two runs of the same commands can be compared row by row. */
export const bidIds = (): (() => BidId) => {
  let n = 0;
  return () => BidId(`b1d00000-0000-4000-8000-${(++n).toString(16).padStart(12, '0')}`);
};

// ---------------------------------------------------------------------------------------------
// Independent model of increments (seeds/README.md: eBay's table, USD cents) and rounding

const EBAY_USD_CENTS: readonly (readonly [from: number, step: number])[] = [
  [0, 5],
  [100, 25],
  [500, 50],
  [2_500, 100],
  [10_000, 250],
  [25_000, 500],
  [50_000, 1_000],
  [100_000, 2_500],
  [250_000, 5_000],
  [500_000, 10_000],
];

/** The step at `price`, computed from the terms without the core (USD only, as generated). */
export const modelIncrement = (increment: AuctionTerms['increment'], price: number): number => {
  if (increment === 'table') {
    let step = EBAY_USD_CENTS[0]![1];
    for (const [from, inc] of EBAY_USD_CENTS) if (price >= from) step = inc;
    return step;
  }
  if (increment.kind === 'fixed') return increment.amount;
  let step = increment.tiers[0]!.increment;
  for (const tier of increment.tiers) if (price >= tier.from) step = tier.increment;
  return step;
};

/** `amount * bps / 10000` rounded half away from zero, in BigInt, independent of `applyBps`. */
export const bpsOracle = (amount: number, bps: number): number => {
  const product = BigInt(amount) * BigInt(bps);
  const abs = product < 0n ? -product : product;
  const rounded = (abs * 2n + 10_000n) / 20_000n;
  return Number(product < 0n ? -rounded : rounded);
};

// ---------------------------------------------------------------------------------------------
// Scenarios

export type TimeSpec =
  | { readonly kind: 'step'; readonly ms: number } // the previous command's time + ms
  | { readonly kind: 'toward'; readonly permille: number } // that far (‰) from the previous time to the current end
  | { readonly kind: 'start'; readonly delta: number } // the (scheduled) start + delta
  | { readonly kind: 'beforeEnd'; readonly ms: number } // the current (possibly extended) end - ms
  | { readonly kind: 'windowEdge'; readonly delta: number } // current end - window + delta
  | { readonly kind: 'afterEnd'; readonly ms: number }; // current end + ms (0: exactly at the end)

export type AmountSpec =
  | { readonly kind: 'nearMin'; readonly delta: number } // minimum next bid + delta
  | { readonly kind: 'steps'; readonly k: number } // minimum next bid + k increments
  | { readonly kind: 'grid'; readonly g: number } // startingPrice + g * gridStep
  | { readonly kind: 'reserve'; readonly delta: number }; // the reserve (or the starting price) + delta

export type MaxSpec =
  | { readonly kind: 'plain' }
  | { readonly kind: 'extra'; readonly extra: number } // amount + extra
  | { readonly kind: 'leader'; readonly delta: number } // the leader's max + delta (0: a tie)
  | { readonly kind: 'grid'; readonly g: number } // startingPrice + g * gridStep
  | { readonly kind: 'reserve'; readonly delta: number }; // the reserve (or the starting price) + delta

export interface CommandSpec {
  readonly bidder: number;
  readonly time: TimeSpec;
  readonly amount: AmountSpec;
  readonly max: MaxSpec;
}

/** An auction created at T0 - 1 s and published at T0 (`terms.startTime` null: live at T0). */
export interface Scenario {
  readonly terms: AuctionTerms;
  readonly bidders: readonly UserId[];
  /** Spacing of the shared price grid that makes different bidders pick equal amounts. */
  readonly gridStep: number;
  readonly commands: readonly CommandSpec[];
}

export const CREATED_AT = T0 - 1_000;
export const PUBLISHED_AT = T0;

const incrementArb: fc.Arbitrary<AuctionTerms['increment']> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<'table'>('table') },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 500 }).map((amount) => ({ kind: 'fixed' as const, amount })) },
);

export const extensionArb = fc.oneof(
  { weight: 1, arbitrary: fc.record({ windowSeconds: fc.constant(0), extendBySeconds: fc.constantFrom(0, 30, 120) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      windowSeconds: fc.constantFrom(1, 5, 30, 120, 600),
      extendBySeconds: fc.constantFrom(1, 10, 30, 120, 300, 900),
    }),
  },
);

/** Prices around the bands of eBay's table, and anything else. */
const priceArb = fc.oneof(
  fc.constantFrom(1, 5, 95, 99, 100, 101, 495, 500, 1_000, 2_475, 2_500, 9_999, 10_000, 24_750, 99_900),
  fc.integer({ min: 1, max: 200_000 }),
);

const durationArb = fc.oneof(fc.constantFrom(1_000, 5_000, 30_000, 120_000, 600_000, HOUR), fc.integer({ min: 1_000, max: 2 * HOUR }));

const timeArb: fc.Arbitrary<TimeSpec> = fc.oneof(
  {
    weight: 16,
    arbitrary: fc.record({
      kind: fc.constant('step' as const),
      ms: fc.oneof({ weight: 19, arbitrary: fc.integer({ min: 0, max: 500 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 * 60_000 }) }),
    }),
  },
  { weight: 40, arbitrary: fc.record({ kind: fc.constant('toward' as const), permille: fc.integer({ min: 0, max: 300 }) }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('start' as const), delta: fc.integer({ min: -2, max: 2 }) }) },
  {
    weight: 24,
    arbitrary: fc.record({
      kind: fc.constant('beforeEnd' as const),
      ms: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 3_000 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 700_000 }) }),
    }),
  },
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('windowEdge' as const), delta: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('afterEnd' as const), ms: fc.integer({ min: 0, max: 60_000 }) }) },
);

const amountArb: fc.Arbitrary<AmountSpec> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('nearMin' as const), delta: fc.integer({ min: -2, max: 2 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('steps' as const), k: fc.integer({ min: -2, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('grid' as const), g: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reserve' as const), delta: fc.constantFrom(-1, 0, 0, 1) }) },
);

const maxArb: fc.Arbitrary<MaxSpec> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'plain' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('extra' as const), extra: fc.oneof(fc.constantFrom(0, 1, 5, 25, 100), fc.integer({ min: 0, max: 20_000 })) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('leader' as const), delta: fc.constantFrom(0, 0, 0, -1, 1, 2, 100) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('grid' as const), g: fc.integer({ min: 0, max: 60 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reserve' as const), delta: fc.constantFrom(-1, 0, 0, 1) }) },
);

const commandArb = (bidderCount: number, forward: boolean): fc.Arbitrary<CommandSpec> =>
  fc.record({
    bidder: fc.integer({ min: 0, max: bidderCount - 1 }),
    time: timeArb,
    amount: amountArb,
    max: forward ? maxArb : fc.oneof({ weight: 9, arbitrary: fc.constant({ kind: 'plain' as const }) }, { weight: 1, arbitrary: maxArb }),
  });

interface ScenarioOptions {
  readonly type?: 'forward' | 'reverse';
  readonly maxCommands?: number;
  readonly extension?: fc.Arbitrary<AuctionTerms['extension']>;
}

/** A random auction (valid terms) and a random sequence of bid intents by 3 to 6 bidders. */
export const scenarioArb = (opts: ScenarioOptions = {}): fc.Arbitrary<Scenario> => {
  const forward = (opts.type ?? 'forward') === 'forward';
  return fc
    .record({
      bidderCount: fc.integer({ min: 3, max: 6 }),
      startingPrice: priceArb,
      reserveOffset: fc.option(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 100_000 })), { freq: 2 }),
      budgetMax: fc.option(priceArb, { freq: 3 }),
      increment: incrementArb,
      startOffset: fc.option(fc.integer({ min: 1, max: 10 * 60_000 }), { freq: 2 }),
      duration: durationArb,
      extension: opts.extension ?? extensionArb,
      commissionBps: fc.oneof(fc.constantFrom(0, 500, 10_000), fc.integer({ min: 0, max: 10_000 })),
      buyerPremiumBps: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000 })),
      shippingCost: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
      gridStep: fc.constantFrom(1, 5, 25, 100, 1_000),
    })
    .chain((p) =>
      fc.array(commandArb(p.bidderCount, forward), { minLength: 1, maxLength: opts.maxCommands ?? 40, size: 'max' }).map((commands): Scenario => {
        const startTime = p.startOffset === null ? null : PUBLISHED_AT + p.startOffset;
        const base = {
          increment: p.increment,
          startTime,
          endTime: (startTime ?? PUBLISHED_AT) + p.duration,
          extension: p.extension,
          commissionBps: p.commissionBps,
          buyerPremiumBps: p.buyerPremiumBps,
          shippingCost: p.shippingCost,
        };
        const terms = forward
          ? forwardTerms({ ...base, startingPrice: p.startingPrice, reservePrice: p.reserveOffset === null ? null : p.startingPrice + p.reserveOffset })
          : reverseTerms({ ...base, startingPrice: p.startingPrice, budgetMax: p.budgetMax });
        return { terms, bidders: BIDDERS.slice(0, p.bidderCount), gridStep: p.gridStep, commands };
      }),
    );
};

// ---------------------------------------------------------------------------------------------
// The model's view of a state

/** Forward: the least a challenger may bid. Reverse: the most. Computed from the terms. */
export const modelLimit = (terms: AuctionTerms, s: AuctionState): number => {
  if (terms.type === 'reverse') {
    if (s.currentPrice === null) return terms.budgetMax ?? terms.startingPrice;
    return s.currentPrice - modelIncrement(terms.increment, s.currentPrice);
  }
  return s.currentPrice === null ? terms.startingPrice : s.currentPrice + modelIncrement(terms.increment, s.currentPrice);
};

const resolveTime = (sc: Scenario, spec: TimeSpec, prev: number, s: AuctionState): number => {
  const windowMs = sc.terms.extension.windowSeconds * 1_000;
  const target = (() => {
    switch (spec.kind) {
      case 'step':
        return prev + spec.ms;
      case 'toward':
        return prev + Math.floor(((s.endTime - prev) * spec.permille) / 1_000);
      case 'start':
        return (sc.terms.startTime ?? PUBLISHED_AT) + spec.delta;
      case 'beforeEnd':
        return s.endTime - spec.ms;
      case 'windowEdge':
        return s.endTime - windowMs + spec.delta;
      case 'afterEnd':
        return s.endTime + spec.ms;
    }
  })();
  return Math.max(prev, target); // the clock never runs backwards
};

const resolveCommand = (sc: Scenario, spec: CommandSpec, s: AuctionState): BidCommand => {
  const limit = modelLimit(sc.terms, s);
  const grid = (g: number) => sc.terms.startingPrice + g * sc.gridStep;
  const reserve = (delta: number) => (sc.terms.reservePrice ?? sc.terms.startingPrice) + delta;
  const reverse = sc.terms.type === 'reverse';
  const step = Math.max(1, modelIncrement(sc.terms.increment, Math.max(0, limit)));
  const raw = (() => {
    switch (spec.amount.kind) {
      case 'nearMin':
        return reverse ? limit - spec.amount.delta : limit + spec.amount.delta;
      case 'steps':
        return reverse ? limit - spec.amount.k * step : limit + spec.amount.k * step;
      case 'grid':
        return grid(spec.amount.g);
      case 'reserve':
        return reserve(spec.amount.delta);
    }
  })();
  const amount = Math.max(1, raw);
  const max = (() => {
    switch (spec.max.kind) {
      case 'plain':
        return null;
      case 'extra':
        return amount + spec.max.extra;
      case 'leader':
        return Math.max(amount, (s.leaderMax ?? amount) + spec.max.delta);
      case 'grid':
        return Math.max(amount, grid(spec.max.g));
      case 'reserve':
        return Math.max(amount, reserve(spec.max.delta));
    }
  })();
  return { bidderId: sc.bidders[spec.bidder]!, amount, maxAmount: max };
};

// ---------------------------------------------------------------------------------------------
// Running

export interface Step {
  readonly index: number;
  readonly cmd: BidCommand;
  readonly at: number;
  readonly before: AuctionState;
  readonly result: Result<BidDecision>;
  readonly after: AuctionState;
  readonly rows: readonly Bid[];
  readonly events: readonly AuctionEvent[];
}

export interface Run {
  readonly scenario: Scenario;
  readonly auction: Auction;
  /** AuctionCreated, AuctionPublished. */
  readonly setupEvents: readonly AuctionEvent[];
  readonly steps: readonly Step[];
  readonly rows: readonly Bid[];
  readonly events: readonly AuctionEvent[];
  readonly lastAt: number;
}

const unwrap = <T>(r: Result<T>, what: string): T => {
  if (!r.ok) throw new Error(`${what} failed: ${JSON.stringify(r.error)}`);
  return r.value;
};

/** Create → publish at T0 → one `placeBid` per command, flushing after each. */
export const runScenario = (sc: Scenario): Run => {
  const auction = unwrap(Auction.create(AUCTION_ID, SELLER_ID, sc.terms, CREATED_AT), 'create');
  unwrap(auction.publish(PUBLISHED_AT), 'publish');
  const setupEvents = [...auction.flush().events];
  const nextId = bidIds();
  const steps: Step[] = [];
  const rows: Bid[] = [];
  const events: AuctionEvent[] = [...setupEvents];
  let prev = PUBLISHED_AT;
  sc.commands.forEach((spec, index) => {
    const before = { ...auction.state };
    const at = resolveTime(sc, spec.time, prev, before);
    prev = at;
    const cmd = resolveCommand(sc, spec, before);
    const result = auction.placeBid(cmd, at, nextId);
    const changes = auction.flush();
    steps.push({ index, cmd, at, before, result, after: changes.state, rows: changes.newBids, events: changes.events });
    rows.push(...changes.newBids);
    events.push(...changes.events);
  });
  return { scenario: sc, auction, setupEvents, steps, rows, events, lastAt: prev };
};

export interface Closing {
  readonly first: Result<CloseDecision>;
  readonly firstState: AuctionState;
  readonly firstEvents: readonly AuctionEvent[];
  readonly second: Result<CloseDecision>;
  readonly secondState: AuctionState;
  readonly secondEvents: readonly AuctionEvent[];
}

/** The distinct bidders with a row, in order of first appearance (the close payload). */
export const biddersOf = (rows: readonly Bid[]): UserId[] => [...new Set(rows.map((r) => r.bidderId))];

/** Closes at `at` (≥ the end) and once more at `again` (≥ at). */
export const closeTwice = (run: Run, at: number, again: number): Closing => {
  const bidders = biddersOf(run.rows);
  const first = run.auction.close(at, bidders);
  const c1 = run.auction.flush();
  const second = run.auction.close(again, bidders);
  const c2 = run.auction.flush();
  return { first, firstState: c1.state, firstEvents: c1.events, second, secondState: c2.state, secondEvents: c2.events };
};

// ---------------------------------------------------------------------------------------------
// Model of proxy bidding, checked step by step

export type Outcome = 'ACCEPTED' | 'AUCTION_NOT_LIVE' | 'BID_AFTER_END' | 'ALREADY_HIGHEST_BIDDER' | 'BID_TOO_LOW' | 'BID_TOO_HIGH' | 'VALIDATION_ERROR';

/** What SPEC says must happen to `cmd` at `at`, given the state before it. */
export const expectedOutcome = (terms: AuctionTerms, before: AuctionState, cmd: BidCommand, at: number): Outcome => {
  if (before.status === 'ENDED' || at >= before.endTime) return 'BID_AFTER_END';
  if (before.status === 'SCHEDULED' && (before.startTime === null || at < before.startTime)) return 'AUCTION_NOT_LIVE';
  if (terms.type === 'reverse') {
    if (cmd.maxAmount !== null) return 'VALIDATION_ERROR';
    if (before.leaderId === cmd.bidderId) return 'ALREADY_HIGHEST_BIDDER';
    return cmd.amount > modelLimit(terms, before) ? 'BID_TOO_HIGH' : 'ACCEPTED';
  }
  if (before.leaderId === cmd.bidderId) {
    if (cmd.maxAmount === null) return 'ALREADY_HIGHEST_BIDDER';
    return cmd.maxAmount <= (before.leaderMax ?? 0) ? 'BID_TOO_LOW' : 'ACCEPTED';
  }
  return cmd.amount < modelLimit(terms, before) ? 'BID_TOO_LOW' : 'ACCEPTED';
};

export const outcomeOf = (r: Result<BidDecision>): Outcome => (r.ok ? 'ACCEPTED' : (r.error.code as Outcome));

/** Each bidder's highest maximum so far and the step at which it first reached it. */
export interface BidderModel {
  readonly max: number;
  readonly reachedAt: number;
  /** Amount of its latest manual bid (row kind `bid`). */
  readonly lastManual: number;
}

export interface ModelState {
  readonly bidders: ReadonlyMap<UserId, BidderModel>;
  /**
   * The leader's maximum as it stood at the last decision that set the price by competition
   * (any accepted decision but the leader's own max raise): a later raise lifts the leader's
   * maximum but, by SPEC, not the price.
   */
  readonly cap: number | null;
}

export const emptyModel = (): ModelState => ({ bidders: new Map(), cap: null });

/** The model after an accepted forward decision by `step.cmd`. */
export const advanceModel = (m: ModelState, step: Step, leaderAfter: UserId, leaderMaxAfter: number): ModelState => {
  const bidders = new Map(m.bidders);
  const { bidderId, amount, maxAmount } = step.cmd;
  const max = maxAmount ?? amount;
  const old = bidders.get(bidderId);
  const isRaise = step.before.leaderId === bidderId;
  const lastManual = isRaise ? old!.lastManual : amount;
  if (old === undefined || max > old.max) bidders.set(bidderId, { max, reachedAt: step.index, lastManual });
  else bidders.set(bidderId, { ...old, lastManual });
  return { bidders, cap: isRaise ? m.cap : leaderMaxAfter };
};

/** The bidder that SPEC says leads: the highest maximum, the earliest to reach it on a tie. */
export const modelLeader = (m: ModelState): { id: UserId; model: BidderModel } | null => {
  let best: { id: UserId; model: BidderModel } | null = null;
  for (const [id, model] of m.bidders) {
    if (best === null || model.max > best.model.max || (model.max === best.model.max && model.reachedAt < best.model.reachedAt)) {
      best = { id, model };
    }
  }
  return best;
};

/** Folds the model over a run; calls `visit` after every accepted step. */
export const walkAccepted = (run: Run, visit: (step: Step, before: ModelState, after: ModelState) => void): ModelState => {
  let m = emptyModel();
  for (const step of run.steps) {
    if (!step.result.ok) continue;
    const next = advanceModel(m, step, step.after.leaderId!, step.after.leaderMax!);
    visit(step, m, next);
    m = next;
  }
  return m;
};

/** A short description of a run, for failure messages. */
export const describeRun = (run: Run): string =>
  JSON.stringify(
    {
      terms: {
        startingPrice: run.scenario.terms.startingPrice,
        reservePrice: run.scenario.terms.reservePrice,
        budgetMax: run.scenario.terms.budgetMax,
        increment: run.scenario.terms.increment,
        startTime: run.scenario.terms.startTime,
        endTime: run.scenario.terms.endTime,
        extension: run.scenario.terms.extension,
      },
      steps: run.steps.map((s) => ({
        by: BIDDERS.indexOf(s.cmd.bidderId),
        at: s.at - PUBLISHED_AT,
        amount: s.cmd.amount,
        max: s.cmd.maxAmount,
        outcome: outcomeOf(s.result),
        price: s.after.currentPrice,
        leader: s.after.leaderId === null ? null : BIDDERS.indexOf(s.after.leaderId),
        leaderMax: s.after.leaderMax,
        end: s.after.endTime - PUBLISHED_AT,
      })),
    },
    null,
    1,
  );

/** Throws with the run attached when `cond` is false (cheaper than `expect` in hot loops). */
export const check = (cond: boolean, run: Run, message: string): void => {
  if (!cond) throw new Error(`${message}\n${describeRun(run)}`);
};
