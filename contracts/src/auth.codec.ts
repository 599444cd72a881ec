import * as t from 'io-ts';
import { SuccessEnvelope } from './envelope.codec';
import { boundedString, refine } from './primitives.codec';
import { UserView } from './users.codec';

export const Email = refine(t.string, (s) => s.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'Email');
export const Username = refine(t.string, (s) => /^[A-Za-z0-9_.-]{3,32}$/.test(s), 'Username');
/** A new password; the strength policy beyond length belongs to the auth adapter. */
export const NewPassword = refine(t.string, (s) => s.length >= 8 && s.length <= 128, 'NewPassword');
/** A password being checked: any non-empty text, so an old weaker password still logs in. */
export const Password = refine(t.string, (s) => s.length >= 1 && s.length <= 1024, 'Password');
export const Token = refine(t.string, (s) => s.length >= 1 && s.length <= 4096, 'Token');
export const PersonName = boundedString('PersonName', 1, 100);

/** Seed 003: `POST /auth/login` takes `{ email, password }` or `{ username, password }`. */
export const LoginWithEmail = t.strict({ email: Email, password: Password }, 'LoginWithEmail');
export const LoginWithUsername = t.strict({ username: Username, password: Password }, 'LoginWithUsername');
export const LoginRequest = t.union([LoginWithEmail, LoginWithUsername], 'LoginRequest');
export type LoginRequest = t.TypeOf<typeof LoginRequest>;

const tokenProps = {
  accessToken: t.string,
  refreshToken: t.string,
  /** Seconds until the access token expires. */
  expiresIn: t.number,
  tokenType: t.literal('Bearer'),
};

export const LoginResponseData = t.strict({ ...tokenProps, user: UserView }, 'LoginResponseData');
export type LoginResponseData = t.TypeOf<typeof LoginResponseData>;

export const RefreshRequest = t.strict({ refreshToken: Token }, 'RefreshRequest');
export type RefreshRequest = t.TypeOf<typeof RefreshRequest>;

export const RefreshResponseData = t.strict(tokenProps, 'RefreshResponseData');
export type RefreshResponseData = t.TypeOf<typeof RefreshResponseData>;

export const RegisterRequest = t.exact(
  t.intersection([
    t.type({ username: Username, email: Email, password: NewPassword }),
    t.partial({ name: PersonName }),
  ]),
  'RegisterRequest',
);
export type RegisterRequest = t.TypeOf<typeof RegisterRequest>;

export const RegisterResponseData = t.strict({ user: UserView, ...tokenProps }, 'RegisterResponseData');
export type RegisterResponseData = t.TypeOf<typeof RegisterResponseData>;

/** The whole bodies, envelope included (seed 003's exact contracts). */
export const LoginResponse = SuccessEnvelope(LoginResponseData);
export const RefreshResponse = SuccessEnvelope(RefreshResponseData);
export const RegisterResponse = SuccessEnvelope(RegisterResponseData);
