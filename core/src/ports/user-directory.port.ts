import type { UserId } from '../shared/ids';

/** Names to show for users (bid histories, profiles), read outside any unit of work. */
export interface UserDirectory {
  /** Each known id's display name: its name when set, else its username. Unknown ids are absent. */
  displayNames(ids: readonly UserId[]): Promise<ReadonlyMap<UserId, string>>;
}
