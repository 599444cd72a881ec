import type { UserId } from '../shared/ids';
import type { Instant } from '../shared/time';

/** The login side of a user (seed 004's users table): who they are and how they prove it. */
export interface Account {
  readonly userId: UserId;
  readonly username: string;
  /** Stored lower-cased: logins compare e-mail addresses without case. */
  readonly email: string;
  readonly name: string | null;
  readonly passwordHash: string;
  readonly createdAt: Instant;
}

export type AccountConflict = 'EMAIL_ALREADY_EXISTS' | 'USERNAME_ALREADY_EXISTS';

/** Accounts, used inside a unit of work. Usernames and e-mails are unique. */
export interface AccountRepository {
  /** Inserts; answers the conflict instead when the username or e-mail is taken. */
  create(account: Account): Promise<AccountConflict | null>;
  findByEmail(email: string): Promise<Account | null>;
  findByUsername(username: string): Promise<Account | null>;
  get(userId: UserId): Promise<Account | null>;
  /** Changes what the owner may change of its profile; answers false when there is no such account. */
  updateProfile(userId: UserId, changes: ProfileChanges): Promise<boolean>;
}

/** The editable part of a profile (`PUT /users/me`). Absent fields stay as they are. */
export interface ProfileChanges {
  /** `null` clears the name. */
  readonly name?: string | null;
}
