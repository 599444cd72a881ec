import { type AccountView, viewAccount } from '../auth/auth-deps';
import type { ProfileChanges } from '../ports/account.repository.port';
import type { Actor } from '../use-cases/support';
import { fail, ok, type Result } from '../shared/result';
import type { MarketplaceDeps } from './marketplace-deps';

export const MAX_NAME_LENGTH = 100;

export interface UpdateProfileInput {
  readonly actor: Actor;
  /** Absent: unchanged; null: cleared; text: trimmed, 1 to 100 characters. */
  readonly name?: string | null;
}

/** The name as it will be stored, or the reason it cannot be. */
const nameChange = (name: string | null): Result<string | null> => {
  if (name === null) return ok(null);
  const trimmed = name.trim();
  // Characters, not UTF-16 units: SQL VARCHAR(100) counts code points on every dialect.
  const length = [...trimmed].length;
  return length >= 1 && length <= MAX_NAME_LENGTH
    ? ok(trimmed)
    : fail('VALIDATION_ERROR', 'The profile is not valid', { name: `must be 1 to ${MAX_NAME_LENGTH} characters` });
};

/** `PUT /users/me`: what the owner may change of its profile (its display name). */
export class UpdateProfile {
  constructor(private readonly deps: MarketplaceDeps) {}

  async execute(input: UpdateProfileInput): Promise<Result<AccountView>> {
    let changes: ProfileChanges = {};
    if (input.name !== undefined) {
      const name = nameChange(input.name);
      if (!name.ok) return name;
      changes = { name: name.value };
    }
    return this.deps.uow.run(async (tx) => {
      const user = await tx.users.get(input.actor.userId);
      if (!user || user.status !== 'ACTIVE') return fail('ACCOUNT_INACTIVE', 'This account is not active');
      const updated = await tx.accounts.updateProfile(user.id, changes);
      const account = updated ? await tx.accounts.get(user.id) : null;
      return account ? ok(viewAccount(account, user)) : fail('NOT_FOUND', 'Account not found');
    });
  }
}
