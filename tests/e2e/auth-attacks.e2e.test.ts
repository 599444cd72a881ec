import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { LoginResponseData, LogoutResponseData, ManagedUserView, RefreshResponseData, UserView } from '@gavel/contracts';
import { type Algorithm, sign } from 'jsonwebtoken';
import { expectError, expectOk } from './support/api-client';
import { E2E_JWT_AUDIENCE, E2E_JWT_ISSUER, E2E_JWT_SECRET, type E2eApp, startE2eApp } from './support/e2e-app';
import { e2eDialects } from './support/e2e-database';
import { registerAdmin, registerUser, type TestUser } from './support/e2e-fixtures';

// Real servers and databases: a loaded machine (the whole suite in parallel) needs more than jest's 5 s.
jest.setTimeout(30_000);

const b64 = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Access tokens as the app would issue them (and variations it must refuse), against its clock. */
const forge = (app: E2eApp) => {
  const nowS = () => Math.floor(app.clock.now() / 1000);
  const claims = (userId: string, extra: Record<string, unknown> = {}) => ({
    sub: userId, role: 'user', typ: 'access', iss: E2E_JWT_ISSUER, aud: E2E_JWT_AUDIENCE, iat: nowS(), exp: nowS() + 600, ...extra,
  });
  return {
    claims,
    /** Signed with the app's key and algorithm: must be accepted (so the refusals below mean something). */
    valid: (userId: string, extra: Record<string, unknown> = {}) => sign(claims(userId, extra), E2E_JWT_SECRET, { algorithm: 'HS256' }),
    withAlgorithm: (userId: string, algorithm: Algorithm, key: string | Buffer) => sign(claims(userId), key, { algorithm }),
    unsigned: (userId: string) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims(userId))}.`,
  };
};

describe.each(e2eDialects())('auth attacks over HTTP (%s)', (dialect) => {
  let app: E2eApp;
  let user: TestUser;
  let admin: TestUser;
  let tokens: ReturnType<typeof forge>;
  const me = (token: string) => app.client.get('/auth/me', { token });
  const refresh = (refreshToken: string) => app.client.post('/auth/refresh', { body: { refreshToken } });
  const login = (u: TestUser) => app.client.post('/auth/login', { body: { email: u.email, password: u.password } });

  beforeAll(async () => {
    app = await startE2eApp(dialect, { accessTokenTtlSeconds: 900 });
    tokens = forge(app);
    user = await registerUser(app);
    admin = await registerAdmin(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('accepts a token forged exactly as the app signs them (the baseline of every refusal below)', async () => {
    expect(expectOk(await me(tokens.valid(user.id)), UserView)).toMatchObject({ id: user.id, username: user.username });
  });

  it('refuses alg: none, with and without a signature part', async () => {
    const unsigned = tokens.unsigned(user.id);
    expectError(await me(unsigned), 'INVALID_TOKEN');
    expectError(await me(unsigned.slice(0, -1)), 'INVALID_TOKEN');
    const noneUpper = `${b64({ alg: 'NONE', typ: 'JWT' })}.${b64(tokens.claims(user.id))}.`;
    expectError(await me(noneUpper), 'INVALID_TOKEN');
  });

  it('refuses a tampered signature and a tampered payload', async () => {
    const good = tokens.valid(user.id);
    const [h, p, s] = good.split('.') as [string, string, string];
    const flipped = `${s.slice(0, 5)}${s[5] === 'A' ? 'B' : 'A'}${s.slice(6)}`;
    expectError(await me(`${h}.${p}.${flipped}`), 'INVALID_TOKEN');
    // Another user's id (or an admin role) under the original signature.
    expectError(await me(`${h}.${b64(tokens.claims(admin.id))}.${s}`), 'INVALID_TOKEN');
    expectError(await me(`${h}.${b64(tokens.claims(user.id, { role: 'admin' }))}.${s}`), 'INVALID_TOKEN');
    // Signed with another key.
    expectError(await me(sign(tokens.claims(user.id), 'another-secret-of-at-least-thirty-two-bytes', { algorithm: 'HS256' })), 'INVALID_TOKEN');
  });

  it('refuses other algorithms: HS384/HS512 with the same key, RS256 with a key pair', async () => {
    expectError(await me(tokens.withAlgorithm(user.id, 'HS512', E2E_JWT_SECRET)), 'INVALID_TOKEN');
    expectError(await me(tokens.withAlgorithm(user.id, 'HS384', E2E_JWT_SECRET)), 'INVALID_TOKEN');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expectError(await me(tokens.withAlgorithm(user.id, 'RS256', privateKey.export({ type: 'pkcs8', format: 'pem' }))), 'INVALID_TOKEN');
  });

  it('refuses an expired token, one without exp, and claims the app does not issue', async () => {
    const now = Math.floor(app.clock.now() / 1000);
    expectError(await me(tokens.valid(user.id, { iat: now - 3600, exp: now - 60 })), 'INVALID_TOKEN');
    const { exp: _exp, ...noExp } = tokens.claims(user.id);
    expectError(await me(sign(noExp, E2E_JWT_SECRET, { algorithm: 'HS256' })), 'INVALID_TOKEN');
    expectError(await me(tokens.valid(user.id, { iss: 'someone-else' })), 'INVALID_TOKEN');
    expectError(await me(tokens.valid(user.id, { aud: 'another-api' })), 'INVALID_TOKEN');
    expectError(await me(tokens.valid(user.id, { typ: 'refresh' })), 'INVALID_TOKEN');
    expectError(await me(tokens.valid('not-a-uuid')), 'INVALID_TOKEN');
    expectError(await me(tokens.valid(user.id, { role: 'root' })), 'INVALID_TOKEN');
  });

  it('a token claiming admin gives no admin rights: the role comes from storage', async () => {
    const res = await app.client.post('/categories', { token: tokens.valid(user.id, { role: 'admin' }), body: { id: 'stolen', name: 'Stolen' } });
    expectError(res, 'FORBIDDEN');
  });

  it('a refresh token reused after rotation revokes its whole family: the newer one dies too', async () => {
    const first = expectOk(await login(user), LoginResponseData);
    const second = expectOk(await refresh(first.refreshToken), RefreshResponseData);
    expectError(await refresh(first.refreshToken), 'INVALID_TOKEN');
    expectError(await refresh(second.refreshToken), 'INVALID_TOKEN');
    // Another session of the same user (another family) is untouched.
    const other = expectOk(await login(user), LoginResponseData);
    expectOk(await refresh(other.refreshToken), RefreshResponseData);
  });

  it('logout kills the refresh token, and answers the same for a token it does not know', async () => {
    const session = expectOk(await login(user), LoginResponseData);
    expect(expectOk(await app.client.post('/auth/logout', { body: { refreshToken: session.refreshToken } }), LogoutResponseData)).toEqual({ loggedOut: true });
    expectError(await refresh(session.refreshToken), 'INVALID_TOKEN');
    expectOk(await app.client.post('/auth/logout', { body: { refreshToken: session.refreshToken } }), LogoutResponseData);
    expectOk(await app.client.post('/auth/logout', { body: { refreshToken: 'never-issued' } }), LogoutResponseData);
  });

  it('a deleted user\'s tokens stop working', async () => {
    const doomed = await registerUser(app, { prefix: 'doomed' });
    expectOk(await me(doomed.accessToken), UserView);
    await app.deleteUser(doomed.id);
    expectError(await me(doomed.accessToken), 'INVALID_TOKEN');
    expectError(await app.client.get('/bids/mine', { token: doomed.accessToken }), 'INVALID_TOKEN');
    expectError(await refresh(doomed.refreshToken), 'INVALID_TOKEN');
    expectError(await login(doomed), 'INVALID_CREDENTIALS');
  });

  it('an inactive or suspended user\'s tokens stop working at once, and come back with the account', async () => {
    for (const status of ['INACTIVE', 'SUSPENDED'] as const) {
      const target = await registerUser(app, { prefix: status.toLowerCase() });
      const managed = await app.client.patch(`/admin/users/${target.id}`, { token: admin.accessToken, body: { status } });
      expect(expectOk(managed, ManagedUserView)).toMatchObject({ id: target.id, status });
      expectError(await me(target.accessToken), 'ACCOUNT_INACTIVE');
      expectError(await app.client.post('/auctions', { token: target.accessToken, body: {} }), 'ACCOUNT_INACTIVE');
      // Deactivation revoked its refresh tokens: they stay dead after reactivation.
      expectError(await refresh(target.refreshToken), 'INVALID_TOKEN');
      expectError(await login(target), 'ACCOUNT_INACTIVE');

      expectOk(await app.client.patch(`/admin/users/${target.id}`, { token: admin.accessToken, body: { status: 'ACTIVE' } }), ManagedUserView);
      expectOk(await me(target.accessToken), UserView);
      expectError(await refresh(target.refreshToken), 'INVALID_TOKEN');
      expectOk(await login(target), LoginResponseData);
    }
  });

  it('login answers an unknown user and a wrong password alike', async () => {
    const strip = (body: unknown) => {
      const { timestamp: _t, ...rest } = body as Record<string, unknown>;
      return rest;
    };
    const unknownEmail = await app.client.post('/auth/login', { body: { email: `nobody-${randomUUID()}@example.test`, password: 'whatever it is' } });
    const wrongPassword = await app.client.post('/auth/login', { body: { email: user.email, password: 'whatever it is' } });
    const unknownName = await app.client.post('/auth/login', { body: { username: `nobody_${Date.now()}`, password: 'whatever it is' } });
    const wrongForName = await app.client.post('/auth/login', { body: { username: user.username, password: 'whatever it is' } });
    for (const res of [unknownEmail, wrongPassword, unknownName, wrongForName]) expectError(res, 'INVALID_CREDENTIALS');
    expect(strip(unknownEmail.body)).toEqual(strip(wrongPassword.body));
    expect(strip(unknownName.body)).toEqual(strip(wrongForName.body));
    expect(strip(unknownEmail.body)).toEqual(strip(unknownName.body));
    const headers = (h: Headers) => [...h.keys()].filter((k) => !['date', 'x-request-id', 'content-length'].includes(k)).sort();
    expect(headers(unknownEmail.headers)).toEqual(headers(wrongPassword.headers));
  });

  it('a real access token expires with its TTL on the app\'s clock; the refresh token still renews it', async () => {
    const session = expectOk(await login(user), LoginResponseData);
    expect(session.expiresIn).toBe(900);
    expectOk(await me(session.accessToken), UserView);
    app.clock.advance((900 + 10) * 1000);
    expectError(await me(session.accessToken), 'INVALID_TOKEN');
    const renewed = expectOk(await refresh(session.refreshToken), RefreshResponseData);
    expectOk(await me(renewed.accessToken), UserView);
  });
});
