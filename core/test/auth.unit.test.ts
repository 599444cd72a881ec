import { type AccessClaims, type AccessTokens, createAuth, type PasswordHasher, type SecretTokens, UserId } from '@gavel/core';
import { FakeClock, MemoryDatabase, SequentialIdGenerator } from '@gavel/memory';
import { T0 } from '../../tests/builders/terms.builder';

// Fakes of the crypto ports (the real ones are in adapters/auth, tested there): readable,
// deterministic, and still able to say no.
const passwords: PasswordHasher & { verified: string[] } = {
  verified: [],
  hash: async (pw) => `hashed:${pw}`,
  verify: async (pw, hash) => {
    passwords.verified.push(hash);
    return hash === `hashed:${pw}`;
  },
};
let counter = 0;
const secrets: SecretTokens = { generate: () => `secret-${++counter}`, digest: (t) => `digest(${t})` };
const accessTokens: AccessTokens = {
  issue: (c: AccessClaims) => ({ token: `access:${c.userId}:${c.role}`, expiresIn: 900 }),
  verify: () => ({ ok: false, code: 'INVALID_TOKEN' }),
};

const setup = () => {
  const db = new MemoryDatabase();
  const clock = new FakeClock(T0);
  const auth = createAuth({ uow: db.uow, clock, ids: new SequentialIdGenerator('a0700000'), passwords, accessTokens, secrets, refreshTtlMs: 3_600_000 });
  return { db, clock, auth };
};

const JANE = { username: 'jane_doe', email: 'Jane@Example.com', password: 'correct horse', name: 'Jane' };

const registered = async () => {
  const s = setup();
  const r = await s.auth.register.execute(JANE);
  if (!r.ok) throw new Error(r.error.code);
  return { ...s, session: r.value };
};

describe('register', () => {
  it('creates an active user with role user, lower-cases the e-mail, and opens a session', async () => {
    const { session, db } = await registered();
    expect(session.user).toMatchObject({ username: 'jane_doe', email: 'jane@example.com', role: 'user', status: 'ACTIVE', name: 'Jane' });
    expect(session).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, accessToken: `access:${session.user.id}:user` });
    expect(db.state.accounts.get(session.user.id)?.passwordHash).toBe('hashed:correct horse');
  });

  it('refuses a taken e-mail (any case) or username with their codes, and bad input with details', async () => {
    const { auth } = await registered();
    expect(await auth.register.execute({ ...JANE, username: 'other', email: 'JANE@example.com' })).toMatchObject({ ok: false, error: { code: 'EMAIL_ALREADY_EXISTS' } });
    expect(await auth.register.execute({ ...JANE, email: 'other@example.com' })).toMatchObject({ ok: false, error: { code: 'USERNAME_ALREADY_EXISTS' } });
    const bad = await auth.register.execute({ username: 'x', email: 'nope', password: 'short' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { username: expect.any(String), email: expect.any(String), password: expect.any(String) } } });
  });

  it('refuses passwords over 72 UTF-8 bytes (bcrypt would ignore the rest), accepts exactly 72', async () => {
    const { auth } = setup();
    const long = await auth.register.execute({ ...JANE, password: 'é'.repeat(36) + 'x' }); // 73 bytes
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR', details: { password: expect.stringContaining('72') } } });
    expect((await auth.register.execute({ ...JANE, password: 'é'.repeat(36) })).ok).toBe(true); // 72 bytes
  });
});

describe('login', () => {
  it('accepts e-mail (any case) or username with the right password', async () => {
    const { auth, session } = await registered();
    expect(await auth.login.execute({ email: 'JANE@example.com', password: 'correct horse' })).toMatchObject({ ok: true, value: { user: { id: session.user.id } } });
    expect(await auth.login.execute({ username: 'jane_doe', password: 'correct horse' })).toMatchObject({ ok: true });
  });

  it('answers an unknown login and a wrong password alike, checking a real hash both times', async () => {
    const { auth } = await registered();
    passwords.verified.length = 0;
    const unknown = await auth.login.execute({ email: 'ghost@example.com', password: 'correct horse' });
    const wrong = await auth.login.execute({ email: 'jane@example.com', password: 'wrong horse!' });
    expect(unknown).toEqual(wrong);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect(passwords.verified).toHaveLength(2);
    expect(passwords.verified[0]).toMatch(/^hashed:/);
  });

  it('refuses an inactive account after a correct password with ACCOUNT_INACTIVE', async () => {
    const { auth, db, session } = await registered();
    await db.users.save({ id: UserId(session.user.id), status: 'SUSPENDED', role: 'user', knownIps: [], knownDevices: [] });
    expect(await auth.login.execute({ username: 'jane_doe', password: 'correct horse' })).toMatchObject({ ok: false, error: { code: 'ACCOUNT_INACTIVE' } });
  });
});

describe('refresh', () => {
  it('rotates: the new token works, the old one is spent', async () => {
    const { auth, session } = await registered();
    const next = await auth.refresh.execute({ refreshToken: session.refreshToken });
    if (!next.ok) throw new Error(next.error.code);
    expect(next.value.refreshToken).not.toBe(session.refreshToken);
    expect((await auth.refresh.execute({ refreshToken: next.value.refreshToken })).ok).toBe(true);
  });

  it('treats a rotated token presented again as theft: the whole family is revoked', async () => {
    const { auth, session } = await registered();
    const next = await auth.refresh.execute({ refreshToken: session.refreshToken });
    if (!next.ok) throw new Error(next.error.code);
    expect(await auth.refresh.execute({ refreshToken: session.refreshToken })).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
    // The legitimate holder of the newer token is logged out too.
    expect(await auth.refresh.execute({ refreshToken: next.value.refreshToken })).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
  });

  it('leaves other sessions (families) alone when one is revoked', async () => {
    const { auth, session } = await registered();
    const other = await auth.login.execute({ username: 'jane_doe', password: 'correct horse' });
    if (!other.ok) throw new Error(other.error.code);
    await auth.refresh.execute({ refreshToken: session.refreshToken });
    await auth.refresh.execute({ refreshToken: session.refreshToken }); // reuse: family 1 revoked
    expect((await auth.refresh.execute({ refreshToken: other.value.refreshToken })).ok).toBe(true);
  });

  it('refuses unknown and expired tokens, and tokens of users no longer active', async () => {
    const { auth, clock, db, session } = await registered();
    expect(await auth.refresh.execute({ refreshToken: 'made-up' })).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
    const fresh = await auth.login.execute({ username: 'jane_doe', password: 'correct horse' });
    if (!fresh.ok) throw new Error(fresh.error.code);
    clock.advance(3_600_000);
    expect(await auth.refresh.execute({ refreshToken: fresh.value.refreshToken })).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
    clock.set(T0);
    await db.users.save({ id: UserId(session.user.id), status: 'INACTIVE', role: 'user', knownIps: [], knownDevices: [] });
    expect(await auth.refresh.execute({ refreshToken: session.refreshToken })).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
  });
});

describe('logout and me', () => {
  it('logout revokes the session’s refresh tokens; me answers for active users only', async () => {
    const { auth, db, session } = await registered();
    expect(await auth.me.execute({ userId: UserId(session.user.id) })).toMatchObject({ ok: true, value: { username: 'jane_doe' } });
    expect(await auth.logout.execute({ refreshToken: session.refreshToken })).toEqual({ ok: true, value: { loggedOut: true } });
    expect(await auth.refresh.execute({ refreshToken: session.refreshToken })).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
    await db.users.save({ id: UserId(session.user.id), status: 'INACTIVE', role: 'user', knownIps: [], knownDevices: [] });
    expect(await auth.me.execute({ userId: UserId(session.user.id) })).toMatchObject({ ok: false, error: { code: 'INVALID_TOKEN' } });
  });
});
