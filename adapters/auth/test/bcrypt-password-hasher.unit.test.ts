import { BcryptPasswordHasher } from '@gavel/auth';

/** Cost 4 keeps the suite fast; the production floor (12) is tested once below. */
const fast = () => new BcryptPasswordHasher({ cost: 4, allowWeakCostForTests: true });

describe('BcryptPasswordHasher', () => {
  it('hashes and verifies a password', async () => {
    const hasher = fast();
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$2[aby]\$04\$.{53}$/);
    await expect(hasher.verify('correct horse battery staple', hash)).resolves.toBe(true);
  });

  it('refuses a wrong password', async () => {
    const hasher = fast();
    const hash = await hasher.hash('correct horse battery staple');
    await expect(hasher.verify('correct horse battery stapler', hash)).resolves.toBe(false);
    await expect(hasher.verify('', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    const hasher = fast();
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  describe('the 72-byte limit', () => {
    const euros72 = '€'.repeat(24); // 24 characters, 72 UTF-8 bytes

    it('hashes a password of exactly 72 UTF-8 bytes', async () => {
      const hasher = fast();
      const hash = await hasher.hash(euros72);
      await expect(hasher.verify(euros72, hash)).resolves.toBe(true);
      await expect(hasher.verify('€'.repeat(23), hash)).resolves.toBe(false);
    });

    it('throws a RangeError for 73 bytes, counting bytes not characters', async () => {
      const hasher = fast();
      await expect(hasher.hash(`${euros72}a`)).rejects.toThrow(RangeError);
      await expect(hasher.hash(`${'a'.repeat(71)}é`)).rejects.toThrow(RangeError); // 72 characters, 73 bytes
    });

    it('does not accept a longer password that shares the first 72 bytes of the right one', async () => {
      const hasher = fast();
      const hash = await hasher.hash(euros72);
      await expect(hasher.verify(`${euros72}anything`, hash)).resolves.toBe(false);
    });
  });

  describe('cost', () => {
    it('refuses a cost below 12 without the test flag', () => {
      expect(() => new BcryptPasswordHasher({ cost: 11 })).toThrow(RangeError);
      expect(() => new BcryptPasswordHasher({ cost: 4 })).toThrow(RangeError);
      expect(() => new BcryptPasswordHasher({ cost: 4, allowWeakCostForTests: false })).toThrow(RangeError);
    });

    it('refuses a cost below 4 even for tests, and one that is not an integer or above 31', () => {
      expect(() => new BcryptPasswordHasher({ cost: 3, allowWeakCostForTests: true })).toThrow(RangeError);
      expect(() => new BcryptPasswordHasher({ cost: 12.5 })).toThrow(RangeError);
      expect(() => new BcryptPasswordHasher({ cost: 32 })).toThrow(RangeError);
    });

    it('uses cost 12 by default', async () => {
      const hasher = new BcryptPasswordHasher();
      const hash = await hasher.hash('a default-cost password');
      expect(hash).toMatch(/^\$2[aby]\$12\$/);
      await expect(hasher.verify('a default-cost password', hash)).resolves.toBe(true);
    }, 30_000);
  });

  it('answers false, never throws, for a malformed hash', async () => {
    const hasher = fast();
    const good = await hasher.hash('some password');
    const malformed = [
      '',
      'not a hash',
      '$2b$04$short',
      good.slice(0, -1),
      `${good}x`,
      good.replace('$04$', '$99$'),
      good.replace('$2b$', '$9z$'),
      '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
      undefined as unknown as string,
      null as unknown as string,
    ];
    for (const hash of malformed) {
      await expect(hasher.verify('some password', hash)).resolves.toBe(false);
    }
  });
});
