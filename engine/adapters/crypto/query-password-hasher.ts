/** @module Keyed hashing of citizens' 6-digit case query passwords: HMAC-SHA256 under a subkey of the server secret, with scrypt hashes of older databases still accepted. */
import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../../ports/secrets.ts';
import { createScryptHasher } from './node-crypto.ts';

/*
 * Why a keyed hash and not scrypt here (see docs/api-cases.md, "Query password trade-off"):
 * a query password has only 10^6 values, so no affordable hashing cost protects it from someone
 * holding the database — 10^6 scrypt(N=1024) guesses take minutes on one core, while costing
 * ~2 ms of CPU on every intake. An HMAC under a key that is NOT in the database (BATON_SECRET_KEY,
 * or secret.key beside the database file) makes a database-only leak useless for guessing: without
 * the key no guess can be checked at all. Online guessing is stopped by the lookup throttle, not by
 * the hash. The per-case salt keeps equal passwords (common in a 10^6 space) from showing up as equal
 * hashes. If the key leaks together with the database, neither scheme protects the password.
 */

const PREFIX = 'hmac-sha256';
const VERSION = 'v1';
const SALT_BYTES = 16;
/** HKDF `info`: a subkey used for nothing else (the same secret also seals plugin credentials). */
const SUBKEY_LABEL = 'baton/case-query-password/v1';
const SALT_HEX = new RegExp(`^[0-9a-f]{${SALT_BYTES * 2}}$`);
const MAC_HEX = /^[0-9a-f]{64}$/;

/** Options of {@link createQueryPasswordHasher}. */
export interface QueryPasswordHasherOptions {
  /** The 32-byte server secret (`loadSecretKey`); only a derived subkey is ever used. */
  secretKey: Buffer;
}

/** The dedicated subkey and its public id: the first 8 hex of an HMAC of a fixed label, so it says nothing about the key. */
function deriveSubkey(secretKey: Buffer): { subkey: Buffer; keyId: string } {
  if (secretKey.length < 32) throw new Error('The query password key needs a secret of at least 32 bytes');
  const subkey = Buffer.from(hkdfSync('sha256', secretKey, Buffer.alloc(0), SUBKEY_LABEL, 32));
  const keyId = createHmac('sha256', subkey).update('key-id').digest('hex').slice(0, 8);
  return { subkey, keyId };
}

const macOf = (subkey: Buffer, salt: Buffer, password: string): Buffer =>
  // The salt has a fixed length, so salt ‖ password is unambiguous.
  createHmac('sha256', subkey).update(salt).update(password.normalize('NFC'), 'utf8').digest();

/**
 * The query password hasher: `hmac-sha256$v1$<keyId>$<salt hex>$<mac hex>`, verified in constant time.
 * Hashes under another key id verify as false (a changed BATON_SECRET_KEY invalidates them, as it
 * does sealed plugin credentials). `scrypt$…` hashes written before this hasher existed still verify
 * with the parameters they carry.
 */
export function createQueryPasswordHasher(options: QueryPasswordHasherOptions): PasswordHasher {
  const { subkey, keyId } = deriveSubkey(options.secretKey);
  // Verification reads N, r, p from the stored hash; these parameters are never used to hash.
  const legacy = createScryptHasher();
  return {
    async hash(password) {
      const salt = randomBytes(SALT_BYTES);
      return [
        PREFIX,
        VERSION,
        keyId,
        salt.toString('hex'),
        macOf(subkey, salt, password).toString('hex'),
      ].join('$');
    },
    async verify(password, hash) {
      if (hash.startsWith('scrypt$')) return legacy.verify(password, hash);
      const parts = hash.split('$');
      if (parts.length !== 5 || parts[0] !== PREFIX || parts[1] !== VERSION || parts[2] !== keyId)
        return false;
      const [saltHex, macHex] = [parts[3]!, parts[4]!];
      if (!SALT_HEX.test(saltHex) || !MAC_HEX.test(macHex)) return false;
      return timingSafeEqual(
        macOf(subkey, Buffer.from(saltHex, 'hex'), password),
        Buffer.from(macHex, 'hex'),
      );
    },
  };
}
