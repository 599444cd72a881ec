import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { HttpDeps } from '../src/http-deps';
import { buildOpenApiDocument, openApiPathOf } from '../src/openapi/openapi-document';
import type { OpenApiDocument } from '../src/openapi/openapi.types';
import { apiRoutes } from '../src/routes';

// Routes only read their deps when handling; building the table needs none of them.
const routes = apiRoutes({} as HttpDeps);
const doc = buildOpenApiDocument(routes, { title: 'Gavel API', version: '0.1.0', basePath: '/api/v1' });

/** The ESM-only validator in its own Node process (jest runs CommonJS). */
const validateOpenApi = (d: OpenApiDocument): { valid: boolean; version?: string; errors?: unknown } => {
  const script = `
    import { Validator } from '@seriousme/openapi-schema-validator';
    let input = '';
    process.stdin.on('data', (c) => { input += c; });
    process.stdin.on('end', async () => {
      const validator = new Validator();
      const result = await validator.validate(JSON.parse(input));
      process.stdout.write(JSON.stringify({ valid: result.valid, version: validator.version, errors: result.errors }));
    });`;
  const cwd = join(__dirname, '../../..');
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd, input: JSON.stringify(d), encoding: 'utf8' }));
};

const refsIn = (value: unknown): string[] => {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => (k === '$ref' && typeof v === 'string' ? [v] : refsIn(v)));
};

describe('the OpenAPI document of the real route list', () => {
  it('is valid OpenAPI 3.1', () => {
    const result = validateOpenApi(doc);
    expect(result.errors).toBeUndefined();
    expect(result).toMatchObject({ valid: true, version: '3.1' });
  });

  it('has one operation per route, at its path and method, with its id', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, o]) => `${method} ${path} ${o.operationId}`));
    expect(operations.sort()).toEqual(routes.map((r) => `${r.method} ${openApiPathOf(r.path).path} ${r.operationId}`).sort());
    expect(routes.length).toBeGreaterThanOrEqual(26);
  });

  it('lists every error code each route declares, under some status', () => {
    for (const r of routes) {
      const o = doc.paths[openApiPathOf(r.path).path]![r.method]!;
      const listed = Object.values(o.responses).flatMap((res) => res['x-error-codes'] ?? []);
      expect({ route: r.operationId, missing: r.errors.filter((c) => !listed.includes(c)) }).toEqual({ route: r.operationId, missing: [] });
    }
  });

  it('every $ref resolves', () => {
    const at = (ref: string) => ref.slice(2).split('/').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], doc);
    expect(refsIn(doc).filter((ref) => at(ref) === undefined)).toEqual([]);
  });

  it('the seed-003 contracts are there: login, refresh, place bid', () => {
    expect(doc.paths['/auth/login']?.post?.requestBody?.content['application/json']?.schema).toEqual({ $ref: '#/components/schemas/LoginRequest' });
    expect(doc.paths['/auth/refresh']?.post?.responses['200']).toBeDefined();
    expect(doc.paths['/bids/place']?.post?.responses['201']?.content?.['application/json']?.schema)
      .toEqual({ $ref: '#/components/schemas/SuccessEnvelope_PlaceBidResponseData' });
  });
});
