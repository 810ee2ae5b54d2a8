/** @module Signed rule-set bundles (pure HMAC-SHA256) and the inline-secret scan of plugin bindings. */
import type { Bundle, BundleSignature, RuleSet } from '../../../schemas/types.gen.ts';
import type { Issue } from '../errors.ts';
import { canonicalJson, sha256, toHex } from './canonical.ts';

const utf8 = new TextEncoder();
const BLOCK = 64;

/** HMAC-SHA256 (RFC 2104) of a message under a key; strings are UTF-8 encoded. Returns the 32-byte MAC. */
export function hmacSha256(key: string | Uint8Array, message: string | Uint8Array): Uint8Array {
  let k = typeof key === 'string' ? utf8.encode(key) : key;
  if (k.length > BLOCK) k = sha256(k);
  const m = typeof message === 'string' ? utf8.encode(message) : message;
  const inner = new Uint8Array(BLOCK + m.length);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    const byte = k[i] ?? 0;
    inner[i] = byte ^ 0x36;
    outer[i] = byte ^ 0x5c;
  }
  inner.set(m, BLOCK);
  outer.set(sha256(inner), BLOCK);
  return sha256(outer);
}

/** Lower-case hex HMAC-SHA256. */
export function hmacSha256Hex(key: string | Uint8Array, message: string | Uint8Array): string {
  return toHex(hmacSha256(key, message));
}

/** A shared signing key. */
export interface BundleKey {
  keyId: string;
  secret: string | Uint8Array;
}

/** A bundle before signing. */
export type UnsignedBundle = Omit<Bundle, 'signature'>;

/** What is signed: everything but `signature.value`, so `alg` and `keyId` cannot be swapped. */
function signingInput(bundle: UnsignedBundle, signature: Omit<BundleSignature, 'value'>): string {
  const { format, version, ruleSet, exportedAt, sourceRevision } = bundle;
  return canonicalJson({
    format,
    version,
    ruleSet,
    exportedAt,
    sourceRevision,
    signature: { alg: signature.alg, keyId: signature.keyId },
  });
}

/** Assembles an unsigned bundle from its parts (the caller supplies the export time). */
export function createBundle(input: {
  ruleSet: RuleSet;
  exportedAt: string;
  sourceRevision: string;
}): UnsignedBundle {
  return {
    format: 'baton-bundle',
    version: 1,
    ruleSet: input.ruleSet,
    exportedAt: input.exportedAt,
    sourceRevision: input.sourceRevision,
  };
}

/** Signs a bundle (any existing signature is replaced). Throws a `ValidationError` when the content is not JSON. */
export function signBundle(bundle: UnsignedBundle | Bundle, key: BundleKey): Bundle {
  const { signature: _old, ...unsigned } = bundle as Bundle;
  const header = { alg: 'HMAC-SHA256' as const, keyId: key.keyId };
  const value = hmacSha256Hex(key.secret, signingInput(unsigned, header));
  return { ...unsigned, signature: { ...header, value } };
}

/** Result of {@link verifyBundle}. */
export type BundleVerification = { ok: true } | { ok: false; issue: Issue };

const fail = (code: string, path: string, en: string, zh: string): BundleVerification => ({
  ok: false,
  issue: { path, code, message: en, messageZh: zh, severity: 'error' },
});

/** Compares two strings without an early exit, so timing does not reveal the matching prefix. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * Verifies a bundle's format and signature with a key (or a key ring looked up by `keyId`).
 * Never throws; the issue codes are `bundle.malformed`, `bundle.unknown_key`, `bundle.bad_signature`.
 */
export function verifyBundle(bundle: unknown, key: BundleKey | readonly BundleKey[]): BundleVerification {
  if (typeof bundle !== 'object' || bundle === null)
    return fail('bundle.malformed', '', 'A bundle must be an object', '导出包必须是对象');
  const b = bundle as Partial<Bundle>;
  if (b.format !== 'baton-bundle' || b.version !== 1)
    return fail('bundle.malformed', '/format', 'Not a version 1 Baton bundle', '不是第 1 版 Baton 导出包');
  const sig = b.signature;
  if (typeof sig !== 'object' || sig === null || sig.alg !== 'HMAC-SHA256' || typeof sig.value !== 'string')
    return fail(
      'bundle.malformed',
      '/signature',
      'Missing or unsupported signature',
      '签名缺失或算法不受支持',
    );
  const keys = Array.isArray(key) ? key : [key as BundleKey];
  const match = keys.find((k) => k.keyId === sig.keyId);
  if (!match)
    return fail(
      'bundle.unknown_key',
      '/signature/keyId',
      `Unknown signing key "${String(sig.keyId)}"`,
      `未知的签名密钥“${String(sig.keyId)}”`,
    );
  let expected: string;
  try {
    expected = hmacSha256Hex(match.secret, signingInput(b as UnsignedBundle, sig));
  } catch {
    return fail('bundle.malformed', '/ruleSet', 'The bundle content is not JSON', '导出包内容不是合法 JSON');
  }
  if (!constantTimeEqual(expected, sig.value))
    return fail(
      'bundle.bad_signature',
      '/signature/value',
      'The signature does not match: the bundle was altered or signed with another key',
      '签名不匹配：导出包已被修改或使用了其他密钥签名',
    );
  return { ok: true };
}

const SECRET_KEY =
  /(secret|passw(or)?d|pwd|token|api[-_]?key|private[-_]?key|credential|auth|signing[-_]?key)/i;
const PEM = /-----BEGIN [A-Z ]*(PRIVATE KEY|CERTIFICATE)-----/;
const BEARER = /^(Bearer|Basic)\s+\S{8,}/i;
const KNOWN_PREFIX = /^(AKIA[0-9A-Z]{16}|sk_live_\S+|ghp_[A-Za-z0-9]{20,}|xox[bpa]-\S+)$/;
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i;

/** Whether a string looks like a random credential: long, no spaces, several character classes. */
function looksRandom(value: string): boolean {
  if (value.length < 24 || /\s/.test(value) || /^https?:\/\//.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  const hexOnly = /^[0-9a-fA-F]{32,}$/.test(value);
  return hexOnly || classes >= 3;
}

const pointerSegment = (s: string | number): string => String(s).replaceAll('~', '~0').replaceAll('/', '~1');

const isSecretRef = (v: unknown): boolean =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as Record<string, unknown>).$secret === 'string' &&
  Object.keys(v).length === 1;

/**
 * Finds plugin-binding config values that look like secrets written inline instead of as
 * `{"$secret": "NAME"}` references: a non-empty string under a secret-sounding key, a PEM block,
 * a bearer/basic credential, a URL with a password, a well-known key prefix, or a long random-looking string.
 * Paths are JSON pointers into the rule set. Never throws.
 */
export function findInlineSecrets(ruleSet: unknown): Issue[] {
  const issues: Issue[] = [];
  const documents = (ruleSet as { documents?: unknown } | null)?.documents;
  if (!Array.isArray(documents)) return issues;
  const seen = new Set<unknown>();
  const visit = (value: unknown, key: string, path: string): void => {
    if (isSecretRef(value)) return;
    if (typeof value === 'string') {
      const reason =
        SECRET_KEY.test(key) && value.length > 0
          ? 'key'
          : PEM.test(value) || BEARER.test(value) || KNOWN_PREFIX.test(value) || URL_WITH_PASSWORD.test(value)
            ? 'value'
            : looksRandom(value)
              ? 'value'
              : null;
      if (reason)
        issues.push({
          path,
          code: 'plugin.inline_secret',
          message: `"${key}" looks like a secret written inline; store it in the secret store and write {"$secret": "NAME"}`,
          messageZh: `“${key}”看起来是明文密钥；请存入密钥库并写成 {"$secret": "名称"}`,
          severity: 'error',
        });
      return;
    }
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], key, `${path}/${i}`);
    } else for (const [k, v] of Object.entries(value)) visit(v, k, `${path}/${pointerSegment(k)}`);
  };
  documents.forEach((doc, i) => {
    const d = doc as { kind?: unknown; config?: unknown } | null;
    if (d && d.kind === 'pluginBinding' && d.config !== undefined)
      visit(d.config, 'config', `/documents/${i}/config`);
  });
  return issues;
}
