import * as t from 'io-ts';
import { ErrorCode, IntFromString, PositiveAmount, Uuid } from '@gavel/contracts';
import { fail, ok } from '@gavel/core';
import { route, type AnyRoute } from '@gavel/koa-http';

/** Counts and gates handler runs so tests can see how often a route really ran. */
export class Probe {
  calls = 0;
  /** While set, `/things` waits for it before answering (a slow first request). */
  gate: Promise<void> | null = null;
}

const Thing = t.type({ name: t.string, amount: PositiveAmount });
const Anything = t.unknown;

/** Small routes that exercise each step of the pipeline without the real API's use cases. */
export const testRoutes = (probe: Probe): AnyRoute[] => [
  route({
    operationId: 'echo', method: 'get', path: '/echo/:id', tag: 't', summary: 'echo', auth: 'none',
    params: t.type({ id: Uuid }), query: t.partial({ page: IntFromString }), response: Anything, status: 200, errors: [],
    handle: async ({ params, query, request }) => ok({ id: params.id, page: query.page ?? null, requestId: request.requestId, ip: request.ip }),
  }),
  route({
    operationId: 'createThing', method: 'post', path: '/things', tag: 't', summary: 'create', auth: 'required', idempotent: true,
    body: Thing, response: Anything, status: 201, created: (v) => !(v as { existed: boolean }).existed, errors: ['BID_TOO_LOW'],
    handle: async ({ body, actor }) => {
      probe.calls += 1;
      const n = probe.calls;
      if (probe.gate) await probe.gate;
      if (body.name === 'boom') throw new Error('secret connection string postgres://admin:hunter2@db');
      if (body.name === 'low') return fail('BID_TOO_LOW', 'Bid amount is too low');
      if (body.name === 'internal') return fail('INTERNAL_ERROR', 'Storage unavailable');
      return ok({ run: n, name: body.name, amount: body.amount, by: actor!.userId, existed: body.name === 'existing' });
    },
  }),
  route({
    operationId: 'whoami', method: 'get', path: '/whoami', tag: 't', summary: 'who', auth: 'required', response: Anything, status: 200, errors: [],
    handle: async ({ actor, viewer }) => ok({ actor, viewer }),
  }),
  route({
    operationId: 'maybe', method: 'get', path: '/maybe', tag: 't', summary: 'maybe', auth: 'optional', response: Anything, status: 200, errors: [],
    handle: async ({ actor, viewer }) => ok({ actor, viewer }),
  }),
  route({
    operationId: 'admin', method: 'delete', path: '/admin/things/:id', tag: 't', summary: 'admin', auth: 'admin', response: Anything, status: 200, errors: [],
    params: t.type({ id: t.string }), handle: async ({ params }) => ok({ deleted: params.id }),
  }),
  route({
    operationId: 'failWith', method: 'get', path: '/fail/:code', tag: 't', summary: 'fail', auth: 'none', response: Anything, status: 200, errors: [],
    params: t.type({ code: ErrorCode }), handle: async ({ params }) => fail(params.code, `failed with ${params.code}`),
  }),
  route({
    operationId: 'crash', method: 'get', path: '/crash', tag: 't', summary: 'crash', auth: 'none', response: Anything, status: 200, errors: [],
    handle: async () => {
      throw new Error('secret connection string postgres://admin:hunter2@db');
    },
  }),
  route({
    operationId: 'login', method: 'post', path: '/login', tag: 't', summary: 'login', auth: 'none', rateLimit: 'login',
    body: t.intersection([t.type({ password: t.string }), t.partial({ email: t.string, username: t.string })]),
    response: Anything, status: 200, errors: ['INVALID_CREDENTIALS'],
    handle: async ({ body }) => (body.password === 'right' ? ok({ ok: true }) : fail('INVALID_CREDENTIALS', 'Invalid credentials')),
  }),
  route({
    operationId: 'bid', method: 'post', path: '/bid', tag: 't', summary: 'bid', auth: 'required', rateLimit: 'bid', idempotent: true,
    body: t.type({ amount: PositiveAmount }), response: Anything, status: 201, errors: [],
    handle: async ({ body }) => {
      probe.calls += 1;
      return ok({ amount: body.amount, run: probe.calls });
    },
  }),
  route({
    operationId: 'slow', method: 'get', path: '/slow', tag: 't', summary: 'slow', auth: 'none', response: Anything, status: 200, errors: [],
    handle: async () => {
      await new Promise((r) => setTimeout(r, 60));
      return ok('done');
    },
  }),
];
