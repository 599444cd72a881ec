import { ok, type Result } from '../shared/result';
import type { AuthDeps } from './auth-deps';

/** Ends the session the refresh token belongs to (its whole family). Unknown tokens: no-op. */
export class Logout {
  constructor(private readonly deps: AuthDeps) {}

  execute(input: { readonly refreshToken: string }): Promise<Result<{ readonly loggedOut: true }>> {
    return this.deps.uow.run(async (tx) => {
      const record = await tx.refreshTokens.findByHash(this.deps.secrets.digest(input.refreshToken));
      if (record) await tx.refreshTokens.revokeFamily(record.familyId, this.deps.clock.now());
      return ok({ loggedOut: true as const });
    });
  }
}
