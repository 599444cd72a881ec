import type { AdminDeps } from './admin-deps';
import { ManageUser } from './manage-user.use-case';
import { SaveCategory } from './save-category.use-case';

/** Admin-only use cases; each checks the actor's role itself, whatever the edge did. */
export const createAdmin = (deps: AdminDeps) => ({
  manageUser: new ManageUser(deps),
  saveCategory: new SaveCategory(deps),
});

export type Admin = ReturnType<typeof createAdmin>;
