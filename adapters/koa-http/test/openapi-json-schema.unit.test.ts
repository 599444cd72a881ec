import {
  AuctionListQuery, AuctionOutcome, AuctionView, BooleanFromString, CategoryNode, ErrorDetails, ErrorEnvelope, IntFromString,
  LoginRequest, nullable, PageLimit, Paginated, PlaceBidRequest, RegisterRequest, Uuid,
} from '@gavel/contracts';
import * as t from 'io-ts';
import { componentNameOf, JsonSchemaConverter, jsonSchemaOf, withNull } from '../src/openapi/io-ts-json-schema';

const convert = (codec: t.Any) => {
  const converter = new JsonSchemaConverter();
  return { schema: converter.schemaOf(codec), components: converter.components() };
};
const schemaOf = (codec: t.Any) => convert(codec).schema;

describe('io-ts → JSON Schema: scalars, literals, enums', () => {
  it('maps the scalar tags', () => {
    expect(schemaOf(t.string)).toEqual({ type: 'string' });
    expect(schemaOf(t.number)).toEqual({ type: 'number' });
    expect(schemaOf(t.boolean)).toEqual({ type: 'boolean' });
    expect(schemaOf(t.null)).toEqual({ type: 'null' });
    expect(schemaOf(t.unknown)).toEqual({});
    expect(schemaOf(t.UnknownArray)).toEqual({ type: 'array' });
    expect(schemaOf(t.UnknownRecord)).toEqual({ type: 'object' });
  });

  it('a literal is a const of its JSON type', () => {
    expect(schemaOf(t.literal('Bearer'))).toEqual({ type: 'string', const: 'Bearer' });
    expect(schemaOf(t.literal(true))).toEqual({ type: 'boolean', const: true });
    expect(schemaOf(t.literal(3))).toEqual({ type: 'integer', const: 3 });
  });

  it('a keyof is a string enum; a named one is a component', () => {
    expect(schemaOf(t.keyof({ a: null, b: null }))).toEqual({ type: 'string', enum: ['a', 'b'] });
    const { schema, components } = convert(AuctionOutcome);
    expect(schema).toEqual({ $ref: '#/components/schemas/AuctionOutcome' });
    expect(components.AuctionOutcome).toEqual({ type: 'string', enum: ['SOLD', 'RESERVE_NOT_MET', 'NO_BIDS'] });
  });

  it('a union of string literals is an enum', () => {
    expect(schemaOf(t.union([t.literal('x'), t.literal('y')]))).toEqual({ type: 'string', enum: ['x', 'y'] });
  });
});

describe('io-ts → JSON Schema: nullable and unions', () => {
  it('nullable(scalar) adds null to the type', () => {
    expect(schemaOf(nullable(Uuid))).toEqual({ type: ['string', 'null'], format: 'uuid' });
    expect(schemaOf(nullable(t.string))).toEqual({ type: ['string', 'null'] });
  });

  it('nullable of an enum or a const also lets null through the enum', () => {
    expect(schemaOf(nullable(t.keyof({ a: null })))).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(withNull({ type: 'string', const: 'a' })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
  });

  it('nullable of a component is anyOf [$ref, null]', () => {
    expect(schemaOf(nullable(AuctionOutcome))).toEqual({ anyOf: [{ $ref: '#/components/schemas/AuctionOutcome' }, { type: 'null' }] });
  });

  it('other unions are anyOf; a named union is a component', () => {
    expect(schemaOf(t.union([t.string, t.number]))).toEqual({ anyOf: [{ type: 'string' }, { type: 'number' }] });
    const { schema, components } = convert(LoginRequest);
    expect(schema).toEqual({ $ref: '#/components/schemas/LoginRequest' });
    expect(components.LoginRequest).toEqual({
      anyOf: [{ $ref: '#/components/schemas/LoginWithEmail' }, { $ref: '#/components/schemas/LoginWithUsername' }],
    });
    expect(components.LoginWithEmail).toMatchObject({ required: ['email', 'password'], additionalProperties: false });
  });
});

describe('io-ts → JSON Schema: objects', () => {
  it('type: all required, open; partial: none required', () => {
    expect(schemaOf(t.type({ a: t.string, b: t.number }))).toEqual({
      type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a', 'b'],
    });
    expect(schemaOf(t.partial({ a: t.string }))).toEqual({ type: 'object', properties: { a: { type: 'string' } } });
  });

  it('a field that accepts undefined is not required', () => {
    expect(schemaOf(t.type({ a: t.union([t.string, t.undefined]), b: t.string }))).toEqual({
      type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, required: ['b'],
    });
  });

  it('exact and strict objects are closed', () => {
    expect(schemaOf(t.strict({ a: t.string }))).toEqual({
      type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false,
    });
    expect(schemaOf(t.exact(t.partial({ a: t.string })))).toEqual({
      type: 'object', properties: { a: { type: 'string' } }, additionalProperties: false,
    });
  });

  it('an intersection of objects is merged, so required and additionalProperties stay right', () => {
    const { components } = convert(RegisterRequest);
    const register = components.RegisterRequest!;
    expect(register.required).toEqual(['username', 'email', 'password']);
    expect(Object.keys(register.properties ?? {})).toEqual(['username', 'email', 'password', 'name']);
    expect(register.additionalProperties).toBe(false);
    expect(register.allOf).toBeUndefined();
  });

  it('an intersection with a non-object member is allOf', () => {
    const codec = t.intersection([t.type({ a: t.string }), t.union([t.type({ b: t.string }), t.type({ c: t.string })])]);
    expect(schemaOf(codec).allOf).toHaveLength(2);
  });

  it('an open intersection of an open and a closed member stays open', () => {
    expect(schemaOf(t.intersection([t.type({ a: t.string }), t.strict({ b: t.string })])).additionalProperties).toBeUndefined();
  });

  it('arrays, read-only arrays and tuples', () => {
    expect(schemaOf(t.array(t.string))).toEqual({ type: 'array', items: { type: 'string' } });
    expect(schemaOf(t.readonlyArray(t.number))).toEqual({ type: 'array', items: { type: 'number' } });
    expect(schemaOf(t.tuple([t.string, t.number]))).toEqual({
      type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], minItems: 2, maxItems: 2,
    });
  });

  it('records: values as additionalProperties, a keyof domain as required fields', () => {
    const { schema, components } = convert(ErrorDetails);
    expect(schema).toEqual({ $ref: '#/components/schemas/ErrorDetails' });
    expect(components.ErrorDetails).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(schemaOf(t.record(t.keyof({ x: null, y: null }), t.number))).toEqual({
      type: 'object', properties: { x: { type: 'number' }, y: { type: 'number' } }, required: ['x', 'y'], additionalProperties: false,
    });
    expect(schemaOf(t.record(Uuid, t.number))).toEqual({
      type: 'object', additionalProperties: { type: 'number' }, propertyNames: { type: 'string', format: 'uuid' },
    });
  });
});

describe('io-ts → JSON Schema: refinements and custom codecs', () => {
  const props = convert(AuctionView).components.AuctionView!.properties!;

  it('reads the contracts refinements from the table', () => {
    expect(props.id).toEqual({ type: 'string', format: 'uuid' });
    expect(props.createdAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(props.startingPrice).toEqual({ type: 'integer', minimum: 0 });
    expect(props.buyerPremiumBps).toEqual({ type: 'integer', minimum: 0, maximum: 10_000 });
    expect(props.currency).toEqual({ type: 'string', pattern: '^[A-Z]{3}$' });
    expect(props.reservePrice).toEqual({ type: ['integer', 'null'], minimum: 0 });
    const place = convert(PlaceBidRequest).components.PlaceBidRequest!;
    expect(place.properties!.bid_amount).toEqual({ type: 'integer', minimum: 1 });
    expect(place.required).toEqual(['auction_id', 'bid_amount']);
  });

  it('query-string numbers are integers, with their bounds', () => {
    expect(schemaOf(IntFromString)).toEqual({ type: 'integer' });
    expect(schemaOf(BooleanFromString)).toEqual({ type: 'boolean' });
    expect(schemaOf(PageLimit)).toEqual({ type: 'integer', minimum: 1, maximum: 100 });
    const query = convert(AuctionListQuery).components.AuctionListQuery!;
    expect(query.properties!.minPrice).toEqual({ type: 'integer', minimum: 0 });
    expect(query.required).toBeUndefined();
  });

  it('throws, naming the codec, on what it does not know', () => {
    expect(() => schemaOf(t.brand(t.number, (n): n is t.Branded<number, { readonly Odd: unique symbol }> => n % 2 === 1, 'Odd')))
      .toThrow(/"Odd".*KNOWN_REFINEMENTS/);
    const custom = new t.Type<number, string, unknown>('Stringly', (u): u is number => typeof u === 'number', (u, c) => t.failure(u, c), String);
    expect(() => schemaOf(custom)).toThrow(/"Stringly".*KNOWN_CUSTOM_TYPES/);
    expect(() => schemaOf(t.bigint)).toThrow(/BigIntType "bigint"/);
    expect(() => schemaOf(t.Function)).toThrow(/FunctionType/);
  });
});

describe('io-ts → JSON Schema: components', () => {
  it('generic names are sanitized; the same generic built twice is one component', () => {
    expect(componentNameOf('Paginated<AuctionView>')).toBe('Paginated_AuctionView');
    expect(componentNameOf('SuccessEnvelope<Paginated<AuctionView>>')).toBe('SuccessEnvelope_Paginated_AuctionView');
    const converter = new JsonSchemaConverter();
    expect(converter.schemaOf(Paginated(AuctionView))).toEqual({ $ref: '#/components/schemas/Paginated_AuctionView' });
    expect(converter.schemaOf(Paginated(AuctionView))).toEqual({ $ref: '#/components/schemas/Paginated_AuctionView' });
    const components = converter.components();
    expect(Object.keys(components)).toEqual(
      expect.arrayContaining(['Paginated_AuctionView', 'AuctionView', 'PaginationMeta', 'IncrementRule', 'Settlement']),
    );
    expect(components.Paginated_AuctionView!.properties!.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/AuctionView' } });
  });

  it('unnamed objects stay inline', () => {
    expect(convert(t.type({ a: t.string })).components).toEqual({});
  });

  it('two different codecs under one name are refused', () => {
    const converter = new JsonSchemaConverter();
    converter.schemaOf(t.strict({ a: t.string }, 'Thing'));
    expect(() => converter.schemaOf(t.strict({ b: t.string }, 'Thing'))).toThrow(/two different codecs are both named "Thing"/);
  });

  it('a recursive codec refers to itself', () => {
    const { schema, components } = convert(CategoryNode);
    expect(schema).toEqual({ $ref: '#/components/schemas/CategoryNode' });
    expect(components.CategoryNode!.properties!.children).toEqual({ type: 'array', items: { $ref: '#/components/schemas/CategoryNode' } });
    expect(components.CategoryNode!.properties!.parentId).toEqual({ type: ['string', 'null'] });
  });

  it('the error envelope refers to the ErrorCode enum', () => {
    const { components } = convert(ErrorEnvelope);
    expect(components.ErrorEnvelope!.properties!.code).toEqual({ $ref: '#/components/schemas/ErrorCode' });
    expect(components.ErrorEnvelope!.required).toEqual(['success', 'error', 'code', 'message', 'timestamp']);
    expect(components.ErrorCode!.enum).toContain('BID_TOO_LOW');
  });

  it('jsonSchemaOf: a standalone schema with its components under $defs', () => {
    const s = jsonSchemaOf(Paginated(AuctionView));
    expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(s.$ref).toBe('#/$defs/Paginated_AuctionView');
    expect(s.$defs!.AuctionView).toBeDefined();
  });
});
