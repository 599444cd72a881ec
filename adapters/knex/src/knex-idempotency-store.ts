import type { IdempotencyClaim, IdempotencyStore, Instant, UserId } from '@gavel/core';
import type { Knex } from 'knex';
import type { Dialect } from './dialect';

/** A primary-key or unique violation, by each driver's code. */
const isDuplicate = (err: unknown): boolean => {
  const e = err as { code?: string; errno?: number } | null;
  return e?.code === '23505' || e?.errno === 1062 || e?.code === 'ER_DUP_ENTRY' || /^SQLITE_CONSTRAINT_(PRIMARYKEY|UNIQUE)$/.test(e?.code ?? '');
};

/**
 * Idempotency keys in `idempotency_keys`, primary key (user_id, key). A claim is a plain insert
 * on its own (autocommit): the primary key decides which of concurrent claims wins, and the
 * losers read the winner's row.
 */
export class KnexIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
  ) {}

  async claim(userId: UserId, key: string, requestHash: string, now: Instant, ttlMs: number): Promise<IdempotencyClaim> {
    const where = { user_id: userId, key };
    // An expired record no longer counts: clear it so the insert below can claim the key.
    await this.knex('idempotency_keys').where(where).andWhere('expires_at', '<=', this.dialect.instant(now) as Knex.Value).delete();
    try {
      await this.knex('idempotency_keys').insert({
        ...where, request_hash: requestHash, status_code: null, response_body: null,
        created_at: this.dialect.instant(now), expires_at: this.dialect.instant(now + ttlMs),
      });
      return { kind: 'claimed' };
    } catch (err) {
      if (!isDuplicate(err)) throw err;
    }
    const row = await this.knex('idempotency_keys').where(where).first();
    if (!row) return this.claim(userId, key, requestHash, now, ttlMs); // released meanwhile
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status_code === null || row.status_code === undefined) return { kind: 'in_progress' };
    return { kind: 'replay', statusCode: Number(row.status_code), body: this.dialect.readJson(row.response_body) };
  }

  async complete(userId: UserId, key: string, statusCode: number, body: unknown): Promise<void> {
    await this.knex('idempotency_keys').where({ user_id: userId, key }).update({ status_code: statusCode, response_body: this.dialect.json(body) });
  }

  async release(userId: UserId, key: string): Promise<void> {
    await this.knex('idempotency_keys').where({ user_id: userId, key }).whereNull('status_code').delete();
  }
}
