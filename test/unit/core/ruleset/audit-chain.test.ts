/** @module The hash-chained audit log detects edits, deletions, insertions and reordering. */
import { describe, expect, it } from 'vitest';
import type { AuditRecord } from '../../../../engine/core/ruleset/audit-chain.ts';
import {
  appendAuditRecord,
  GENESIS_HASH,
  hashAuditRecord,
  verifyChain,
} from '../../../../engine/core/ruleset/audit-chain.ts';

function chain(length: number): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let i = 0; i < length; i++) {
    records.push(
      appendAuditRecord(records.at(-1) ?? null, {
        at: `2026-01-0${(i % 9) + 1}T08:00:00Z`,
        actor: i % 2 === 0 ? 'admin.li' : 'admin.wang',
        action: i === 0 ? 'ruleSet.create' : 'ruleSet.update',
        target: 'ruleSet:district-2026@1',
        beforeHash: i === 0 ? null : 'a'.repeat(64),
        afterHash: 'b'.repeat(64),
        details: { step: i },
      }),
    );
  }
  return records;
}

describe('hashAuditRecord', () => {
  it('depends on the previous hash and on every content field', () => {
    const [record] = chain(1);
    const base = hashAuditRecord(GENESIS_HASH, record!);
    expect(hashAuditRecord('f'.repeat(64), record!)).not.toBe(base);
    for (const field of ['at', 'actor', 'action', 'target'] as const) {
      expect(hashAuditRecord(GENESIS_HASH, { ...record!, [field]: 'other' })).not.toBe(base);
    }
    expect(hashAuditRecord(GENESIS_HASH, { ...record!, details: { step: 1 } })).not.toBe(base);
    expect(hashAuditRecord(GENESIS_HASH, { ...record!, afterHash: null })).not.toBe(base);
  });

  it('ignores fields outside the hashed content and key order', () => {
    const [record] = chain(1);
    const withExtra = { ...record!, storedAt: 'row 7' } as AuditRecord;
    const reordered = Object.fromEntries(Object.entries(record!).reverse()) as unknown as AuditRecord;
    expect(hashAuditRecord(GENESIS_HASH, withExtra)).toBe(record!.hash);
    expect(hashAuditRecord(GENESIS_HASH, reordered)).toBe(record!.hash);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyChain(chain(6))).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
  });

  it('names the first record whose content was edited', () => {
    const records = chain(6);
    records[3] = { ...records[3]!, actor: 'intruder' };
    expect(verifyChain(records)).toEqual({ ok: false, firstBrokenSeq: 4, reason: 'hash_mismatch' });
  });

  it('detects a record edited and rehashed, at the next link', () => {
    const records = chain(6);
    const edited = { ...records[2]!, details: { step: 99 } };
    records[2] = { ...edited, hash: hashAuditRecord(edited.prevHash, edited) };
    expect(verifyChain(records)).toEqual({ ok: false, firstBrokenSeq: 4, reason: 'prev_hash_mismatch' });
  });

  it('detects a deleted record as a gap', () => {
    const records = chain(5);
    records.splice(2, 1);
    expect(verifyChain(records)).toEqual({ ok: false, firstBrokenSeq: 3, reason: 'seq_gap' });
  });

  it('detects a chain that does not start at the genesis hash', () => {
    const records = chain(3);
    expect(verifyChain(records.slice(1))).toEqual({ ok: false, firstBrokenSeq: 1, reason: 'seq_gap' });
    const forged = { ...records[0]!, prevHash: 'c'.repeat(64) };
    expect(verifyChain([forged])).toEqual({ ok: false, firstBrokenSeq: 1, reason: 'prev_hash_mismatch' });
  });

  it('verifies a later segment from the last verified record', () => {
    const records = chain(8);
    expect(verifyChain(records.slice(5), { from: records[4]! })).toEqual({ ok: true });
  });

  it('reports malformed records instead of throwing', () => {
    const records: unknown[] = chain(2);
    expect(verifyChain([...records, 'garbage'])).toEqual({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'malformed',
    });
    const bad = { ...(records[1] as AuditRecord), details: { n: Number.NaN } };
    expect(verifyChain([records[0], bad])).toEqual({ ok: false, firstBrokenSeq: 2, reason: 'malformed' });
  });
});
