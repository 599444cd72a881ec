import {
  LoginRequest, LoginResponseData, LogoutRequest, LogoutResponseData, RefreshRequest, RefreshResponseData,
  RegisterRequest, RegisterResponseData, UserView,
} from '@gavel/contracts';
import type { HttpDeps } from '../http-deps';
import { type AnyRoute, route } from '../route';
import { mapOk, userView } from './route-support';

/** Seed 003's session contracts, exact: register, login, refresh (rotating), logout, me. */
export const authRoutes = ({ auth }: HttpDeps): AnyRoute[] => [
  route({
    operationId: 'register', method: 'post', path: '/auth/register', tag: 'auth', auth: 'none', rateLimit: 'register',
    summary: 'Create an account (role user) and open its first session',
    body: RegisterRequest, response: RegisterResponseData, status: 201,
    errors: ['EMAIL_ALREADY_EXISTS', 'USERNAME_ALREADY_EXISTS'],
    handle: async ({ body }) => mapOk(await auth.register.execute(body), (s) => ({ ...s, user: userView(s.user) })),
  }),
  route({
    operationId: 'login', method: 'post', path: '/auth/login', tag: 'auth', auth: 'none', rateLimit: 'login',
    summary: 'Log in by email or username',
    description: 'An unknown login and a wrong password get the same answer, in about the same time.',
    body: LoginRequest, response: LoginResponseData, status: 200,
    errors: ['INVALID_CREDENTIALS', 'ACCOUNT_INACTIVE'],
    handle: async ({ body }) => mapOk(await auth.login.execute(body), (s) => ({
      accessToken: s.accessToken, refreshToken: s.refreshToken, expiresIn: s.expiresIn, tokenType: s.tokenType, user: userView(s.user),
    })),
  }),
  route({
    operationId: 'refresh', method: 'post', path: '/auth/refresh', tag: 'auth', auth: 'none', rateLimit: 'refresh',
    summary: 'Trade a refresh token for a new pair (the old one is spent)',
    description: 'Presenting an already rotated refresh token revokes its whole family.',
    body: RefreshRequest, response: RefreshResponseData, status: 200,
    errors: ['INVALID_TOKEN'],
    handle: async ({ body }) => mapOk(await auth.refresh.execute(body), (s) => ({
      accessToken: s.accessToken, refreshToken: s.refreshToken, expiresIn: s.expiresIn, tokenType: s.tokenType,
    })),
  }),
  route({
    operationId: 'logout', method: 'post', path: '/auth/logout', tag: 'auth', auth: 'none',
    summary: 'End the session of a refresh token (its whole family)',
    body: LogoutRequest, response: LogoutResponseData, status: 200, errors: [],
    handle: ({ body }) => auth.logout.execute(body),
  }),
  route({
    operationId: 'authMe', method: 'get', path: '/auth/me', tag: 'auth', auth: 'required',
    summary: 'The caller\'s own account', response: UserView, status: 200, errors: ['ACCOUNT_INACTIVE'],
    handle: async ({ actor }) => mapOk(await auth.me.execute({ userId: actor!.userId }), userView),
  }),
];
