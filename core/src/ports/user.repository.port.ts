import type { UserId } from '../shared/ids';
import type { Role } from '../auction/viewer';

export type UserStatus = 'ACTIVE' | 'INACTIVE' | 'SUSPENDED';

/** What the core needs to know about a user: whether it may act, and signals for fraud checks. */
export interface User {
  readonly id: UserId;
  readonly status: UserStatus;
  readonly role: Role;
  /** IPs and device fingerprints the user was recently seen with (sessions, listings). */
  readonly knownIps: readonly string[];
  readonly knownDevices: readonly string[];
}

export interface UserRepository {
  get(id: UserId): Promise<User | null>;
  /** Inserts or replaces. */
  save(user: User): Promise<void>;
}
