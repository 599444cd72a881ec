/** Opaque random secrets (refresh tokens) and the digest under which they are stored. */
export interface SecretTokens {
  /** A new unguessable token (≥ 256 bits). */
  generate(): string;
  /** A deterministic digest (SHA-256 hex), so a stolen table does not yield usable tokens. */
  digest(token: string): string;
}
