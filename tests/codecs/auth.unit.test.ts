import {
  decode, LoginRequest, LoginResponse, LoginResponseData, PublicUserView, RefreshRequest, RefreshResponse,
  RegisterRequest, RegisterResponseData, UserView,
} from '@gavel/contracts';

const TS = '2026-01-01T12:00:00.000Z';
const user = { id: 'a11ce000-0000-4000-8000-000000000002', username: 'alice', name: 'Alice', email: 'alice@example.com', role: 'user', status: 'ACTIVE', createdAt: TS };
const tokens = { accessToken: 'eyJ.a.b', refreshToken: 'eyJ.c.d', expiresIn: 900, tokenType: 'Bearer' };

describe('LoginRequest (seed 003)', () => {
  it('takes { email, password } or { username, password }', () => {
    expect(decode(LoginRequest, { email: 'alpha.dev@deraly.id', password: 'Real1Novation!' })).toEqual({
      ok: true,
      value: { email: 'alpha.dev@deraly.id', password: 'Real1Novation!' },
    });
    expect(decode(LoginRequest, { username: 'alpha_dev', password: 'x' })).toEqual({ ok: true, value: { username: 'alpha_dev', password: 'x' } });
  });

  it('strips anything else (a role in a login body goes nowhere)', () => {
    expect(decode(LoginRequest, { email: 'a@b.co', password: 'pw', role: 'admin' })).toEqual({ ok: true, value: { email: 'a@b.co', password: 'pw' } });
  });

  it('reports the closest form: a missing password, a bad email', () => {
    expect(decode(LoginRequest, { username: 'alice' })).toEqual({ ok: false, details: { password: 'is required' } });
    expect(decode(LoginRequest, { email: 'not-an-email', password: 'pw' })).toEqual({
      ok: false,
      details: { email: 'must be an email address' },
    });
    expect(decode(LoginRequest, { email: 'a@b.co', password: '' })).toEqual({ ok: false, details: { password: 'must be a non-empty password' } });
    expect(decode(LoginRequest, 'alice:pw')).toEqual({ ok: false, details: { $: 'must be an object' } });
  });
});

describe('LoginResponse / RefreshResponse (seed 003)', () => {
  it('login data is { accessToken, refreshToken, expiresIn, tokenType: Bearer, user }', () => {
    expect(decode(LoginResponseData, { ...tokens, user }).ok).toBe(true);
    expect(decode(LoginResponse, { success: true, data: { ...tokens, user }, timestamp: TS }).ok).toBe(true);
    expect(decode(LoginResponseData, { ...tokens, tokenType: 'bearer', user })).toEqual({ ok: false, details: { tokenType: 'must be "Bearer"' } });
    expect(decode(LoginResponseData, tokens)).toEqual({ ok: false, details: { user: 'is required' } });
  });

  it('refresh takes { refreshToken } and answers the token fields without a user', () => {
    expect(decode(RefreshRequest, { refreshToken: 'eyJ.c.d' })).toEqual({ ok: true, value: { refreshToken: 'eyJ.c.d' } });
    expect(decode(RefreshRequest, { refresh_token: 'eyJ.c.d' })).toEqual({ ok: false, details: { refreshToken: 'is required' } });
    expect(decode(RefreshRequest, { refreshToken: '' })).toEqual({ ok: false, details: { refreshToken: 'must be a token' } });
    expect(decode(RefreshResponse, { success: true, data: tokens, timestamp: TS })).toEqual({ ok: true, value: { success: true, data: tokens, timestamp: TS } });
    expect(decode(RefreshResponse, { success: true, data: { ...tokens, expiresIn: '900' }, timestamp: TS })).toEqual({
      ok: false,
      details: { 'data.expiresIn': 'must be a number' },
    });
  });
});

describe('RegisterRequest', () => {
  const body = { username: 'alice', email: 'alice@example.com', password: 'correct horse' };

  it('takes { username, email, password, name? } and strips the rest', () => {
    expect(decode(RegisterRequest, { ...body, name: 'Alice', role: 'admin', status: 'ACTIVE' })).toEqual({ ok: true, value: { ...body, name: 'Alice' } });
    expect(decode(RegisterRequest, body)).toEqual({ ok: true, value: body });
  });

  it('refuses a short password, a bad username and a missing email', () => {
    expect(decode(RegisterRequest, { username: 'a b', password: 'short' })).toEqual({
      ok: false,
      details: {
        username: 'must be 3 to 32 letters, digits, dots, dashes or underscores',
        email: 'is required',
        password: 'must be a password of 8 to 128 characters',
      },
    });
    expect(decode(RegisterRequest, { ...body, name: '   ' })).toEqual({ ok: false, details: { name: 'must be a text of 1 to 100 characters' } });
  });

  it('answers { user, accessToken, refreshToken, expiresIn, tokenType }', () => {
    expect(decode(RegisterResponseData, { user, ...tokens }).ok).toBe(true);
  });
});

describe('UserView / PublicUserView', () => {
  it('a public profile never carries the email', () => {
    const decoded = decode(PublicUserView, user);
    expect(decoded).toEqual({ ok: true, value: { id: user.id, username: 'alice', name: 'Alice', role: 'user', status: 'ACTIVE', createdAt: TS } });
    expect(PublicUserView.encode(user as never)).not.toHaveProperty('email');
  });

  it('name and email are optional; role and status are closed sets', () => {
    const { name: _n, email: _e, ...bare } = user;
    expect(decode(UserView, bare).ok).toBe(true);
    expect(decode(UserView, { ...user, role: 'root', status: 'active' })).toEqual({
      ok: false,
      details: { role: 'must be one of user, admin', status: 'must be one of ACTIVE, INACTIVE, SUSPENDED' },
    });
  });
});
