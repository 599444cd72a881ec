import type { UserId } from '../shared/ids';
import type { Instant } from '../shared/time';

/**
 * A refresh token as stored: only its digest. Tokens issued by rotation from one login share a
 * family, so a reused (already rotated) token can revoke every token of that login (SPEC).
 */
export interface RefreshTokenRecord {
  readonly id: string;
  readonly userId: UserId;
  readonly familyId: string;
  readonly tokenHash: string;
  readonly expiresAt: Instant;
  readonly revokedAt: Instant | null;
  readonly replacedBy: string | null;
  readonly createdAt: Instant;
}

export interface RefreshTokenRepository {
  insert(record: RefreshTokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<RefreshTokenRecord | null>;
  /**
   * Marks one token used or revoked; `replacedBy` names its successor after a rotation. True
   * when this call revoked it, false when it already was: of two rotations racing with one
   * token, only one wins (the database's row lock decides).
   */
  revoke(id: string, at: Instant, replacedBy: string | null): Promise<boolean>;
  revokeFamily(familyId: string, at: Instant): Promise<void>;
  revokeAllForUser(userId: UserId, at: Instant): Promise<void>;
}
