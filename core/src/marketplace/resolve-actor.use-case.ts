import type { Actor } from '../use-cases/support';
import type { UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { MarketplaceDeps } from './marketplace-deps';

/**
 * The bearer check after the token's signature: its user must still exist and be active. The
 * role is read from storage, not from the token, so a demoted admin loses its rights at once
 * rather than when its token expires.
 */
export class ResolveActor {
  constructor(private readonly deps: MarketplaceDeps) {}

  execute(input: { readonly userId: UserId }): Promise<Result<Actor>> {
    return this.deps.uow.run(async (tx) => {
      const user = await tx.users.get(input.userId);
      if (!user) return fail('INVALID_TOKEN', 'This account no longer exists');
      if (user.status !== 'ACTIVE') return fail('ACCOUNT_INACTIVE', 'This account is not active');
      return ok({ userId: user.id, role: user.role });
    });
  }
}
