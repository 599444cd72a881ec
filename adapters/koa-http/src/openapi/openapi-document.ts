import { decode, ErrorEnvelope, SuccessEnvelope } from '@gavel/contracts';
import { IDEMPOTENCY_KEY_HEADER, REPLAYED_HEADER } from '../pipeline/idempotency';
import type { AnyRoute } from '../route';
import { JsonSchemaConverter } from './io-ts-json-schema';
import type { JsonSchema } from './json-schema.types';
import { errorCodesOf, errorResponsesOf } from './openapi-errors';
import type {
  OpenApiDocument, OpenApiOperation, OpenApiParameter, OpenApiRef, OpenApiResponse, OpenApiSecurityRequirement,
} from './openapi.types';

export interface OpenApiInfo {
  readonly title: string;
  readonly version: string;
  /** `/api/v1`: the server URL the paths are relative to. */
  readonly basePath: string;
  readonly description?: string;
}

const DEFAULT_DESCRIPTION = [
  'Every answer is an envelope: `{ success: true, data, message?, timestamp }` or',
  '`{ success: false, error, code, message, details?, timestamp }`, `code` from one list of error codes.',
  'Amounts are integers in minor units of the auction\'s currency; times are ISO 8601 UTC.',
].join(' ');

const BEARER = 'bearerAuth';
const IDEMPOTENCY_PARAMETER = 'IdempotencyKey';

/** `/auctions/:id` → `/auctions/{id}`; the router's other syntax (optional parts, wildcards) is refused. */
export const openApiPathOf = (path: string): { path: string; names: string[] } => {
  if (/[{}*()?+]/.test(path)) throw new Error(`the OpenAPI document cannot express the route path "${path}"`);
  const names: string[] = [];
  const converted = path.replace(/:([A-Za-z_$][\w$]*)/g, (_m, name: string) => {
    names.push(name);
    return `{${name}}`;
  });
  if (converted.includes(':')) throw new Error(`the OpenAPI document cannot express the route path "${path}"`);
  return { path: converted, names };
};

const securityOf = (route: AnyRoute): OpenApiSecurityRequirement[] | undefined => {
  if (route.auth === 'none') return undefined;
  // `{}` first: the call is allowed without credentials, and a token is used when sent.
  return route.auth === 'optional' ? [{}, { [BEARER]: [] }] : [{ [BEARER]: [] }];
};

const parametersOf = (route: AnyRoute, converter: JsonSchemaConverter, names: readonly string[]): (OpenApiParameter | OpenApiRef)[] => {
  const where = `route ${route.operationId} (${route.path})`;
  const out: (OpenApiParameter | OpenApiRef)[] = [];
  const pathParts = route.params ? converter.objectParts(route.params) : null;
  if (route.params && !pathParts) throw new Error(`${where}: its params codec is not an object codec`);
  for (const name of Object.keys(pathParts?.properties ?? {})) {
    if (!names.includes(name)) throw new Error(`${where}: the params codec has "${name}", the path does not`);
  }
  for (const name of names) {
    const schema = pathParts?.properties[name];
    // SPEC: every path parameter is decoded by a codec; one without would reach the handler raw.
    if (!schema) throw new Error(`${where}: the path parameter "${name}" has no codec`);
    out.push({ name, in: 'path', required: true, schema });
  }
  if (route.query) {
    const parts = converter.objectParts(route.query);
    if (!parts) throw new Error(`${where}: its query codec is not an object codec`);
    for (const [name, schema] of Object.entries(parts.properties)) {
      const p: OpenApiParameter = { name, in: 'query', required: parts.required.includes(name), schema };
      // A list in a query string is one comma-separated value (`?ids=a,b`), not repeated keys.
      if (schema.type === 'array') Object.assign(p, { style: 'form', explode: false });
      out.push(p);
    }
  }
  if (route.idempotent) out.push({ $ref: `#/components/parameters/${IDEMPOTENCY_PARAMETER}` });
  return out;
};

const successResponsesOf = (route: AnyRoute, converter: JsonSchemaConverter): Record<string, OpenApiResponse> => {
  const content = { 'application/json': { schema: converter.schemaOf(SuccessEnvelope(route.response)) } };
  const headers = route.idempotent
    ? { [REPLAYED_HEADER]: { description: 'Present (`true`) when this is the stored answer to an earlier request with the same key', schema: { type: 'string', const: 'true' } as JsonSchema } }
    : undefined;
  const response = (description: string): OpenApiResponse => ({ description, content, ...(headers ? { headers } : {}) });
  if (route.status === 200) return { 200: response('OK') };
  return route.created
    ? { 200: response('OK: it already existed, nothing was created'), 201: response('Created') }
    : { 201: response('Created') };
};

const operationOf = (route: AnyRoute, converter: JsonSchemaConverter, errorEnvelope: JsonSchema, names: readonly string[]): OpenApiOperation => {
  const op: OpenApiOperation = { operationId: route.operationId, tags: [route.tag], summary: route.summary, responses: {} };
  if (route.description) op.description = route.description;
  const parameters = parametersOf(route, converter, names);
  if (parameters.length > 0) op.parameters = parameters;
  if (route.body) {
    // The pipeline decodes an absent body as `{}`: a body codec that accepts `{}` needs none.
    op.requestBody = {
      required: !decode(route.body, {}).ok,
      content: { 'application/json': { schema: converter.schemaOf(route.body) } },
    };
  }
  op.responses = { ...successResponsesOf(route, converter), ...errorResponsesOf(errorCodesOf(route), errorEnvelope) };
  const security = securityOf(route);
  if (security) op.security = security;
  return op;
};

/**
 * The OpenAPI 3.1 document of a route list: paths, parameters, bodies and responses all from
 * the routes' io-ts codecs and the contracts' envelopes, error statuses from the adapter's status
 * table. The router is built from the same list, so the two describe one API. Throws on a route
 * it cannot describe truthfully (a duplicate, an undecoded path parameter, an unknown codec).
 */
export const buildOpenApiDocument = (routes: readonly AnyRoute[], info: OpenApiInfo): OpenApiDocument => {
  const converter = new JsonSchemaConverter();
  const errorEnvelope = converter.schemaOf(ErrorEnvelope);
  const paths: OpenApiDocument['paths'] = {};
  const operationIds = new Set<string>();
  const tags: string[] = [];
  for (const route of routes) {
    if (operationIds.has(route.operationId)) throw new Error(`two routes have the operationId "${route.operationId}"`);
    operationIds.add(route.operationId);
    const { path, names } = openApiPathOf(route.path);
    const item = (paths[path] ??= {});
    if (item[route.method]) throw new Error(`two routes answer ${route.method.toUpperCase()} ${route.path}`);
    item[route.method] = operationOf(route, converter, errorEnvelope, names);
    if (!tags.includes(route.tag)) tags.push(route.tag);
  }
  return {
    openapi: '3.1.1',
    info: { title: info.title, version: info.version, description: info.description ?? DEFAULT_DESCRIPTION },
    servers: [{ url: info.basePath }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas: converter.components(),
      parameters: {
        [IDEMPOTENCY_PARAMETER]: {
          name: IDEMPOTENCY_KEY_HEADER,
          in: 'header',
          required: false,
          description: 'Makes a retry safe: the same key and body, while the key is kept (24 h by default), gets the first answer again; another body gets 409 IDEMPOTENCY_KEY_REUSED. Keys are per user.',
          schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7e]+$' },
        },
      },
      securitySchemes: {
        [BEARER]: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'An access token from POST /auth/login, /auth/register or /auth/refresh' },
      },
    },
  };
};
