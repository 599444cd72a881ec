import { createSecretKey, type KeyObject } from 'node:crypto';
import { sign, verify } from 'jsonwebtoken';
import { UserId, isUuid, type AccessClaims, type AccessTokens, type Clock, type Role } from '@gavel/core';

export interface JwtAccessTokensOptions {
  /** The HMAC key, from the environment: at least 32 bytes (RFC 7518 §3.2: a key as long as the hash). */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  /** Lifetime of a token; 15 minutes unless told. */
  readonly expiresInSeconds?: number;
  /** Time for `iat`/`exp` and for checking them; the system clock unless told. */
  readonly clock?: Clock;
}

const ALGORITHM = 'HS256';
const TYP = 'access';
const ROLES: readonly Role[] = ['user', 'admin'];
/** Skew allowed between the machines of one deployment; small, so an expired token stays expired. */
const CLOCK_TOLERANCE_SECONDS = 5;
/** Our tokens are a few hundred bytes; anything far larger is not one of them and is not parsed. */
const MAX_TOKEN_LENGTH = 4096;

const invalid = { ok: false, code: 'INVALID_TOKEN' } as const;
const systemClock: Clock = { now: () => Date.now() };

/**
 * Access tokens as HS256 JWTs. Verification pins the algorithm (no `none`, no RS/HS confusion),
 * requires `iss`, `aud` and `exp` (jsonwebtoken accepts a token without `exp` unless told), and
 * checks every claim the core relies on; any failure is `INVALID_TOKEN`, never an exception.
 */
export class JwtAccessTokens implements AccessTokens {
  private readonly key: KeyObject;
  private readonly issuer: string;
  private readonly audience: string;
  private readonly ttl: number;
  private readonly clock: Clock;

  constructor(options: JwtAccessTokensOptions) {
    if (typeof options.secret !== 'string' || Buffer.byteLength(options.secret, 'utf8') < 32) {
      throw new RangeError('JwtAccessTokens: the secret must be at least 32 bytes');
    }
    if (!options.issuer || !options.audience) throw new RangeError('JwtAccessTokens: issuer and audience are required');
    const ttl = options.expiresInSeconds ?? 900;
    if (!Number.isSafeInteger(ttl) || ttl <= 0) throw new RangeError('JwtAccessTokens: expiresInSeconds must be a positive integer');
    this.key = createSecretKey(Buffer.from(options.secret, 'utf8'));
    this.issuer = options.issuer;
    this.audience = options.audience;
    this.ttl = ttl;
    this.clock = options.clock ?? systemClock;
  }

  issue(claims: AccessClaims): { readonly token: string; readonly expiresIn: number } {
    const iat = this.nowSeconds();
    const token = sign({ role: claims.role, typ: TYP, iat, exp: iat + this.ttl }, this.key, {
      algorithm: ALGORITHM,
      subject: claims.userId,
      issuer: this.issuer,
      audience: this.audience,
    });
    return { token, expiresIn: this.ttl };
  }

  verify(token: string): { ok: true; claims: AccessClaims; expiresAt: number } | { ok: false; code: 'INVALID_TOKEN' } {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return invalid;
    try {
      const payload: unknown = verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        clockTimestamp: this.nowSeconds(),
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return invalid;
      const { sub, role, typ, exp } = payload as Record<string, unknown>;
      // jsonwebtoken checks `exp` only when present: a token without one would never expire.
      if (typeof exp !== 'number' || !Number.isFinite(exp)) return invalid;
      if (typ !== TYP) return invalid;
      if (typeof sub !== 'string' || !isUuid(sub)) return invalid;
      if (!ROLES.includes(role as Role)) return invalid;
      return { ok: true, claims: { userId: UserId(sub), role: role as Role }, expiresAt: exp * 1000 };
    } catch {
      return invalid;
    }
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now() / 1000);
  }
}
