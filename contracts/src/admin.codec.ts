import * as t from 'io-ts';
import { boundedString, CategoryId, nullable, Uuid } from './primitives.codec';
import { Role, UserStatus } from './users.codec';

/** `PATCH /admin/users/:id`: an admin changes a user's status or role. */
export const ManageUserRequest = t.exact(t.partial({ status: UserStatus, role: Role }), 'ManageUserRequest');
export type ManageUserRequest = t.TypeOf<typeof ManageUserRequest>;

export const ManagedUserView = t.strict({ id: Uuid, status: UserStatus, role: Role }, 'ManagedUserView');

export const CategoryName = boundedString('CategoryName', 1, 100);

/** `POST /categories` (admin): adds or replaces one category of the tree. */
export const SaveCategoryRequest = t.exact(
  t.intersection([
    t.type({ id: CategoryId, name: CategoryName }),
    t.partial({ parentId: nullable(CategoryId), description: nullable(t.string), sortOrder: t.number }),
  ]),
  'SaveCategoryRequest',
);
export type SaveCategoryRequest = t.TypeOf<typeof SaveCategoryRequest>;

export const CategoryView = t.strict(
  { id: t.string, parentId: nullable(t.string), name: t.string, description: nullable(t.string), sortOrder: t.number },
  'CategoryView',
);
