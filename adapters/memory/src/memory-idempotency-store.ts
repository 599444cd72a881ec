import type { IdempotencyClaim, IdempotencyStore, Instant, UserId } from '@gavel/core';

interface Entry {
  readonly requestHash: string;
  readonly expiresAt: Instant;
  reply: { statusCode: number; body: unknown } | null;
}

/** Idempotency keys in a map; claims are atomic because they never await. */
export class MemoryIdempotencyStore implements IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  async claim(userId: UserId, key: string, requestHash: string, now: Instant, ttlMs: number): Promise<IdempotencyClaim> {
    const id = `${userId}|${key}`;
    const entry = this.entries.get(id);
    if (!entry || entry.expiresAt <= now) {
      this.entries.set(id, { requestHash, expiresAt: now + ttlMs, reply: null });
      return { kind: 'claimed' };
    }
    if (entry.requestHash !== requestHash) return { kind: 'mismatch' };
    return entry.reply ? { kind: 'replay', ...entry.reply } : { kind: 'in_progress' };
  }

  async complete(userId: UserId, key: string, statusCode: number, body: unknown): Promise<void> {
    const entry = this.entries.get(`${userId}|${key}`);
    if (entry) entry.reply = { statusCode, body: structuredClone(body) };
  }

  async release(userId: UserId, key: string): Promise<void> {
    const id = `${userId}|${key}`;
    if (this.entries.get(id)?.reply === null) this.entries.delete(id);
  }
}
