import { UserId } from '../shared/ids';
import { fail, ok, type Result } from '../shared/result';
import type { User } from '../ports/user.repository.port';
import { type AccountView, type AuthDeps, openSession, type Session, viewAccount } from './auth-deps';
import { normalizeEmail, registrationProblems } from './credentials';

export interface RegisterInput {
  readonly username: string;
  readonly email: string;
  readonly password: string;
  readonly name?: string | null;
}

/** Creates an active user with the role `user` (never from input) and opens its first session. */
export class Register {
  constructor(private readonly deps: AuthDeps) {}

  async execute(input: RegisterInput): Promise<Result<Session & { readonly user: AccountView }>> {
    const problems = registrationProblems(input);
    if (Object.keys(problems).length > 0) return fail('VALIDATION_ERROR', 'The registration is not valid', problems);
    // Hashing is slow by design: done before the transaction, so it holds nothing meanwhile.
    const passwordHash = await this.deps.passwords.hash(input.password);
    return this.deps.uow.run(async (tx) => {
      const now = this.deps.clock.now();
      const user: User = { id: UserId(this.deps.ids.next()), status: 'ACTIVE', role: 'user', knownIps: [], knownDevices: [] };
      const account = {
        userId: user.id, username: input.username, email: normalizeEmail(input.email),
        name: input.name?.trim() ?? null, passwordHash, createdAt: now,
      };
      const conflict = await tx.accounts.create(account);
      if (conflict) {
        return fail(conflict, conflict === 'EMAIL_ALREADY_EXISTS' ? 'This e-mail is already registered' : 'This username is taken');
      }
      await tx.users.save(user);
      const { refreshId: _id, ...session } = await openSession(this.deps, tx, user, this.deps.ids.next());
      return ok({ ...session, user: viewAccount(account, user) });
    });
  }
}
