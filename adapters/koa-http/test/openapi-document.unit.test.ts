import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  AuctionIdParam, AuctionListQuery, AuctionStatusesQuery, AuctionStatusView, AuctionView, CategoryNode, ERROR_CODE_LIST,
  IdParam, LoginRequest, LoginResponseData, ManagedUserView, ManageUserRequest, Paginated, PlaceBidRequest,
  PlaceBidResponseData, UnwatchResponseData, UpdateAuctionRequest, WatchRequest, WatchView,
} from '@gavel/contracts';
import { fail } from '@gavel/core';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import * as t from 'io-ts';
import { STATUS_OF_CODE } from '../src/errors/status-table';
import { buildOpenApiDocument, openApiPathOf } from '../src/openapi/openapi-document';
import type { OpenApiDocument, OpenApiOperation, OpenApiParameter } from '../src/openapi/openapi.types';
import { type AnyRoute, route } from '../src/route';

const ROOT = join(__dirname, '../../..');
const unused = () => Promise.resolve(fail('INTERNAL_ERROR', 'not called'));

/**
 * The validator is ESM-only and jest runs CommonJS: it runs in its own Node process, which reads
 * documents on stdin and prints `[{ valid, version, errors }]`, one per document.
 */
const validateOpenApi = (...docs: unknown[]): { valid: boolean; version?: string; errors?: unknown }[] => {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    process.stdin.on('data', (c) => { input += c; });
    process.stdin.on('end', async () => {
      const results = [];
      for (const doc of JSON.parse(input)) {
        const validator = new Validator();
        const result = await validator.validate(doc);
        results.push({ valid: result.valid, version: validator.version, errors: result.errors });
      }
      process.stdout.write(JSON.stringify(results));
    });`;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, input: JSON.stringify(docs), encoding: 'utf8' }));
};

/** Routes with every feature the generator knows, over real codecs of the contracts. */
const sampleRoutes = (): AnyRoute[] => [
  route({
    operationId: 'login', method: 'post', path: '/auth/login', tag: 'auth', auth: 'none', summary: 'Log in',
    description: 'Seed 003: email or username', body: LoginRequest, response: LoginResponseData, status: 200,
    errors: ['INVALID_CREDENTIALS', 'ACCOUNT_INACTIVE'], rateLimit: 'login', handle: unused,
  }),
  route({
    operationId: 'listAuctions', method: 'get', path: '/auctions', tag: 'auctions', auth: 'optional', summary: 'List auctions',
    query: AuctionListQuery, response: Paginated(AuctionView), status: 200, errors: [], handle: unused,
  }),
  route({
    operationId: 'getAuction', method: 'get', path: '/auctions/:id', tag: 'auctions', auth: 'optional', summary: 'One auction',
    params: IdParam, response: AuctionView, status: 200, errors: ['AUCTION_NOT_FOUND'], handle: unused,
  }),
  route({
    operationId: 'updateAuction', method: 'patch', path: '/auctions/:id', tag: 'auctions', auth: 'required', summary: 'Edit',
    params: IdParam, body: UpdateAuctionRequest, response: AuctionView, status: 200,
    errors: ['AUCTION_NOT_FOUND', 'FORBIDDEN', 'AUCTION_HAS_BIDS'], handle: unused,
  }),
  route({
    operationId: 'placeBid', method: 'post', path: '/bids/place', tag: 'bids', auth: 'required', summary: 'Bid',
    body: PlaceBidRequest, response: PlaceBidResponseData, status: 201, idempotent: true, rateLimit: 'bid',
    errors: ['AUCTION_NOT_FOUND', 'AUCTION_NOT_LIVE', 'BID_TOO_LOW', 'CANNOT_BID_OWN_AUCTION'], handle: unused,
  }),
  route({
    operationId: 'auctionStatuses', method: 'get', path: '/auction-status', tag: 'auctions', auth: 'optional', summary: 'Statuses',
    query: AuctionStatusesQuery, response: t.array(AuctionStatusView), status: 200, errors: [], handle: unused,
  }),
  route({
    operationId: 'manageUser', method: 'patch', path: '/admin/users/:id', tag: 'admin', auth: 'admin', summary: 'Manage a user',
    params: IdParam, body: ManageUserRequest, response: ManagedUserView, status: 200, errors: ['NOT_FOUND'], handle: unused,
  }),
  route({
    operationId: 'watch', method: 'post', path: '/watchlist', tag: 'watchlist', auth: 'required', summary: 'Watch',
    body: WatchRequest, response: WatchView, status: 201, created: () => true, errors: ['AUCTION_NOT_FOUND'], handle: unused,
  }),
  route({
    operationId: 'unwatch', method: 'delete', path: '/watchlist/:auctionId', tag: 'watchlist', auth: 'required', summary: 'Unwatch',
    params: AuctionIdParam, response: UnwatchResponseData, status: 200, errors: [], handle: unused,
  }),
  route({
    operationId: 'categories', method: 'get', path: '/categories', tag: 'categories', auth: 'none', summary: 'Tree',
    response: t.readonlyArray(CategoryNode), status: 200, errors: [], handle: unused,
  }),
];

const INFO = { title: 'Gavel API', version: '0.1.0', basePath: '/api/v1' };
const doc = buildOpenApiDocument(sampleRoutes(), INFO);
const op = (path: string, method: 'get' | 'post' | 'patch' | 'delete'): OpenApiOperation => {
  const found = doc.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
};
const params = (o: OpenApiOperation) => (o.parameters ?? []) as OpenApiParameter[];
const codesAt = (o: OpenApiOperation, status: number) => o.responses[String(status)]?.['x-error-codes'];

/** Every `$ref` in `value`, anywhere. */
const refsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
};
const resolves = (d: OpenApiDocument, ref: string): boolean =>
  ref.startsWith('#/') && ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], d) !== undefined;

describe('buildOpenApiDocument', () => {
  it('is a valid OpenAPI 3.1 document', () => {
    const [result] = validateOpenApi(doc);
    expect(result!.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true, version: '3.1' });
    expect(doc.openapi).toBe('3.1.1');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
  });

  it('the validator refuses a broken document (the check above can fail)', () => {
    const broken = structuredClone(doc) as unknown as { paths: Record<string, Record<string, { responses: unknown }>> };
    broken.paths['/auth/login']!.post!.responses = { 200: { content: {} } };
    const results = validateOpenApi(broken, { ...doc, paths: { 'no-slash': {} } });
    expect(results.map((r) => r.valid)).toEqual([false, false]);
  });

  it('every $ref resolves inside the document', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((r) => !resolves(doc, r))).toEqual([]);
  });

  it('converts router paths, with one operation per route, tags and ids', () => {
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/admin/users/{id}', '/auction-status', '/auctions', '/auctions/{id}', '/auth/login', '/bids/place', '/categories', '/watchlist', '/watchlist/{auctionId}'],
    );
    const ops = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(ops.map((o) => o.operationId).sort()).toEqual(sampleRoutes().map((r) => r.operationId).sort());
    expect(doc.tags).toEqual([{ name: 'auth' }, { name: 'auctions' }, { name: 'bids' }, { name: 'admin' }, { name: 'watchlist' }, { name: 'categories' }]);
    expect(op('/auth/login', 'post')).toMatchObject({ tags: ['auth'], summary: 'Log in', description: 'Seed 003: email or username' });
  });

  it('path parameters come from the params codec, required', () => {
    expect(params(op('/auctions/{id}', 'get'))).toEqual([{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }]);
    expect(params(op('/watchlist/{auctionId}', 'delete'))[0]).toMatchObject({ name: 'auctionId', in: 'path', required: true });
  });

  it('query parameters come from the query codec: optional, integers for numbers, lists comma-separated', () => {
    const list = params(op('/auctions', 'get'));
    expect(list.map((p) => p.name)).toEqual(['status', 'type', 'categoryId', 'sellerId', 'q', 'minPrice', 'maxPrice', 'sort', 'page', 'limit']);
    expect(list.every((p) => p.in === 'query' && p.required === false)).toBe(true);
    const byName = Object.fromEntries(list.map((p) => [p.name, p]));
    expect(byName.page!.schema).toEqual({ type: 'integer', minimum: 1 });
    expect(byName.limit!.schema).toEqual({ type: 'integer', minimum: 1, maximum: 100 });
    expect(byName.minPrice!.schema).toEqual({ type: 'integer', minimum: 0 });
    expect(byName.status!.schema).toEqual({ $ref: '#/components/schemas/AuctionStatus' });
    expect(params(op('/auction-status', 'get'))).toEqual([{
      name: 'ids', in: 'query', required: true, style: 'form', explode: false,
      schema: { type: 'array', items: { type: 'string', format: 'uuid' }, minItems: 1, maxItems: 50, uniqueItems: true },
    }]);
  });

  it('request bodies from the body codec; required unless the codec accepts {}', () => {
    expect(op('/bids/place', 'post').requestBody).toEqual({
      required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PlaceBidRequest' } } },
    });
    expect(op('/auctions/{id}', 'patch').requestBody?.required).toBe(false);
    expect(doc.components.schemas.PlaceBidRequest).toMatchObject({ required: ['auction_id', 'bid_amount'], additionalProperties: false });
  });

  it('the success answer is the envelope around the response codec', () => {
    const placed = op('/bids/place', 'post').responses;
    expect(placed['201']!.content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/SuccessEnvelope_PlaceBidResponseData' } } });
    expect(placed['200']).toBeUndefined();
    expect(doc.components.schemas.SuccessEnvelope_PlaceBidResponseData).toEqual({
      type: 'object',
      properties: {
        success: { type: 'boolean', const: true },
        data: { $ref: '#/components/schemas/PlaceBidResponseData' },
        timestamp: expect.objectContaining({ type: 'string', format: 'date-time' }),
        message: { type: 'string' },
      },
      required: ['success', 'data', 'timestamp'],
      additionalProperties: false,
    });
    expect(op('/auctions', 'get').responses['200']!.content!['application/json']!.schema).toEqual({ $ref: '#/components/schemas/SuccessEnvelope_Paginated_AuctionView' });
    expect(Object.keys(op('/watchlist', 'post').responses).filter((s) => s < '400')).toEqual(['200', '201']);
  });

  it('error statuses: the route\'s codes and those its shape implies, grouped by the status table', () => {
    const bid = op('/bids/place', 'post');
    expect(Object.keys(bid.responses)).toEqual(['201', '400', '401', '403', '404', '409', '413', '429', '500']);
    expect(codesAt(bid, 400)).toEqual(['VALIDATION_ERROR', 'AUCTION_NOT_LIVE', 'BID_TOO_LOW', 'CANNOT_BID_OWN_AUCTION']);
    expect(codesAt(bid, 401)).toEqual(['MISSING_TOKEN', 'INVALID_TOKEN']);
    expect(codesAt(bid, 409)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(codesAt(bid, 413)).toEqual(['PAYLOAD_TOO_LARGE']);
    expect(codesAt(bid, 429)).toEqual(['RATE_LIMIT_EXCEEDED']);
    expect(bid.responses['429']!.headers?.['Retry-After']).toBeDefined();
    expect(bid.responses['401']!.description).toBe('Unauthorized: MISSING_TOKEN, INVALID_TOKEN');

    const login = op('/auth/login', 'post');
    expect(Object.keys(login.responses)).toEqual(['200', '400', '401', '403', '413', '429', '500']);
    expect(codesAt(login, 401)).toEqual(['INVALID_CREDENTIALS']);

    const list = op('/auctions', 'get');
    expect(codesAt(list, 401)).toEqual(['INVALID_TOKEN']);
    expect(list.responses['413']).toBeUndefined();
    expect(codesAt(op('/admin/users/{id}', 'patch'), 403)).toEqual(['ACCOUNT_INACTIVE', 'FORBIDDEN']);
    expect(Object.keys(op('/categories', 'get').responses)).toEqual(['200', '500']);

    for (const o of Object.values(doc.paths).flatMap((item) => Object.values(item))) {
      for (const [status, response] of Object.entries(o.responses)) {
        for (const code of response['x-error-codes'] ?? []) expect(STATUS_OF_CODE[code]).toBe(Number(status));
      }
    }
  });

  it('error bodies are the ErrorEnvelope, code from the full ErrorCode union, narrowed per status', () => {
    expect(doc.components.schemas.ErrorCode).toEqual({ type: 'string', enum: [...ERROR_CODE_LIST] });
    expect(doc.components.schemas.ErrorEnvelope!.properties!.code).toEqual({ $ref: '#/components/schemas/ErrorCode' });
    const schema = op('/bids/place', 'post').responses['401']!.content!['application/json']!.schema;
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile({ ...schema, components: doc.components });
    const body = { success: false, error: 'No token', code: 'MISSING_TOKEN', message: 'No token', timestamp: '2026-01-01T12:00:00.000Z' };
    expect(validate(body)).toBe(true);
    expect(validate({ ...body, code: 'BID_TOO_LOW' })).toBe(false);
    expect(validate({ ...body, code: 'NOT_A_CODE' })).toBe(false);
    expect(validate({ ...body, details: { bid_amount: 'must be a positive integer amount in minor units' } })).toBe(true);
  });

  it('idempotent routes take an Idempotency-Key header and say when they replay', () => {
    const bid = op('/bids/place', 'post');
    expect(bid.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({ name: 'Idempotency-Key', in: 'header', required: false });
    expect(bid.responses['201']!.headers?.['Idempotent-Replayed']).toBeDefined();
    expect(op('/auctions/{id}', 'patch').parameters).not.toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
  });

  it('security follows the auth mode', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(op('/auth/login', 'post').security).toBeUndefined();
    expect(op('/auctions', 'get').security).toEqual([{}, { bearerAuth: [] }]);
    expect(op('/bids/place', 'post').security).toEqual([{ bearerAuth: [] }]);
    expect(op('/admin/users/{id}', 'patch').security).toEqual([{ bearerAuth: [] }]);
  });
});

describe('buildOpenApiDocument refuses what it cannot describe truthfully', () => {
  const base: AnyRoute = {
    operationId: 'x', method: 'get', path: '/x', tag: 't', auth: 'none', summary: 's', response: t.null, status: 200, errors: [], handle: unused,
  };
  const build = (...routes: AnyRoute[]) => () => buildOpenApiDocument(routes, INFO);

  it('duplicate operation ids and duplicate method + path', () => {
    expect(build(base, { ...base, path: '/y' })).toThrow(/operationId "x"/);
    expect(build(base, { ...base, operationId: 'y' })).toThrow(/two routes answer GET \/x/);
  });

  it('a path parameter without a codec, a codec field not in the path, router syntax it cannot express', () => {
    expect(build({ ...base, path: '/x/:id' })).toThrow(/path parameter "id" has no codec/);
    expect(build({ ...base, path: '/x', params: IdParam })).toThrow(/the params codec has "id"/);
    expect(build({ ...base, path: '/x{/:id}', params: IdParam })).toThrow(/cannot express/);
    expect(openApiPathOf('/a/:id/b/:auctionId')).toEqual({ path: '/a/{id}/b/{auctionId}', names: ['id', 'auctionId'] });
  });

  it('an unknown codec, by name', () => {
    const odd = new t.Type<string, string, unknown>('Odd', t.string.is, t.string.validate, String);
    expect(build({ ...base, response: odd })).toThrow(/"Odd"/);
  });
});
