import type { AccessTokens } from '../ports/access-tokens.port';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { SecretTokens } from '../ports/secret-tokens.port';
import type { UnitOfWork } from '../ports/unit-of-work.port';
import type { AuthDeps } from './auth-deps';
import { GetMe } from './get-me.use-case';
import { Login } from './login.use-case';
import { Logout } from './logout.use-case';
import { RefreshSession } from './refresh-session.use-case';
import { Register } from './register.use-case';

const DAY = 86_400_000;

/** The session use cases, wired to their ports. */
export const createAuth = (opts: {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly passwords: PasswordHasher;
  readonly accessTokens: AccessTokens;
  readonly secrets: SecretTokens;
  readonly refreshTtlMs?: number;
}) => {
  const deps: AuthDeps = { ...opts, refreshTtlMs: opts.refreshTtlMs ?? 14 * DAY };
  return {
    register: new Register(deps),
    login: new Login(deps),
    refresh: new RefreshSession(deps),
    logout: new Logout(deps),
    me: new GetMe(deps),
  };
};

export type Auth = ReturnType<typeof createAuth>;
