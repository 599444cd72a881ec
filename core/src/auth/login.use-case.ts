import { fail, ok, type Result } from '../shared/result';
import { type AccountView, type AuthDeps, openSession, type Session, viewAccount } from './auth-deps';
import { normalizeEmail } from './credentials';

export type LoginInput = { readonly password: string } & ({ readonly email: string } | { readonly username: string });

/**
 * Seed 003's login by e-mail or username. An unknown login and a wrong password get the same
 * answer in about the same time: an unknown login is still checked against a real hash.
 */
export class Login {
  private decoy: Promise<string> | null = null;

  constructor(private readonly deps: AuthDeps) {}

  async execute(input: LoginInput): Promise<Result<Session & { readonly user: AccountView }>> {
    const account = await this.deps.uow.run((tx) =>
      'email' in input ? tx.accounts.findByEmail(normalizeEmail(input.email)) : tx.accounts.findByUsername(input.username),
    );
    this.decoy ??= this.deps.passwords.hash('decoy password for unknown logins');
    const matches = await this.deps.passwords.verify(input.password, account?.passwordHash ?? (await this.decoy));
    if (!account || !matches) return fail('INVALID_CREDENTIALS', 'Invalid login or password');
    return this.deps.uow.run(async (tx) => {
      const user = await tx.users.get(account.userId);
      if (!user || user.status !== 'ACTIVE') return fail('ACCOUNT_INACTIVE', 'This account is not active');
      const { refreshId: _id, ...session } = await openSession(this.deps, tx, user, this.deps.ids.next());
      return ok({ ...session, user: viewAccount(account, user) });
    });
  }
}
