import { ANONYMOUS, type AuctionTerms, type Viewer } from '@gavel/core';
import * as contracts from '@gavel/contracts';
import { AuctionView, BidView, PlaceBidResponseData } from '@gavel/contracts';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { actor, ALICE, BOB, expectOk, harness, SELLER } from '../../../tests/builders/harness.builder';
import { forwardTerms, HOUR, reverseTerms, T0 } from '../../../tests/builders/terms.builder';
import { placeBidDataOf } from '../../../tests/codecs/domain-to-wire.helper';
import { JsonSchemaConverter, jsonSchemaOf } from '../src/openapi/io-ts-json-schema';
import type { JsonSchema } from '../src/openapi/json-schema.types';
import { KNOWN_CUSTOM_TYPES, KNOWN_REFINEMENTS } from '../src/openapi/known-refinements';

/**
 * The schemas are written from a table, not read from the predicates: these tests hold the two
 * together. Every refinement of the contracts has a row, every row a refinement, each row agrees
 * with its codec at the edges of what it accepts, and real core outputs validate.
 */
interface Walked {
  readonly _tag?: string;
  readonly name: string;
  readonly [k: string]: unknown;
}
const isCodec = (v: unknown): v is t.Any =>
  typeof v === 'object' && v !== null && typeof (v as t.Any).decode === 'function' && typeof (v as t.Any).name === 'string';

/** Every codec exported by the contracts (and those in exported records of codecs). */
const exportedCodecs = (): t.Any[] => {
  const out: t.Any[] = [];
  for (const v of Object.values(contracts)) {
    if (isCodec(v)) out.push(v);
    else if (typeof v === 'object' && v !== null) out.push(...Object.values(v).filter(isCodec));
  }
  return out;
};

/** Refinements and hand-written codecs reachable from `roots`, by name. */
const reachable = (roots: readonly t.Any[]) => {
  const refinements = new Map<string, t.Any>();
  const custom = new Map<string, t.Any>();
  const seen = new Set<unknown>();
  const visit = (c: unknown): void => {
    if (!isCodec(c) || seen.has(c)) return;
    seen.add(c);
    const n = c as unknown as Walked;
    if (n._tag === 'RefinementType') refinements.set(n.name, c);
    if (n._tag === undefined) custom.set(n.name, c);
    for (const key of ['type', 'domain', 'codomain']) visit(n[key]);
    for (const m of (n.types as unknown[] | undefined) ?? []) visit(m);
    for (const p of Object.values((n.props as Record<string, unknown> | undefined) ?? {})) visit(p);
  };
  roots.forEach(visit);
  return { refinements, custom };
};

const { refinements, custom } = reachable(exportedCodecs());

describe('the refinement table and the contracts', () => {
  it('finds the contracts refinements (the walk works)', () => {
    expect([...refinements.keys()]).toEqual(expect.arrayContaining(['Uuid', 'Amount', 'Title', 'PageLimit', 'IncrementTable']));
    expect([...custom.keys()]).toEqual(expect.arrayContaining(['IntFromString', 'BooleanFromString']));
  });

  it('has a row for every refinement and hand-written codec of the contracts', () => {
    expect([...refinements.keys()].filter((name) => !(name in KNOWN_REFINEMENTS))).toEqual([]);
    expect([...custom.keys()].filter((name) => !(name in KNOWN_CUSTOM_TYPES))).toEqual([]);
  });

  it('has no row for a refinement the contracts no longer have (io-ts Int aside)', () => {
    expect(Object.keys(KNOWN_REFINEMENTS).filter((name) => name !== 'Int' && !refinements.has(name))).toEqual([]);
    expect(Object.keys(KNOWN_CUSTOM_TYPES).filter((name) => !custom.has(name))).toEqual([]);
  });

  it('converts every exported codec in one document (no unknown construct, no clash of names)', () => {
    const converter = new JsonSchemaConverter();
    for (const codec of exportedCodecs()) expect(() => converter.schemaOf(codec)).not.toThrow();
    expect(Object.keys(converter.components()).length).toBeGreaterThan(40);
  });
});

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validates = (schema: JsonSchema, value: unknown): boolean => ajv.validate(schema, value);

// Ordinary values around the rules of the contracts (not the corners where a JSON Schema format
// is knowingly looser than the codec: nil UUIDs and versions beyond 8, `urn:uuid:`, dot-less email domains, February 30th).
const STRINGS = [
  '', ' ', '   ', ' a ', 'a', 'ab', 'abc', 'EUR', 'eur', 'EURO', 'a@b.co', 'a b@c.de', 'no-at-sign', 'x y', 'Bad', '-bad',
  'electronics', 'home-garden', 'a.b_c-d', '0b8e6c1e-3f6a-4c2b-9d1e-5f2a7b3c4d5e', '0B8E6C1E-3F6A-4C2B-9D1E-5F2A7B3C4D5E',
  'not-a-uuid', '2026-01-01T12:00:00.000Z', '2026-01-01T12:00:00Z',
  '2026-01-01T12:00:00+01:00', '2026-01-01', '12:00:00Z',
];
const NUMBERS = [-1, 0, 0.5, 1, 1.5, 2, 99, 100, 101, 10_000, 10_001, 86_400, 86_401];
const TIER = { from: 0, increment: 1 };
const around = (n: number | undefined): number[] => (n === undefined ? [] : [n - 1, n, n + 1]);

/** Values at and beyond the bounds the schema states, of the schema's type. */
const candidatesFor = (s: JsonSchema): unknown[] => {
  if (s.type === 'integer' || s.type === 'number') return [...NUMBERS, ...around(s.minimum), ...around(s.maximum), (s.minimum ?? 0) + 0.5];
  if (s.type === 'string') {
    const lengths = [...around(s.minLength), ...around(s.maxLength)].filter((n) => n >= 0);
    return [...STRINGS, ...lengths.map((n) => 'a'.repeat(n)), ...lengths.map((n) => ' '.repeat(n))];
  }
  if (s.type === 'array') return [[], ...[...around(s.minItems), ...around(s.maxItems)].filter((n) => n >= 0).map((n) => Array(n).fill(TIER))];
  return [];
};

describe('each row agrees with its codec', () => {
  it.each([...refinements.entries()])('%s', (_name, codec) => {
    const schema = jsonSchemaOf(codec);
    const candidates = candidatesFor(schema);
    expect(candidates.length).toBeGreaterThan(5);
    const disagreements = candidates
      .filter((v) => isRight(codec.decode(v)) !== validates(schema, v))
      .map((v) => `${JSON.stringify(v)?.slice(0, 40)}: codec ${isRight(codec.decode(v))}, schema ${validates(schema, v)}`);
    expect(disagreements).toEqual([]);
    // Both accept something and refuse something: the comparison is not vacuous.
    expect(candidates.some((v) => validates(schema, v))).toBe(true);
    expect(candidates.some((v) => !validates(schema, v))).toBe(true);
  });
});

describe('real core outputs validate against the generated schemas', () => {
  const bySeller = ({ commissionBps: _c, ...terms }: AuctionTerms) => terms;
  const viewers: Viewer[] = [{ userId: SELLER, role: 'user' }, { userId: ALICE, role: 'user' }, ANONYMOUS];
  const auctionSchema = jsonSchemaOf(AuctionView);
  const bidSchema = jsonSchemaOf(BidView);
  const placeSchema = jsonSchemaOf(PlaceBidResponseData);
  const check = (schema: JsonSchema, codec: t.Any, value: unknown) => {
    const ok = validates(schema, codec.encode(value));
    if (!ok) throw new Error(`${codec.name}: ${ajv.errorsText()}`);
  };

  it('forward and reverse auctions, bids, settlement', async () => {
    const { gavel, clock } = await harness();
    const forward = expectOk(await gavel.createAuction.execute({
      actor: actor(SELLER), terms: bySeller(forwardTerms({ reservePrice: 5_000, buyNowPrice: 20_000 })), publish: true,
    }));
    const reverse = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(reverseTerms()), publish: true }));
    const draft = expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms()) }));
    check(auctionSchema, AuctionView, draft);
    const placed = [
      expectOk(await gavel.placeBid.execute({ auctionId: forward.id, bidderId: ALICE, amount: 1_000, maxAmount: 3_000 })),
      expectOk(await gavel.placeBid.execute({ auctionId: forward.id, bidderId: BOB, amount: 6_000 })),
      expectOk(await gavel.placeBid.execute({ auctionId: reverse.id, bidderId: ALICE, amount: 150_000, details: { notes: 'tiles' } })),
    ];
    for (const out of placed) check(placeSchema, PlaceBidResponseData, placeBidDataOf(out));
    clock.set(T0 + 2 * HOUR);
    expectOk(await gavel.closeAuction.execute({ auctionId: forward.id }));
    expectOk(await gavel.closeAuction.execute({ auctionId: reverse.id }));
    for (const id of [forward.id, reverse.id]) {
      for (const viewer of viewers) {
        const view = expectOk(await gavel.getAuction.execute({ auctionId: id, viewer }));
        check(auctionSchema, AuctionView, view);
        for (const bid of expectOk(await gavel.getBidHistory.execute({ auctionId: id, viewer }))) check(bidSchema, BidView, bid);
      }
    }
    const ended = expectOk(await gavel.getAuction.execute({ auctionId: forward.id, viewer: viewers[0]! }));
    expect(ended.settlement).not.toBeNull();
  });

  it('and the schemas refuse what the codecs refuse', async () => {
    const { gavel } = await harness();
    const view = (AuctionView as t.Any).encode(expectOk(await gavel.createAuction.execute({ actor: actor(SELLER), terms: bySeller(forwardTerms()), publish: true })));
    expect(validates(auctionSchema, view)).toBe(true);
    expect(validates(auctionSchema, { ...view, minNextBid: 10.5 })).toBe(false);
    expect(validates(auctionSchema, { ...view, outcome: 'MAYBE' })).toBe(false);
    expect(validates(auctionSchema, { ...view, increment: { kind: 'fixed', amount: 0 } })).toBe(false);
    const { serverTime: _s, ...missing } = view;
    expect(validates(auctionSchema, missing)).toBe(false);
  });
});
