/** @module The scrypt hasher and token source. */
import { describe, expect, it } from 'vitest';
import { createScryptHasher, nodeTokens } from '../../../../engine/adapters/crypto/node-crypto.ts';

const hasher = createScryptHasher({ N: 1024, r: 8, p: 1, keyLength: 32, saltLength: 16 });

describe('scrypt hasher', () => {
  it('salts every hash, stores its parameters and verifies only the right password', async () => {
    const a = await hasher.hash('密码 secret');
    const b = await hasher.hash('密码 secret');
    expect(a).not.toBe(b);
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', '1024', '8', '1']);
    expect(await hasher.verify('密码 secret', a)).toBe(true);
    expect(await hasher.verify('密码 secreT', a)).toBe(false);
  });

  it('verifies hashes made with other parameters, and returns false on garbage', async () => {
    const strong = createScryptHasher();
    const hash = await strong.hash('pw');
    expect(await hasher.verify('pw', hash)).toBe(true);
    for (const bad of ['', 'plain', 'scrypt$x$8$1$a$b', 'scrypt$1024$8$1$AAAA$', 'bcrypt$1$2$3$4$5']) {
      expect(await hasher.verify('pw', bad)).toBe(false);
    }
  });
});

describe('tokens', () => {
  it('makes random url-safe tokens and compares strings safely', () => {
    expect(nodeTokens.randomToken(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nodeTokens.randomToken(32)).not.toBe(nodeTokens.randomToken(32));
    expect(nodeTokens.randomHex(4)).toMatch(/^[0-9a-f]{8}$/);
    expect(nodeTokens.sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(nodeTokens.safeEqual('abc', 'abc')).toBe(true);
    expect(nodeTokens.safeEqual('abc', 'abd')).toBe(false);
    expect(nodeTokens.safeEqual('abc', 'abcd')).toBe(false);
  });
});
