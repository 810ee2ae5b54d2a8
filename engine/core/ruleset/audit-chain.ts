/** @module Tamper-evident audit log: each record's hash covers its content and the previous record's hash. */
import { canonicalJson, sha256Hex } from './canonical.ts';

/** `prevHash` of the first record of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

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
}

/** Why a chain does not verify. */
export type ChainBreak = 'malformed' | 'seq_gap' | 'prev_hash_mismatch' | 'hash_mismatch';

/** Result of {@link verifyChain}. */
export type ChainVerification = { ok: true } | { ok: false; firstBrokenSeq: number; reason: ChainBreak };

/**
 * Hash of one record: SHA-256 of the canonical JSON of `{prevHash, seq, at, actor, action, target,
 * beforeHash, afterHash, details}`. Only those fields count, so extra storage columns do not matter.
 * Throws a `ValidationError` when `details` is not JSON.
 */
export function hashAuditRecord(prevHash: string, record: AuditRecordContent): string {
  const { seq, at, actor, action, target, beforeHash, afterHash, details } = record;
  return sha256Hex(
    canonicalJson({
      prevHash,
      seq,
      at,
      actor,
      action,
      target,
      beforeHash,
      afterHash,
      details: details ?? null,
    }),
  );
}

/** Builds the next record of a chain whose last record is `previous` (or the first record when null). */
export function appendAuditRecord(
  previous: AuditRecord | null,
  content: Omit<AuditRecordContent, 'seq'>,
): AuditRecord {
  const seq = previous ? previous.seq + 1 : 1;
  const prevHash = previous ? previous.hash : GENESIS_HASH;
  const full = { ...content, seq };
  return { ...full, prevHash, hash: hashAuditRecord(prevHash, full) };
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
    typeof x.target === 'string'
  );
};

/**
 * Verifies a chain in order. `seq` starts at 1 and grows by one; each `prevHash` equals the
 * previous `hash` (the first equals {@link GENESIS_HASH}); each `hash` recomputes. Never throws.
 * Pass `{from}` (the last verified record) to verify a later segment of a long chain.
 */
export function verifyChain(
  records: readonly unknown[],
  options: { from?: AuditRecord } = {},
): ChainVerification {
  let expectedSeq = options.from ? options.from.seq + 1 : 1;
  let expectedPrev = options.from ? options.from.hash : GENESIS_HASH;
  for (const record of records) {
    if (!isRecord(record)) return { ok: false, firstBrokenSeq: expectedSeq, reason: 'malformed' };
    if (record.seq !== expectedSeq) return { ok: false, firstBrokenSeq: expectedSeq, reason: 'seq_gap' };
    if (record.prevHash !== expectedPrev)
      return { ok: false, firstBrokenSeq: record.seq, reason: 'prev_hash_mismatch' };
    let hash: string;
    try {
      hash = hashAuditRecord(record.prevHash, record);
    } catch {
      return { ok: false, firstBrokenSeq: record.seq, reason: 'malformed' };
    }
    if (hash !== record.hash) return { ok: false, firstBrokenSeq: record.seq, reason: 'hash_mismatch' };
    expectedSeq += 1;
    expectedPrev = record.hash;
  }
  return { ok: true };
}
