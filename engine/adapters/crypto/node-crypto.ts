/** @module node:crypto adapters: scrypt password hasher, random tokens and ids (the clock is in adapters/clock). */
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import type { IdSource } from '../../ports/id-source.ts';
import type { PasswordHasher, TokenSource } from '../../ports/secrets.ts';

/** scrypt cost parameters; stored in every hash so they can be raised later without breaking old hashes. */
export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  r: number;
  p: number;
  keyLength: number;
  saltLength: number;
}

/** Defaults: about 16 MiB and a few tens of milliseconds per hash. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1, keyLength: 64, saltLength: 16 };

const derive = (password: string, salt: Buffer, params: Omit<ScryptParams, 'saltLength'>): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      params.keyLength,
      { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });

/** Hash format: `scrypt$N$r$p$<salt base64url>$<key base64url>`. */
export function createScryptHasher(params: ScryptParams = DEFAULT_SCRYPT): PasswordHasher {
  return {
    async hash(password) {
      const salt = randomBytes(params.saltLength);
      const key = await derive(password, salt, params);
      return [
        'scrypt',
        params.N,
        params.r,
        params.p,
        salt.toString('base64url'),
        key.toString('base64url'),
      ].join('$');
    },
    async verify(password, hash) {
      const parts = hash.split('$');
      if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
      const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
      if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 1 << 20) return false;
      const salt = Buffer.from(parts[4]!, 'base64url');
      const expected = Buffer.from(parts[5]!, 'base64url');
      if (expected.length === 0) return false;
      try {
        const actual = await derive(password, salt, { N, r, p, keyLength: expected.length });
        return timingSafeEqual(actual, expected);
      } catch {
        return false;
      }
    },
  };
}

/** Random tokens and digests from node:crypto. */
export const nodeTokens: TokenSource = {
  randomToken: (bytes) => randomBytes(bytes).toString('base64url'),
  randomHex: (bytes) => randomBytes(bytes).toString('hex'),
  sha256: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
  safeEqual: (a, b) => {
    // Compare digests so that unequal lengths do not leak through an early exit.
    const da = createHash('sha256').update(a, 'utf8').digest();
    const db = createHash('sha256').update(b, 'utf8').digest();
    return timingSafeEqual(da, db) && a.length === b.length;
  },
};

/** Random UUID ids, optionally prefixed. */
export const uuidIds: IdSource = {
  newId: (prefix) => (prefix ? `${prefix}_${randomUUID()}` : randomUUID()),
};
