import type { Actor, ErrorCode, Result, Viewer } from '@gavel/core';
import type * as t from 'io-ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * `none`: no token read. `optional`: a valid token identifies the caller, no token is anonymous,
 * a bad token is 401. `required`: 401 without a valid token. `admin`: also 403 for non-admins.
 */
export type AuthMode = 'none' | 'optional' | 'required' | 'admin';

/** Named rate limits (configured in `HttpOptions.rateLimits`). */
export type RateLimitName = 'login' | 'register' | 'refresh' | 'bid';

/** What the edge knows about the request beyond its decoded parts. */
export interface RequestInfo {
  readonly requestId: string;
  readonly ip: string;
  readonly userAgent: string | null;
  /** `X-Device-Id`, when the client sends one (fraud signals). */
  readonly deviceId: string | null;
}

export interface RouteInput<P, Q, B> {
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  /** Always set for `required` and `admin` routes; set for `optional` ones when a token came. */
  readonly actor: Actor | null;
  readonly viewer: Viewer;
  readonly request: RequestInfo;
}

/**
 * What a handler may return for a response codec's type: the same shape without io-ts brands
 * (core's ids and times are plain strings) and with read-only arrays (core's are).
 */
export type Plain<T> = T extends t.Brand<unknown>
  ? T extends string ? string : T extends number ? number : T
  : T extends readonly (infer E)[]
    ? readonly Plain<E>[]
    : T extends object
      ? { readonly [K in keyof T]: Plain<T[K]> }
      : T;

// io-ts codecs of any output type; inputs are decoded from `unknown`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Codec<A> = t.Type<A, any, unknown>;

/**
 * One row of the API: how to decode it, who may call it, what it answers. The router and the
 * OpenAPI document are both generated from the same list of these, so they cannot disagree.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown, R = unknown> {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Under the base path, in @koa/router 15 syntax: `/auctions/:id`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly auth: AuthMode;
  readonly params?: Codec<P>;
  readonly query?: Codec<Q>;
  readonly body?: Codec<B>;
  /** The codec of `data` in the success envelope; the reply is encoded with it. */
  readonly response: Codec<R>;
  /** Status of a success (201 for creations). */
  readonly status: 200 | 201;
  /** A success that created nothing (an existing watchlist entry) answers 200 instead of 201. */
  readonly created?: (value: Plain<R>) => boolean;
  /** The domain error codes this route may answer, beyond the generic ones of its auth mode. */
  readonly errors: readonly ErrorCode[];
  /** Honours `Idempotency-Key` (SPEC: POSTs that create bids or money records). */
  readonly idempotent?: boolean;
  readonly rateLimit?: RateLimitName;
  readonly handle: (input: RouteInput<P, Q, B>) => Promise<Result<Plain<R>>>;
}

// The route list is heterogeneous; each row was type-checked by `route` when it was written.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any, any>;

/** Declares a route with its input and output types inferred from its codecs. */
export const route = <P = undefined, Q = undefined, B = undefined, R = unknown>(spec: RouteSpec<P, Q, B, R>): AnyRoute => spec;
