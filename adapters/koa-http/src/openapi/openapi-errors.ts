import { STATUS_CODES } from 'node:http';
import { ERROR_CODE_LIST, type ErrorCode } from '@gavel/contracts';
import { STATUS_OF_CODE } from '../errors/status-table';
import type { AnyRoute } from '../route';
import type { JsonSchema } from './json-schema.types';
import type { OpenApiResponse } from './openapi.types';

/**
 * Every error code a route can answer: its own (`errors`) and those its shape implies, as the
 * pipeline produces them (route-pipeline.ts, authenticate.ts, decode-request.ts), in the
 * contracts' order.
 */
export const errorCodesOf = (route: AnyRoute): ErrorCode[] => {
  const codes = new Set<ErrorCode>(route.errors);
  const add = (...more: ErrorCode[]) => more.forEach((c) => codes.add(c));
  // A malformed Idempotency-Key is a VALIDATION_ERROR too.
  if (route.params || route.query || route.body || route.idempotent) add('VALIDATION_ERROR');
  // Any route that reads a token: a bad one is 401, a token of an inactive account 403.
  if (route.auth !== 'none') add('INVALID_TOKEN', 'ACCOUNT_INACTIVE');
  // An Idempotency-Key needs a user to be scoped to, even on a route that allows anonymous calls.
  if (route.auth === 'required' || route.auth === 'admin' || route.idempotent) add('MISSING_TOKEN');
  if (route.auth === 'admin') add('FORBIDDEN');
  if (route.body) add('PAYLOAD_TOO_LARGE');
  if (route.rateLimit) add('RATE_LIMIT_EXCEEDED');
  if (route.idempotent) add('IDEMPOTENCY_KEY_REUSED');
  add('INTERNAL_ERROR');
  return ERROR_CODE_LIST.filter((c) => codes.has(c));
};

/**
 * One response per status the codes map to (the adapter's one status table), its body the error
 * envelope with `code` narrowed to the codes of that status, which are also listed in the
 * description and in `x-error-codes` for tools.
 */
export const errorResponsesOf = (codes: readonly ErrorCode[], envelope: JsonSchema): Record<string, OpenApiResponse> => {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = STATUS_OF_CODE[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, OpenApiResponse> = {};
  for (const [status, list] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    const response: OpenApiResponse = {
      description: `${STATUS_CODES[status] ?? 'Error'}: ${list.join(', ')}`,
      content: {
        'application/json': {
          schema: { allOf: [envelope, { type: 'object', properties: { code: { type: 'string', enum: list } } }] },
        },
      },
      'x-error-codes': list,
    };
    if (list.includes('RATE_LIMIT_EXCEEDED')) {
      response.headers = { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } } };
    }
    responses[String(status)] = response;
  }
  return responses;
};
