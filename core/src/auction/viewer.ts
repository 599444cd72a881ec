import type { UserId } from '../shared/ids';

export type Role = 'user' | 'admin';

/** Who is looking: anonymous (no id), an ordinary user, or an admin. */
export interface Viewer {
  readonly userId: UserId | null;
  readonly role: Role | null;
}

export const ANONYMOUS: Viewer = { userId: null, role: null };

export const isAdmin = (v: Viewer): boolean => v.role === 'admin';
