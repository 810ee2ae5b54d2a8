/** @module The keyed query password hasher: format, key dependence, legacy scrypt hashes. */
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createScryptHasher } from '../../../../engine/adapters/crypto/node-crypto.ts';
import { createQueryPasswordHasher } from '../../../../engine/adapters/crypto/query-password-hasher.ts';

const key = Buffer.alloc(32, 7);
const hasher = createQueryPasswordHasher({ secretKey: key });

/** A hash written by the scrypt query password hasher (N=1024) that earlier databases hold, for '482915'. */
const LEGACY_SCRYPT = 'scrypt$1024$8$1$KzH2bBEslRSH8_MO3zQloQ$YYzvDaLCp1O2RGMdjb8bdFvKVCl1NXX2k56dK9_LE78';

describe('query password hasher', () => {
  it('writes hmac-sha256$v1$keyId$salt$mac with a fresh salt and verifies only the right password', async () => {
    const a = await hasher.hash('123456');
    const b = await hasher.hash('123456');
    expect(a).toMatch(/^hmac-sha256\$v1\$[0-9a-f]{8}\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(a.split('$')[2]).toBe(b.split('$')[2]);
    expect(await hasher.verify('123456', a)).toBe(true);
    expect(await hasher.verify('123457', a)).toBe(false);
    expect(await hasher.verify('', a)).toBe(false);
  });

  it('never puts the password or an encoding of it in the hash', async () => {
    for (const password of ['123456', '000000', 'query-pw']) {
      const hash = await hasher.hash(password);
      const [, , , salt, mac] = hash.split('$');
      // Only the salt and mac are data; the other parts are fixed or derived from the key.
      expect(hash.replace(salt!, '').replace(mac!, '')).not.toContain(password);
      for (const encoding of ['hex', 'base64', 'base64url'] as const)
        expect(hash).not.toContain(Buffer.from(password, 'utf8').toString(encoding));
    }
    expect(await hasher.hash('query-pw')).not.toContain('query-pw');
  });

  it('needs the same server secret to verify, and uses a subkey rather than the secret itself', async () => {
    const hash = await hasher.hash('654321');
    expect(await createQueryPasswordHasher({ secretKey: Buffer.from(key) }).verify('654321', hash)).toBe(
      true,
    );
    const other = createQueryPasswordHasher({ secretKey: randomBytes(32) });
    expect(await other.verify('654321', hash)).toBe(false);
    // Relabelled with the other key's id, the mac still does not match under that key.
    const otherId = (await other.hash('x')).split('$')[2]!;
    const parts = hash.split('$');
    expect(await other.verify('654321', [parts[0], parts[1], otherId, parts[3], parts[4]].join('$'))).toBe(
      false,
    );
    // An HMAC under the raw secret is not what is stored: the secret is only the HKDF input.
    const raw = createHmac('sha256', key)
      .update(Buffer.from(parts[3]!, 'hex'))
      .update('654321')
      .digest('hex');
    expect(parts[4]).not.toBe(raw);
    expect(() => createQueryPasswordHasher({ secretKey: Buffer.alloc(16) })).toThrow(/32 bytes/);
  });

  it('still verifies scrypt hashes of earlier databases', async () => {
    expect(await hasher.verify('482915', LEGACY_SCRYPT)).toBe(true);
    expect(await hasher.verify('482916', LEGACY_SCRYPT)).toBe(false);
    const fresh = await createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 }).hash(
      '777777',
    );
    expect(await hasher.verify('777777', fresh)).toBe(true);
  });

  it('returns false on malformed or tampered hashes instead of throwing', async () => {
    const good = await hasher.hash('111111');
    const [p, v, id, salt, mac] = good.split('$') as [string, string, string, string, string];
    const flipped = (mac[0] === '0' ? '1' : '0') + mac.slice(1);
    for (const bad of [
      '',
      'plain',
      `${p}$${v}$${id}$${salt}`,
      `${p}$v2$${id}$${salt}$${mac}`,
      `${p}$${v}$${id}$${salt}$${flipped}`,
      `${p}$${v}$${id}$${salt.slice(2)}$${mac}`,
      `${p}$${v}$${id}$${salt}$${mac.slice(2)}`,
      `${p}$${v}$${id}$${salt}$${mac.toUpperCase()}`,
      `${good}$extra`,
      'scrypt$1024$8$1$AAAA$',
      'bcrypt$1$2$3$4$5',
    ])
      expect(await hasher.verify('111111', bad)).toBe(false);
  });
});
