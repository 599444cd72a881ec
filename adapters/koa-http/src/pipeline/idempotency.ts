import { createHash } from 'node:crypto';
import { toIso, type Clock, type IdempotencyStore, type UserId } from '@gavel/core';
import type { Logger } from 'pino';
import { errorReply, type Reply } from '../errors/envelope';
import { canonicalJson } from './canonical-json';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/** 1 to 255 printable ASCII characters (what the IETF draft and Stripe accept, roughly). */
const VALID_KEY = /^[\x20-\x7e]{1,255}$/;
export const isValidIdempotencyKey = (key: string): boolean => VALID_KEY.test(key);

/** How often a request waiting for a concurrent one with the same key asks again. */
export const IDEMPOTENCY_POLL_MS = 25;

/** What identifies "the same request": method, path and the decoded body, key order aside. */
export const requestHash = (method: string, path: string, body: unknown): string =>
  createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`).digest('hex');

export interface IdempotencyDeps {
  readonly store: IdempotencyStore;
  readonly clock: Clock;
  readonly ttlMs: number;
  readonly waitMs: number;
  readonly log: Logger;
}

export interface IdempotentOutcome {
  readonly reply: Reply;
  readonly replayed: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `execute` at most once per user and key (SPEC "Idempotency"). The first request claims
 * the key and runs; a retry with the same body gets the stored reply; another body is 409;
 * a request arriving while the first still runs waits for it (polling the store, which works
 * the same for the memory and the database store), and is 409 if it waits too long.
 * What is stored: every reply below 500 except 429, domain refusals included, so a retry gets
 * the same answer. A 5xx, a 429 (nothing was done; try later) or a throw releases the key so
 * a retry runs the request again.
 */
export const runIdempotent = async (
  deps: IdempotencyDeps,
  userId: UserId,
  key: string,
  hash: string,
  execute: () => Promise<Reply>,
): Promise<IdempotentOutcome> => {
  const deadline = Date.now() + deps.waitMs;
  for (;;) {
    const claim = await deps.store.claim(userId, key, hash, deps.clock.now(), deps.ttlMs);
    switch (claim.kind) {
      case 'claimed':
        return { reply: await executeClaimed(deps, userId, key, execute), replayed: false };
      case 'replay':
        return { reply: { status: claim.statusCode, body: claim.body }, replayed: true };
      case 'mismatch':
        return { reply: reused(deps.clock, 'This Idempotency-Key was already used with another request'), replayed: false };
      case 'in_progress':
        if (Date.now() >= deadline) {
          return { reply: reused(deps.clock, 'A request with this Idempotency-Key is still in progress; retry later'), replayed: false };
        }
        await sleep(IDEMPOTENCY_POLL_MS);
    }
  }
};

const reused = (clock: Clock, message: string): Reply =>
  errorReply({ code: 'IDEMPOTENCY_KEY_REUSED', message }, toIso(clock.now()));

const executeClaimed = async (deps: IdempotencyDeps, userId: UserId, key: string, execute: () => Promise<Reply>): Promise<Reply> => {
  let reply: Reply;
  try {
    reply = await execute();
  } catch (thrown) {
    await deps.store.release(userId, key).catch((err: unknown) => deps.log.error({ err }, 'idempotency release failed'));
    throw thrown;
  }
  if (reply.status >= 500 || reply.status === 429) {
    await deps.store.release(userId, key);
    return reply;
  }
  try {
    await deps.store.complete(userId, key, reply.status, reply.body);
  } catch (err) {
    // The request did run: releasing would let a retry run it twice (a second bid). The key
    // stays claimed, so retries get 409 "in progress" until it expires; the client has its reply.
    deps.log.error({ err, key }, 'idempotency complete failed; the key stays claimed');
  }
  return reply;
};
