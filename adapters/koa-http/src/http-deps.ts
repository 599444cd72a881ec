import type { AccessTokens, Admin, Auth, Clock, Gavel, IdempotencyStore, Marketplace } from '@gavel/core';
import type { Logger } from 'pino';
import type { SseSources } from './sse/sse-options';

/** One dependency's readiness: `true` when it answered, else why not. */
export type ReadinessCheck = () => Promise<true | string>;

/** What the HTTP adapter is given by its composition root (an app): core use cases and ports. */
export interface HttpDeps {
  readonly gavel: Gavel;
  readonly auth: Auth;
  readonly marketplace: Marketplace;
  readonly admin: Admin;
  /** Verifies bearer tokens (the same port `auth` issues them with). */
  readonly accessTokens: AccessTokens;
  readonly idempotency: IdempotencyStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Checked by `GET /ready`, by name (`database`, ...). */
  readonly readiness: Readonly<Record<string, ReadinessCheck>>;
  /**
   * Live events and the outbox for `GET /sse/auctions/:id` (served only when given); they also
   * wake the notification stream's reader after a bid or an end.
   */
  readonly sse?: SseSources;
}
