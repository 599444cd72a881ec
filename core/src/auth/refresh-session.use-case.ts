import { fail, ok, type Result } from '../shared/result';
import { type AuthDeps, openSession, type Session } from './auth-deps';

/**
 * Rotates a refresh token (SPEC): the old one is spent, a new one in the same family replaces
 * it. A token presented again after its rotation means it was copied: its whole family is
 * revoked, the thief's and the owner's sessions alike.
 */
export class RefreshSession {
  constructor(private readonly deps: AuthDeps) {}

  execute(input: { readonly refreshToken: string }): Promise<Result<Session>> {
    const invalid = fail('INVALID_TOKEN', 'Invalid or expired refresh token');
    return this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const record = await tx.refreshTokens.findByHash(this.deps.secrets.digest(input.refreshToken));
      if (!record) return invalid;
      if (record.revokedAt !== null) {
        await tx.refreshTokens.revokeFamily(record.familyId, now);
        return invalid;
      }
      if (record.expiresAt <= now) return invalid;
      const user = await tx.users.get(record.userId);
      if (!user || user.status !== 'ACTIVE') return invalid;
      const session = await openSession(this.deps, tx, user, record.familyId);
      // Only one of two rotations racing with the same token wins; the loser counts as reuse.
      if (!(await tx.refreshTokens.revoke(record.id, now, session.refreshId))) {
        await tx.refreshTokens.revokeFamily(record.familyId, now);
        return invalid;
      }
      const { refreshId: _id, ...rest } = session;
      return ok(rest);
    });
  }
}
