import type { Role } from '../auction/viewer';
import type { UserStatus } from '../ports/user.repository.port';
import type { UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import { toIso } from '../shared/time';
import type { MarketplaceDeps } from './marketplace-deps';

/** `GET /users/:id`: what anyone may know of a user. Never the e-mail. */
export interface PublicProfile {
  readonly id: UserId;
  readonly username: string;
  readonly name: string | null;
  readonly role: Role;
  readonly status: UserStatus;
  readonly createdAt: string;
}

export class GetPublicProfile {
  constructor(private readonly deps: MarketplaceDeps) {}

  execute(input: { readonly userId: UserId }): Promise<Result<PublicProfile>> {
    return this.deps.uow.run(async (tx) => {
      const [account, user] = await Promise.all([tx.accounts.get(input.userId), tx.users.get(input.userId)]);
      if (!account || !user) return fail('NOT_FOUND', 'User not found');
      return ok({
        id: user.id, username: account.username, name: account.name, role: user.role, status: user.status,
        createdAt: toIso(account.createdAt),
      });
    });
  }
}
