import type { AuthDeps } from './auth-deps';
import { GetMe } from './get-me.use-case';
import { Login } from './login.use-case';
import { Logout } from './logout.use-case';
import { RefreshSession } from './refresh-session.use-case';
import { Register } from './register.use-case';

const DAY = 86_400_000;

/** The session use cases, wired to their ports. */
export const createAuth = (opts: Omit<AuthDeps, 'refreshTtlMs'> & { readonly refreshTtlMs?: number }) => {
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
