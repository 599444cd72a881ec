import * as t from 'io-ts';
import { IsoDateTime, Uuid } from './primitives.codec';

export const Role = t.keyof({ user: null, admin: null }, 'Role');
export type Role = t.TypeOf<typeof Role>;

/** Core's `UserStatus`. */
export const UserStatus = t.keyof({ ACTIVE: null, INACTIVE: null, SUSPENDED: null }, 'UserStatus');
export type UserStatus = t.TypeOf<typeof UserStatus>;

const publicProps = { id: Uuid, username: t.string, role: Role, status: UserStatus, createdAt: IsoDateTime };

/** A user as it sees itself (`GET /auth/me`, `GET /users/me`, the `user` of a login). */
export const UserView = t.exact(
  t.intersection([t.type(publicProps), t.partial({ name: t.string, email: t.string })]),
  'UserView',
);
export type UserView = t.TypeOf<typeof UserView>;

/** `GET /users/:id`: a public profile, never the email. */
export const PublicUserView = t.exact(
  t.intersection([t.type(publicProps), t.partial({ name: t.string })]),
  'PublicUserView',
);
export type PublicUserView = t.TypeOf<typeof PublicUserView>;
