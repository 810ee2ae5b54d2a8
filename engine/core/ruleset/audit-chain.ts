/** @module Tamper-evident audit log: each record's hash (new records: an HMAC under the server's audit key) covers its content and the previous record's hash; signed head checkpoints pin the chain's length and end. */
import type { GetApiAuditCheckpointResponse } from '../../../schemas/api-types.gen.ts';
import { canonicalJson, sha256, sha256Hex, toHex } from './canonical.ts';

/** `prevHash` of the first record of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * How a record's `hash` is computed. `sha256`: plain SHA-256, the scheme of records written before the
 * chain was keyed (still verified, never written when a key is configured). `hmac-sha256`: an HMAC under
 * the audit key, which someone holding only the database cannot recompute.
 */
export type AuditScheme = 'sha256' | 'hmac-sha256';

/** The audit key: a subkey of the server secret (derived by the crypto adapter) and its public id. */
export interface AuditKey {
  /** Public id of the key (a MAC of a fixed label), stored with each keyed record; says nothing about the key. */
  id: string;
  /** The 32-byte subkey. Never logged, stored or exported. */
  secret: Uint8Array;
}

/** The hashed content of an audit record. */
export interface AuditRecordContent {
  /** Position in the chain, from 1, without gaps. */
  seq: number;
  /** When it happened (ISO 8601); supplied by the app's clock, never read here. */
  at: string;
  /** Who did it (user id, `system` or `plugin:<id>`). */
  actor: string;
  /** What was done, e.g. `ruleSet.publish`. */
  action: string;
  /** What it was done to, e.g. `ruleSet:district-2025@3`. */
  target: string;
  /** Content hash of the target before the change, or null. */
  beforeHash: string | null;
  /** Content hash of the target after the change, or null. */
  afterHash: string | null;
  /** Any further JSON detail. */
  details: unknown;
}

/** A stored audit record: its content plus the chain links. */
export interface AuditRecord extends AuditRecordContent {
  /** Hash of the previous record ({@link GENESIS_HASH} for seq 1). */
  prevHash: string;
  /** {@link hashAuditRecord} of `prevHash` and the content. */
  hash: string;
  /** How `hash` was computed; absent means `sha256` (records written before the chain was keyed). */
  scheme?: AuditScheme;
  /** Id of the key of an `hmac-sha256` record. */
  keyId?: string | null;
}

/** Why a chain does not verify. */
export type ChainBreak =
  | 'malformed'
  | 'seq_gap'
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  /** A plain `sha256` record after a keyed one: the chain was re-hashed without the key from here. */
  | 'scheme_downgrade'
  /** A keyed record names a key other than the configured one. */
  | 'key_mismatch'
  /** A keyed record, but no audit key is configured to check it. */
  | 'key_unavailable';

/** Result of {@link verifyChain}. */
export type ChainVerification = { ok: true } | { ok: false; firstBrokenSeq: number; reason: ChainBreak };

const RECORD_LABEL = 'baton-audit-record/v1\n';
const CHECKPOINT_LABEL = 'baton-audit-checkpoint/v1\n';
const KEY_ID_LABEL = 'baton-audit-key-id/v1';
const utf8 = new TextEncoder();

/** HMAC-SHA-256 (RFC 2104) of a UTF-8 string, lower-case hex; pure, on the core's SHA-256. */
export function hmacSha256Hex(key: Uint8Array, message: string): string {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint8Array(64);
  const outer = new Uint8Array(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = block[i]! ^ 0x36;
    outer[i] = block[i]! ^ 0x5c;
  }
  const body = utf8.encode(message);
  const innerInput = new Uint8Array(64 + body.length);
  innerInput.set(inner);
  innerInput.set(body, 64);
  outer.set(sha256(innerInput), 64);
  return toHex(sha256(outer));
}

/** An {@link AuditKey} of a 32-byte subkey: its id is the first 16 hex of an HMAC of a fixed label. */
export function auditKeyOf(secret: Uint8Array): AuditKey {
  if (secret.length < 32) throw new Error('The audit key needs at least 32 bytes');
  return { id: hmacSha256Hex(secret, KEY_ID_LABEL).slice(0, 16), secret };
}

/** Equality of two hex strings without an early exit on the first differing character. */
function sameHex(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Hash of one record. `sha256` records: SHA-256 of the canonical JSON of `{prevHash, seq, at, actor,
 * action, target, beforeHash, afterHash, details}` (unchanged since the first release, so old chains
 * verify). `hmac-sha256` records: HMAC under `key` of a record label and the canonical JSON of the same
 * fields plus `scheme` and `keyId`. Only those fields count, so extra storage columns do not matter.
 * Throws a `ValidationError` when `details` is not JSON, and an Error for a keyed record without a key.
 */
export function hashAuditRecord(
  prevHash: string,
  record: AuditRecordContent & Pick<AuditRecord, 'scheme' | 'keyId'>,
  key?: AuditKey,
): string {
  const { seq, at, actor, action, target, beforeHash, afterHash, details } = record;
  const fields = {
    prevHash,
    seq,
    at,
    actor,
    action,
    target,
    beforeHash,
    afterHash,
    details: details ?? null,
  };
  if ((record.scheme ?? 'sha256') === 'sha256') return sha256Hex(canonicalJson(fields));
  if (!key) throw new Error('A keyed audit record needs the audit key');
  return hmacSha256Hex(
    key.secret,
    RECORD_LABEL + canonicalJson({ ...fields, scheme: record.scheme, keyId: record.keyId ?? null }),
  );
}

/**
 * Builds the next record of a chain whose last record is `previous` (or the first record when null):
 * keyed (`hmac-sha256`) when `key` is given, else plain `sha256`.
 */
export function appendAuditRecord(
  previous: AuditRecord | null,
  content: Omit<AuditRecordContent, 'seq'>,
  key?: AuditKey,
): AuditRecord {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  const full: AuditRecordContent & Pick<AuditRecord, 'scheme' | 'keyId'> = key
    ? { ...content, seq, scheme: 'hmac-sha256', keyId: key.id }
    : { ...content, seq };
  return { ...full, prevHash, hash: hashAuditRecord(prevHash, full, key) };
}

const isRecord = (r: unknown): r is AuditRecord => {
  if (typeof r !== 'object' || r === null) return false;
  const x = r as Record<string, unknown>;
  return (
    Number.isSafeInteger(x.seq) &&
    typeof x.prevHash === 'string' &&
    typeof x.hash === 'string' &&
    typeof x.at === 'string' &&
    typeof x.actor === 'string' &&
    typeof x.action === 'string' &&
    typeof x.target === 'string' &&
    (x.scheme === undefined || x.scheme === 'sha256' || x.scheme === 'hmac-sha256')
  );
};

/**
 * Verifies a chain in order. `seq` starts at 1 and grows by one; each `prevHash` equals the
 * previous `hash` (the first equals {@link GENESIS_HASH}); each `hash` recomputes — keyed records
 * under `key`. Once a keyed record is seen, every later record must be keyed too (a plain record
 * after it is a `scheme_downgrade`: someone without the key re-hashed the chain from there).
 * Never throws. Pass `{from}` (the last verified record) to verify a later segment of a long chain.
 */
export function verifyChain(
  records: readonly unknown[],
  options: { from?: AuditRecord; key?: AuditKey } = {},
): ChainVerification {
  let expectedSeq = options.from ? options.from.seq + 1 : 1;
  let expectedPrev = options.from ? options.from.hash : GENESIS_HASH;
  let isKeyed = options.from?.scheme === 'hmac-sha256';
  const { key } = options;
  for (const record of records) {
    if (!isRecord(record)) return { ok: false, firstBrokenSeq: expectedSeq, reason: 'malformed' };
    if (record.seq !== expectedSeq) return { ok: false, firstBrokenSeq: expectedSeq, reason: 'seq_gap' };
    if (record.prevHash !== expectedPrev)
      return { ok: false, firstBrokenSeq: record.seq, reason: 'prev_hash_mismatch' };
    if (record.scheme === 'hmac-sha256') {
      if (!key) return { ok: false, firstBrokenSeq: record.seq, reason: 'key_unavailable' };
      if (record.keyId !== key.id) return { ok: false, firstBrokenSeq: record.seq, reason: 'key_mismatch' };
      isKeyed = true;
    } else if (isKeyed) {
      return { ok: false, firstBrokenSeq: record.seq, reason: 'scheme_downgrade' };
    }
    let hash: string;
    try {
      hash = hashAuditRecord(record.prevHash, record, key);
    } catch {
      return { ok: false, firstBrokenSeq: record.seq, reason: 'malformed' };
    }
    if (!sameHex(hash, record.hash))
      return { ok: false, firstBrokenSeq: record.seq, reason: 'hash_mismatch' };
    expectedSeq += 1;
    expectedPrev = record.hash;
  }
  return { ok: true };
}

/** `format` of an exported checkpoint. */
export const CHECKPOINT_FORMAT = 'baton-audit-checkpoint';

/**
 * A signed head of the chain: after `count` records the last hash was `lastHash`. The MAC is under the
 * audit key, so nobody without it can make one; the key itself is never part of it.
 */
export type AuditCheckpoint = GetApiAuditCheckpointResponse;

const checkpointMac = (key: AuditKey, c: Pick<AuditCheckpoint, 'count' | 'lastHash' | 'at' | 'keyId'>) =>
  hmacSha256Hex(
    key.secret,
    CHECKPOINT_LABEL + canonicalJson({ count: c.count, lastHash: c.lastHash, at: c.at, keyId: c.keyId }),
  );

/** Signs the head `{count, lastHash}` at `at`. */
export function signCheckpoint(
  key: AuditKey,
  head: { count: number; lastHash: string; at: string },
): AuditCheckpoint {
  const unsigned = { count: head.count, lastHash: head.lastHash, at: head.at, keyId: key.id };
  return { format: CHECKPOINT_FORMAT, version: 1, ...unsigned, mac: checkpointMac(key, unsigned) };
}

/** Why a checkpoint is not one of ours. */
export type CheckpointProblem = 'malformed' | 'key_mismatch' | 'key_unavailable' | 'bad_mac';

/** Checks a checkpoint's form and MAC (never throws); null when it is a valid checkpoint under `key`. */
export function checkCheckpoint(value: unknown, key: AuditKey | undefined): CheckpointProblem | null {
  if (typeof value !== 'object' || value === null) return 'malformed';
  const c = value as Record<string, unknown>;
  if (
    c.format !== CHECKPOINT_FORMAT ||
    c.version !== 1 ||
    !Number.isSafeInteger(c.count) ||
    (c.count as number) < 0 ||
    typeof c.lastHash !== 'string' ||
    typeof c.at !== 'string' ||
    typeof c.keyId !== 'string' ||
    typeof c.mac !== 'string'
  )
    return 'malformed';
  if (!key) return 'key_unavailable';
  if (c.keyId !== key.id) return 'key_mismatch';
  return sameHex(checkpointMac(key, value as AuditCheckpoint), c.mac) ? null : 'bad_mac';
}
