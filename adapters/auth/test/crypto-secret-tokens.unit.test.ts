import { CryptoSecretTokens } from '@gavel/auth';

describe('CryptoSecretTokens', () => {
  const secrets = new CryptoSecretTokens();

  it('generates 32 random bytes as base64url', () => {
    const token = secrets.generate();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('never repeats itself over 1000 tokens', () => {
    const tokens = Array.from({ length: 1000 }, () => secrets.generate());
    expect(new Set(tokens).size).toBe(1000);
  });

  it('digests with SHA-256 as 64 hex characters, deterministically', () => {
    const token = secrets.generate();
    expect(secrets.digest(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(secrets.digest(token)).toBe(secrets.digest(token));
    expect(new CryptoSecretTokens().digest(token)).toBe(secrets.digest(token));
    expect(secrets.digest(secrets.generate())).not.toBe(secrets.digest(token));
    // FIPS 180-2 test vector
    expect(secrets.digest('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
