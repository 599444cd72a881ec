import type { Actor } from '../use-cases/support';
import type { UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { MarketplaceDeps } from './marketplace-deps';

/**
 * The bearer check after the token's signature: its user must still exist and be active. The
 * role is read from storage, not from the token, so a demoted admin loses its rights at once
 * rather than when its token expires.
 *
 * It runs on every authenticated request and is one read, which needs no atomicity: with
 * `deps.users` (a reader outside any unit of work) that read is all it costs; without, it runs
 * in a unit of work of its own (on a database, BEGIN and COMMIT around the SELECT). Either way
 * it sees the latest commit: nothing is cached.
 */
export class ResolveActor {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: { readonly userId: UserId }): Promise<Result<Actor>> {
    const { users, uow } = this.deps;
    const user = users ? await users.get(input.userId) : await uow.run((tx) => tx.users.get(input.userId));
    if (!user) return fail('INVALID_TOKEN', 'This account no longer exists');
    if (user.status !== 'ACTIVE') return fail('ACCOUNT_INACTIVE', 'This account is not active');
    return ok({ userId: user.id, role: user.role });
  }
}
