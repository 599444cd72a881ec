import type { UserDirectory, UserId } from '@gavel/core';
import type { MemoryState } from './memory-state';

/** Display names from the committed accounts; a user without an account has no name to show. */
export class MemoryUserDirectory implements UserDirectory {
  constructor(private readonly db: MemoryState) {}

  async displayNames(ids: readonly UserId[]): Promise<ReadonlyMap<UserId, string>> {
    const names = new Map<UserId, string>();
    for (const id of ids) {
      const account = this.db.accounts.get(id);
      if (account) names.set(id, account.name ?? account.username);
    }
    return names;
  }
}
