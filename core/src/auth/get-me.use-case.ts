import type { UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import { type AccountView, type AuthDeps, viewAccount } from './auth-deps';

/** The caller's own account; a deleted or inactive user's token no longer opens it. */
export class GetMe {
  constructor(private readonly deps: AuthDeps) {}

  execute(input: { readonly userId: UserId }): Promise<Result<AccountView>> {
    return this.deps.uow.run(async (tx) => {
      const [account, user] = await Promise.all([tx.accounts.get(input.userId), tx.users.get(input.userId)]);
      if (!account || !user || user.status !== 'ACTIVE') return fail('INVALID_TOKEN', 'This account no longer exists or is inactive');
      return ok(viewAccount(account, user));
    });
  }
}
