import { createHmac, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { decode, sign, type Secret, type SignOptions } from 'jsonwebtoken';
import { JwtAccessTokens, type JwtAccessTokensOptions } from '@gavel/auth';
import { UserId, type AccessClaims, type Clock } from '@gavel/core';

const SECRET = 'test-secret-of-at-least-32-bytes-0123456789';
const ISSUER = 'gavel';
const AUDIENCE = 'gavel-api';
const USER = UserId('4f1c2b8e-8a6d-4c1e-9b7a-2f3d4e5a6b7c');
const CLAIMS: AccessClaims = { userId: USER, role: 'user' };
const T0 = Date.UTC(2026, 0, 1);

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

class TestClock implements Clock {
  constructor(public current = T0) {}
  now(): number {
    return this.current;
  }
}

const setup = (options: Partial<JwtAccessTokensOptions> = {}) => {
  const clock = new TestClock();
  const tokens = new JwtAccessTokens({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE, clock, ...options });
  return { clock, tokens };
};

const nowSeconds = Math.floor(T0 / 1000);

/** A token made by hand with jsonwebtoken: valid for `setup()` unless a test changes one part. */
const craft = (payload: Record<string, unknown> = {}, options: SignOptions = {}, key: Secret = SECRET): string =>
  sign({ sub: USER, role: 'user', typ: 'access', iss: ISSUER, aud: AUDIENCE, iat: nowSeconds, exp: nowSeconds + 900, ...payload }, key, {
    algorithm: 'HS256',
    ...options,
  });

/** An HS256 token signed with raw HMAC, for payloads jsonwebtoken's `sign` refuses to make. */
const hmacToken = (payload: Record<string, unknown>): string => {
  const signingInput = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}`;
  return `${signingInput}.${createHmac('sha256', SECRET).update(signingInput).digest('base64url')}`;
};
const VALID_PAYLOAD = { sub: USER, role: 'user', typ: 'access', iss: ISSUER, aud: AUDIENCE, iat: nowSeconds, exp: nowSeconds + 900 };

const expectInvalid = (tokens: JwtAccessTokens, token: string): void => {
  expect(tokens.verify(token)).toEqual({ ok: false, code: 'INVALID_TOKEN' });
};

describe('JwtAccessTokens', () => {
  describe('a valid token', () => {
    it('round-trips its claims and expiresIn (900 s by default)', () => {
      const { tokens } = setup();
      const issued = tokens.issue(CLAIMS);
      expect(issued.expiresIn).toBe(900);
      expect(tokens.verify(issued.token)).toEqual({ ok: true, claims: { userId: USER, role: 'user' }, expiresAt: (nowSeconds + 900) * 1000 });
    });

    it('round-trips the admin role and a custom lifetime', () => {
      const { tokens } = setup({ expiresInSeconds: 60 });
      const issued = tokens.issue({ userId: USER, role: 'admin' });
      expect(issued.expiresIn).toBe(60);
      expect(tokens.verify(issued.token)).toEqual({ ok: true, claims: { userId: USER, role: 'admin' }, expiresAt: (nowSeconds + 60) * 1000 });
    });

    it('is HS256 and carries sub, role, iss, aud, iat, exp and typ', () => {
      const { tokens } = setup();
      const decoded = decode(tokens.issue(CLAIMS).token, { complete: true });
      expect(decoded?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(decoded?.payload).toEqual({ sub: USER, role: 'user', typ: 'access', iss: ISSUER, aud: AUDIENCE, iat: nowSeconds, exp: nowSeconds + 900 });
    });

    it('is accepted when crafted by hand with the right secret (the control for the attacks below)', () => {
      expect(setup().tokens.verify(craft())).toEqual({ ok: true, claims: CLAIMS, expiresAt: VALID_PAYLOAD.exp * 1000 });
    });

    it('is still accepted one second before it expires, and within a few seconds of skew after', () => {
      const { clock, tokens } = setup();
      const { token } = tokens.issue(CLAIMS);
      clock.current = T0 + 899_000;
      expect(tokens.verify(token).ok).toBe(true);
      clock.current = T0 + 902_000;
      expect(tokens.verify(token).ok).toBe(true);
    });
  });

  describe('attacks and invalid tokens', () => {
    it('refuses alg "none" with an empty signature', () => {
      const { tokens } = setup();
      const payload = decode(tokens.issue(CLAIMS).token);
      expectInvalid(tokens, `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`);
      expectInvalid(tokens, `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}`);
      expectInvalid(tokens, `${b64url({ alg: 'None', typ: 'JWT' })}.${b64url(payload)}.`);
    });

    it('refuses a tampered payload under the original signature', () => {
      const { tokens } = setup();
      const [header, payload, signature] = tokens.issue(CLAIMS).token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8'));
      expectInvalid(tokens, `${header}.${b64url({ ...claims, role: 'admin' })}.${signature}`);
      expectInvalid(tokens, `${header}.${b64url({ ...claims, exp: claims.exp + 3600 })}.${signature}`);
    });

    it('refuses a token signed with another secret', () => {
      const other = setup({ secret: 'another-secret-of-at-least-32-bytes-xyz' }).tokens;
      expectInvalid(setup().tokens, other.issue(CLAIMS).token);
      expectInvalid(setup().tokens, craft({}, {}, 'another-secret-of-at-least-32-bytes-xyz'));
    });

    it('refuses HS512 and HS384 signed with the right secret', () => {
      expectInvalid(setup().tokens, craft({}, { algorithm: 'HS512' }));
      expectInvalid(setup().tokens, craft({}, { algorithm: 'HS384' }));
    });

    it('refuses RS256 with otherwise valid claims', () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      expectInvalid(setup().tokens, craft({}, { algorithm: 'RS256' }, privateKey));
    });

    it('refuses an expired token', () => {
      const { clock, tokens } = setup();
      const { token } = tokens.issue(CLAIMS);
      clock.current = T0 + 900_000 + 10_000;
      expectInvalid(tokens, token);
      expectInvalid(setup().tokens, craft({ iat: nowSeconds - 3600, exp: nowSeconds - 60 }));
    });

    it('refuses a token without exp, which jsonwebtoken alone would accept', () => {
      const noExp = sign({ role: 'user', typ: 'access' }, SECRET, { algorithm: 'HS256', subject: USER, issuer: ISSUER, audience: AUDIENCE });
      expect(decode(noExp)).not.toHaveProperty('exp');
      expectInvalid(setup().tokens, noExp);
      expect(setup().tokens.verify(hmacToken(VALID_PAYLOAD)).ok).toBe(true); // the control
      expectInvalid(setup().tokens, hmacToken({ ...VALID_PAYLOAD, exp: undefined }));
      expectInvalid(setup().tokens, hmacToken({ ...VALID_PAYLOAD, exp: 'never' }));
      expectInvalid(setup().tokens, hmacToken({ ...VALID_PAYLOAD, exp: null }));
    });

    it('refuses a token that is not yet valid (nbf)', () => {
      expectInvalid(setup().tokens, craft({ nbf: nowSeconds + 600 }));
    });

    it('refuses a wrong or missing issuer', () => {
      expectInvalid(setup().tokens, craft({ iss: 'someone-else' }));
      expectInvalid(setup().tokens, craft({ iss: undefined }));
      expectInvalid(setup({ issuer: 'other-gavel' }).tokens, setup().tokens.issue(CLAIMS).token);
    });

    it('refuses a wrong or missing audience', () => {
      expectInvalid(setup().tokens, craft({ aud: 'another-api' }));
      expectInvalid(setup().tokens, craft({ aud: undefined }));
      expectInvalid(setup({ audience: 'gavel-admin' }).tokens, setup().tokens.issue(CLAIMS).token);
    });

    it('refuses a typ other than access', () => {
      expectInvalid(setup().tokens, craft({ typ: 'refresh' }));
      expectInvalid(setup().tokens, craft({ typ: undefined }));
    });

    it('refuses a sub that is not a UUID and a role that is not user or admin', () => {
      expectInvalid(setup().tokens, craft({ sub: 'admin' }));
      expectInvalid(setup().tokens, craft({ sub: undefined }));
      expectInvalid(setup().tokens, craft({ role: 'superuser' }));
      expectInvalid(setup().tokens, craft({ role: undefined }));
      expectInvalid(setup().tokens, craft({ role: ['admin'] }));
    });

    it('refuses garbage without throwing', () => {
      const { tokens } = setup();
      const valid = tokens.issue(CLAIMS).token;
      for (const garbage of ['', 'abc', 'a.b.c', '..', '...', 'x'.repeat(10_000), `Bearer ${valid}`, ` ${valid}`, `${valid}.`, `${b64url('x')}.${b64url('y')}.z`]) {
        expectInvalid(tokens, garbage);
      }
      for (const notAString of [undefined, null, 42, {}, []]) {
        expectInvalid(tokens, notAString as unknown as string);
      }
    });

    it('never throws on arbitrary strings', () => {
      const { tokens } = setup();
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.tuple(fc.string(), fc.string(), fc.string()).map((parts) => parts.join('.'))), (s) => {
          expect(tokens.verify(s)).toEqual({ ok: false, code: 'INVALID_TOKEN' });
        }),
      );
    });
  });

  describe('construction', () => {
    it('refuses a secret shorter than 32 bytes, counting bytes not characters', () => {
      expect(() => setup({ secret: 'x'.repeat(31) })).toThrow(RangeError);
      expect(() => setup({ secret: '' })).toThrow(RangeError);
      expect(() => setup({ secret: 'x'.repeat(32) })).not.toThrow();
      expect(() => setup({ secret: 'é'.repeat(16) })).not.toThrow(); // 16 characters, 32 bytes
    });

    it('refuses an empty issuer or audience and a lifetime that is not a positive integer', () => {
      expect(() => setup({ issuer: '' })).toThrow(RangeError);
      expect(() => setup({ audience: '' })).toThrow(RangeError);
      expect(() => setup({ expiresInSeconds: 0 })).toThrow(RangeError);
      expect(() => setup({ expiresInSeconds: 1.5 })).toThrow(RangeError);
    });

    it('uses the system clock by default', () => {
      const tokens = new JwtAccessTokens({ secret: SECRET, issuer: ISSUER, audience: AUDIENCE });
      const { token } = tokens.issue(CLAIMS);
      const exp = (decode(token) as { exp: number }).exp;
      expect(Math.abs(exp - (Math.floor(Date.now() / 1000) + 900))).toBeLessThanOrEqual(1);
      expect(tokens.verify(token).ok).toBe(true);
    });
  });
});
