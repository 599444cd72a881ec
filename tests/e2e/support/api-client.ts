import { ErrorEnvelope, type ErrorCode, SuccessEnvelope } from '@gavel/contracts';
import { isRight } from 'fp-ts/Either';
import type * as t from 'io-ts';
import { PathReporter } from 'io-ts/PathReporter';

export const BASE_PATH = '/api/v1';

export interface ApiResponse {
  readonly method: string;
  /** The path sent (dot segments resolved), under the base path when it was an API call (`/auctions/…`), with the query. */
  readonly path: string;
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body, or the raw text when it is not JSON. */
  readonly body: unknown;
}

export interface RequestOptions {
  /** A bearer access token (sent as `Authorization: Bearer <token>`). */
  readonly token?: string;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Sent as is, with `contentType` (default application/json): malformed JSON, huge bodies. */
  readonly rawBody?: string;
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Appended as `?a=1&b=2` (a string is appended as written, after `?`). */
  readonly query?: Readonly<Record<string, string | number>> | string;
}

/** An error reply as the client saw it: the coverage check reads these. */
export interface SeenError {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly code: string;
}

const describe = (res: ApiResponse): string =>
  `${res.method} ${res.path} → ${res.status} ${JSON.stringify(res.body).slice(0, 1500)}`;

/**
 * A fetch wrapper over the running app: status, headers and the parsed body, nothing thrown for
 * a non-2xx (tests assert those). Every error reply is remembered in `seen`.
 */
export class ApiClient {
  readonly seen: SeenError[] = [];

  constructor(readonly baseUrl: string) {}

  /** `path` is under the base path (`/auctions`); `absolute` skips it (`/health`). */
  async request(method: string, path: string, opts: RequestOptions = {}, absolute = false): Promise<ApiResponse> {
    const query = opts.query === undefined ? ''
      : typeof opts.query === 'string' ? `?${opts.query}`
        : `?${new URLSearchParams(Object.entries(opts.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`;
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.rawBody !== undefined) body = opts.rawBody;
    else if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['Content-Type'] ??= opts.contentType ?? 'application/json';
    const url = `${this.baseUrl}${absolute ? '' : BASE_PATH}${path}${query}`;
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    // The path as sent: the URL parser resolves `.` and `..` segments (`/watchlist/.` is `/watchlist/`).
    const sent = new URL(url).pathname;
    const under = !absolute && sent.startsWith(BASE_PATH) ? sent.slice(BASE_PATH.length) : sent;
    const reply: ApiResponse = { method: method.toUpperCase(), path: `${under}${query}`, status: res.status, headers: res.headers, body: parsed };
    const code = (parsed as { code?: unknown } | null)?.code;
    if (res.status >= 400 && typeof code === 'string') this.seen.push({ method: reply.method, path: under, status: res.status, code });
    return reply;
  }

  get = (path: string, opts?: RequestOptions) => this.request('GET', path, opts);
  post = (path: string, opts?: RequestOptions) => this.request('POST', path, opts);
  put = (path: string, opts?: RequestOptions) => this.request('PUT', path, opts);
  patch = (path: string, opts?: RequestOptions) => this.request('PATCH', path, opts);
  delete = (path: string, opts?: RequestOptions) => this.request('DELETE', path, opts);
}

/**
 * SPEC "HTTP API" status codes, written out here rather than read from the adapter's table, so
 * the tests check the adapter against SPEC: 400 validation and business rules, 401 no or bad
 * token (and bad credentials), 403 not allowed, 404, 409 conflicts and duplicates, 413, 429, 500.
 * A `Record` over the union: a new code fails compilation until it is given its SPEC status.
 */
export const SPEC_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  MISSING_TOKEN: 401,
  INVALID_TOKEN: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_INACTIVE: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  AUCTION_NOT_FOUND: 404,
  AUCTION_NOT_LIVE: 400,
  BID_TOO_LOW: 400,
  BID_TOO_HIGH: 400,
  BID_AFTER_END: 400,
  CANNOT_BID_OWN_AUCTION: 400,
  ALREADY_HIGHEST_BIDDER: 400,
  RATE_LIMIT_EXCEEDED: 429,
  EMAIL_ALREADY_EXISTS: 409,
  USERNAME_ALREADY_EXISTS: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 400,
  AUCTION_HAS_BIDS: 400,
  AUCTION_NOT_ENDED: 400,
  BUY_NOW_UNAVAILABLE: 400,
  CONCURRENT_MODIFICATION: 409,
};

const decodeOrThrow = <C extends t.Mixed>(codec: C, value: unknown, res: ApiResponse): t.TypeOf<C> => {
  const decoded = codec.decode(value);
  if (isRight(decoded)) return decoded.right as t.TypeOf<C>;
  throw new Error(`body does not match ${codec.name}:\n  ${PathReporter.report(decoded).slice(0, 8).join('\n  ')}\n${describe(res)}`);
};

/**
 * The `data` of a success reply with the expected status, decoded with the contracts' envelope
 * codec: a missing or mistyped field anywhere fails the test (shape drift).
 */
export const expectOk = <C extends t.Mixed>(res: ApiResponse, data: C, status = 200): t.TypeOf<C> => {
  if (res.status !== status) throw new Error(`expected ${status}, got ${describe(res)}`);
  return (decodeOrThrow(SuccessEnvelope(data), res.body, res) as { data: t.TypeOf<C> }).data;
};

/** An error reply: the envelope is valid, the code is `code` and the status SPEC's for it. */
export const expectError = (res: ApiResponse, code: ErrorCode, status: number = SPEC_STATUS[code]): ErrorEnvelope => {
  const envelope = decodeOrThrow(ErrorEnvelope, res.body, res) as ErrorEnvelope;
  if (envelope.code !== code || res.status !== status) {
    throw new Error(`expected ${status} ${code}, got ${describe(res)}`);
  }
  return envelope;
};

/** Any valid error envelope (the fuzz tests: a known code and SPEC's status for it, never 5xx). */
export const expectAnyError = (res: ApiResponse): ErrorEnvelope => {
  const envelope = decodeOrThrow(ErrorEnvelope, res.body, res) as ErrorEnvelope;
  if (res.status !== SPEC_STATUS[envelope.code]) throw new Error(`status ${res.status} is not SPEC's for ${envelope.code}: ${describe(res)}`);
  return envelope;
};
