import type { AccessTokens } from '../ports/access-tokens.port';
import type { Account } from '../ports/account.repository.port';
import type { Clock } from '../ports/clock.port';
import type { IdGenerator } from '../ports/id-generator.port';
import type { PasswordHasher } from '../ports/password-hasher.port';
import type { SecretTokens } from '../ports/secret-tokens.port';
import type { UnitOfWork, TransactionContext } from '../ports/unit-of-work.port';
import type { User } from '../ports/user.repository.port';
import type { UserId } from '../shared/ids';
import { toIso } from '../shared/time';

export interface AuthDeps {
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly passwords: PasswordHasher;
  readonly accessTokens: AccessTokens;
  readonly secrets: SecretTokens;
  /** Lifetime of a refresh token (SPEC: days). Default 14 days. */
  readonly refreshTtlMs: number;
}

/** What the owner of an account sees of it (`GET /auth/me`, login and register replies). */
export interface AccountView {
  readonly id: UserId;
  readonly username: string;
  readonly email: string;
  readonly name: string | null;
  readonly role: User['role'];
  readonly status: User['status'];
  readonly createdAt: string;
}

export interface Session {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresIn: number;
  readonly tokenType: 'Bearer';
}

export const viewAccount = (account: Account, user: User): AccountView => ({
  id: account.userId, username: account.username, email: account.email, name: account.name,
  role: user.role, status: user.status, createdAt: toIso(account.createdAt),
});

/** Issues an access token and a refresh token in `familyId` (a new login starts a family). */
export const openSession = async (deps: AuthDeps, tx: TransactionContext, user: User, familyId: string): Promise<Session & { readonly refreshId: string }> => {
  const now = deps.clock.now();
  const refreshToken = deps.secrets.generate();
  const refreshId = deps.ids.next();
  await tx.refreshTokens.insert({
    id: refreshId, userId: user.id, familyId, tokenHash: deps.secrets.digest(refreshToken),
    expiresAt: now + deps.refreshTtlMs, revokedAt: null, replacedBy: null, createdAt: now,
  });
  const access = deps.accessTokens.issue({ userId: user.id, role: user.role });
  return { accessToken: access.token, refreshToken, expiresIn: access.expiresIn, tokenType: 'Bearer', refreshId };
};
