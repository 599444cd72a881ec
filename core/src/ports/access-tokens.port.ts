import type { Instant } from '../shared/time';
import type { Role } from '../auction/viewer';
import type { UserId } from '../shared/ids';

export interface AccessClaims {
  readonly userId: UserId;
  readonly role: Role;
}

/** Short-lived bearer tokens (JWT in `adapters/auth`). Verifying is the edge's job. */
export interface AccessTokens {
  issue(claims: AccessClaims): { readonly token: string; readonly expiresIn: number };
  /**
   * The claims of a valid token and when it expires (epoch ms: long-lived connections opened
   * with it end then), or the reason it is not one.
   */
  verify(token: string): { ok: true; claims: AccessClaims; expiresAt: Instant } | { ok: false; code: 'INVALID_TOKEN' };
}
