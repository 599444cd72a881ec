import { IdParam, ManagedUserView, ManageUserRequest, PublicUserView, UpdateProfileRequest, UserView } from '@gavel/contracts';
import { UserId } from '@gavel/core';
import type { HttpDeps } from '../http-deps';
import { type AnyRoute, route } from '../route';
import { mapOk, userView } from './route-support';

/** Own profile, public profiles (never the email), and the admin's user management. */
export const userRoutes = ({ auth, marketplace, admin }: HttpDeps): AnyRoute[] => [
  route({
    operationId: 'getMyProfile', method: 'get', path: '/users/me', tag: 'users', auth: 'required',
    summary: 'The caller\'s own profile', response: UserView, status: 200, errors: ['ACCOUNT_INACTIVE'],
    handle: async ({ actor }) => mapOk(await auth.me.execute({ userId: actor!.userId }), userView),
  }),
  route({
    operationId: 'updateMyProfile', method: 'put', path: '/users/me', tag: 'users', auth: 'required',
    summary: 'Change the caller\'s own profile (its name; null clears it)',
    description: 'Other fields (role, status, email, id) are not accepted here and are ignored.',
    body: UpdateProfileRequest, response: UserView, status: 200, errors: ['ACCOUNT_INACTIVE'],
    handle: async ({ actor, body }) => mapOk(
      await marketplace.updateProfile.execute({ actor: actor!, ...(body.name !== undefined ? { name: body.name } : {}) }),
      userView,
    ),
  }),
  route({
    operationId: 'getPublicProfile', method: 'get', path: '/users/:id', tag: 'users', auth: 'none',
    summary: 'A user\'s public profile', params: IdParam, response: PublicUserView, status: 200, errors: ['NOT_FOUND'],
    handle: async ({ params }) => mapOk(await marketplace.publicProfile.execute({ userId: UserId(params.id) }), (p) => ({
      id: p.id, username: p.username, role: p.role, status: p.status, createdAt: p.createdAt, ...(p.name !== null ? { name: p.name } : {}),
    })),
  }),
  route({
    operationId: 'manageUser', method: 'patch', path: '/admin/users/:id', tag: 'admin', auth: 'admin',
    summary: 'Change a user\'s status or role (admins only)',
    description: 'A user made inactive or suspended loses its refresh tokens at once.',
    params: IdParam, body: ManageUserRequest, response: ManagedUserView, status: 200, errors: ['NOT_FOUND'],
    handle: ({ actor, params, body }) => admin.manageUser.execute({
      actor: actor!, userId: UserId(params.id),
      ...(body.status !== undefined ? { status: body.status } : {}), ...(body.role !== undefined ? { role: body.role } : {}),
    }),
  }),
];
