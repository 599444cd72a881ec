import { compare, hash } from 'bcryptjs';
import type { PasswordHasher } from '@gavel/core';

export interface BcryptPasswordHasherOptions {
  /** log2 of the work factor; 12 unless told, never less outside tests. */
  readonly cost?: number;
  /** Lets tests use a cost down to 4 so a suite of hashes stays fast. Never set it in an app. */
  readonly allowWeakCostForTests?: boolean;
}

const DEFAULT_COST = 12;
const MIN_COST = 12;
const MIN_TEST_COST = 4;
const MAX_COST = 31;
/** bcrypt reads at most 72 bytes of the password and silently ignores the rest. */
const MAX_PASSWORD_BYTES = 72;

const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

export class BcryptPasswordHasher implements PasswordHasher {
  private readonly cost: number;

  constructor(options: BcryptPasswordHasherOptions = {}) {
    const cost = options.cost ?? DEFAULT_COST;
    const min = options.allowWeakCostForTests ? MIN_TEST_COST : MIN_COST;
    if (!Number.isInteger(cost) || cost < min || cost > MAX_COST) {
      throw new RangeError(`BcryptPasswordHasher: cost must be an integer from ${min} to ${MAX_COST}, got ${cost}`);
    }
    this.cost = cost;
  }

  /**
   * Refuses a password over 72 UTF-8 bytes rather than hash a prefix of it. The core refuses such
   * passwords with VALIDATION_ERROR before they get here; this is defence in depth.
   */
  async hash(password: string): Promise<string> {
    if (typeof password !== 'string') throw new TypeError('BcryptPasswordHasher: the password must be a string');
    if (utf8Bytes(password) > MAX_PASSWORD_BYTES) {
      throw new RangeError(`BcryptPasswordHasher: a password is at most ${MAX_PASSWORD_BYTES} UTF-8 bytes`);
    }
    return hash(password, this.cost);
  }

  /**
   * False, never an exception, for a malformed hash. A password over 72 bytes is false too: no hash
   * made here can come from one, and bcrypt would otherwise accept any password sharing its first
   * 72 bytes with the right one.
   */
  async verify(password: string, hashed: string): Promise<boolean> {
    if (typeof password !== 'string' || typeof hashed !== 'string') return false;
    if (utf8Bytes(password) > MAX_PASSWORD_BYTES) return false;
    try {
      return await compare(password, hashed);
    } catch {
      return false;
    }
  }
}
