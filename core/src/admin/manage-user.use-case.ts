import type { Role } from '../auction/viewer';
import type { UserStatus } from '../ports/user.repository.port';
import type { UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { Actor } from '../use-cases/support';
import type { AdminDeps } from './admin-deps';

export interface ManageUserInput {
  readonly actor: Actor;
  readonly userId: UserId;
  readonly status?: UserStatus;
  readonly role?: Role;
}

/**
 * An admin suspends, deactivates, reactivates, promotes or demotes a user. A user who is no
 * longer active loses its sessions too: its refresh tokens are revoked in the same transaction.
 */
export class ManageUser {
  constructor(private readonly deps: AdminDeps) {}

  execute(input: ManageUserInput): Promise<Result<{ readonly id: UserId; readonly status: UserStatus; readonly role: Role }>> {
    if (input.actor.role !== 'admin') return Promise.resolve(fail('FORBIDDEN', 'Only an admin may manage users'));
    if (input.actor.userId === input.userId && (input.status !== undefined || input.role !== undefined)) {
      // An admin locking itself out leaves nobody to undo it.
      return Promise.resolve(fail('VALIDATION_ERROR', 'An admin cannot change its own status or role', { userId: 'is yourself' }));
    }
    return this.deps.uow.run(async (tx) => {
      const user = await tx.users.get(input.userId);
      if (!user) return fail('NOT_FOUND', 'User not found');
      const next = { ...user, status: input.status ?? user.status, role: input.role ?? user.role };
      await tx.users.save(next);
      if (next.status !== 'ACTIVE') await tx.refreshTokens.revokeAllForUser(user.id, this.deps.clock.now());
      return ok({ id: next.id, status: next.status, role: next.role });
    });
  }
}
