import { createHash, randomBytes } from 'node:crypto';
import type { SecretTokens } from '@gavel/core';

const TOKEN_BYTES = 32; // 256 bits, as the port asks

/** Refresh tokens: 256 random bits, base64url; stored only as their SHA-256 (hex). */
export class CryptoSecretTokens implements SecretTokens {
  generate(): string {
    return randomBytes(TOKEN_BYTES).toString('base64url');
  }

  /** No salt or stretching needed: the input is 256 random bits, not a guessable password. */
  digest(token: string): string {
    return createHash('sha256').update(token, 'utf8').digest('hex');
  }
}
