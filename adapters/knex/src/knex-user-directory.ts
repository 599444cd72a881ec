import type { UserDirectory, UserId } from '@gavel/core';
import type { Knex } from 'knex';
import { uuidsOnly } from './knex-query-helpers';

/** Display names from the `users` table; a row without a username has no login and no name to show. */
export class KnexUserDirectory implements UserDirectory {
  constructor(private readonly knex: Knex) {}

  async displayNames(ids: readonly UserId[]): Promise<ReadonlyMap<UserId, string>> {
    const wanted = uuidsOnly(ids);
    const names = new Map<UserId, string>();
    if (wanted.length === 0) return names;
    const rows = await this.knex('users').select('id', 'username', 'name').whereIn('id', wanted).whereNotNull('username');
    for (const r of rows as Record<string, unknown>[]) {
      names.set(String(r.id) as UserId, r.name === null || r.name === undefined ? String(r.username) : String(r.name));
    }
    return names;
  }
}
