/** @module The audit key: an HKDF subkey of the server secret (BATON_SECRET_KEY or secret.key beside the database), used only to HMAC audit records and checkpoints. */
import { existsSync, readFileSync } from 'node:fs';
import { hkdfSync } from 'node:crypto';
import { join, resolve } from 'node:path';
import { type AuditKey, auditKeyOf } from '../../core/ruleset/audit-chain.ts';
import { parseSecretKey } from '../plugins/secret-box.ts';

/** HKDF `info`: a subkey used for nothing else (the same secret seals plugin credentials and keys query passwords). */
const SUBKEY_LABEL = 'baton/audit-chain/v1';

/** The audit key derived from the 32-byte server secret (`loadSecretKey`). */
export function deriveAuditKey(secretKey: Buffer): AuditKey {
  if (secretKey.length < 32) throw new Error('The audit key needs a secret of at least 32 bytes');
  return auditKeyOf(new Uint8Array(hkdfSync('sha256', secretKey, Buffer.alloc(0), SUBKEY_LABEL, 32)));
}

/**
 * The audit key for reading tools (`baton audit verify`): from BATON_SECRET_KEY, else from an existing
 * `secret.key` in `dataDir`; undefined when neither exists. Unlike `loadSecretKey` it never creates a
 * key, since a fresh key would only make every keyed record fail.
 */
export function readAuditKey(input: { envKey?: string | undefined; dataDir: string }): AuditKey | undefined {
  if (input.envKey) return deriveAuditKey(parseSecretKey(input.envKey));
  const file = join(resolve(input.dataDir), 'secret.key');
  if (!existsSync(file)) return undefined;
  return deriveAuditKey(parseSecretKey(readFileSync(file, 'utf8')));
}
