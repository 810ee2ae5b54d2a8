/** @module The keyed audit chain: HMAC records under the audit key, plain records of older chains still verify, no silent downgrade, signed checkpoints. */
import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type AuditKey,
  type AuditRecord,
  appendAuditRecord,
  auditKeyOf,
  checkCheckpoint,
  hashAuditRecord,
  hmacSha256Hex,
  signCheckpoint,
  verifyChain,
} from '../../../../engine/core/ruleset/audit-chain.ts';

const key = auditKeyOf(new Uint8Array(randomBytes(32)));
const otherKey = auditKeyOf(new Uint8Array(randomBytes(32)));

const content = (i: number) => ({
  at: `2026-02-0${(i % 9) + 1}T08:00:00Z`,
  actor: 'admin.li',
  action: 'ruleSet.update',
  target: 'ruleSet:district-2026@1',
  beforeHash: null,
  afterHash: 'b'.repeat(64),
  details: { step: i },
});

/** `plain` legacy records, then `keyed` records under `k`. */
function chain(plain: number, keyed: number, k: AuditKey = key): AuditRecord[] {
  const records: AuditRecord[] = [];
  for (let i = 0; i < plain + keyed; i++)
    records.push(appendAuditRecord(records.at(-1) ?? null, content(i), i < plain ? undefined : k));
  return records;
}

/** Re-hashes records from index `from` on, as someone rebuilding the chain after an edit would. */
function rehashFrom(records: AuditRecord[], from: number, k?: AuditKey, keyId?: string): AuditRecord[] {
  const out = records.slice(0, from).map((r) => ({ ...r }));
  for (const r of records.slice(from)) {
    const prevHash = out.at(-1)?.hash ?? '0'.repeat(64);
    const base = { ...r, prevHash, details: r.seq === from + 1 ? { step: 'edited' } : r.details };
    const next: AuditRecord = k
      ? { ...base, scheme: 'hmac-sha256', keyId: keyId ?? k.id, hash: '' }
      : { ...base, scheme: 'sha256', keyId: null, hash: '' };
    next.hash = hashAuditRecord(prevHash, next, k);
    out.push(next);
  }
  return out;
}

describe('hmacSha256Hex', () => {
  it('matches RFC 4231 test case 2 and node:crypto for short and long keys', () => {
    const jefe = new TextEncoder().encode('Jefe');
    expect(hmacSha256Hex(jefe, 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    for (const length of [32, 64, 100]) {
      const k = randomBytes(length);
      const message = `审计 record ${length} ${'x'.repeat(length * 3)}`;
      expect(hmacSha256Hex(new Uint8Array(k), message)).toBe(
        createHmac('sha256', k).update(message).digest('hex'),
      );
    }
  });
});

describe('a keyed chain', () => {
  it('marks new records hmac-sha256 with the key id and verifies them under the key', () => {
    const records = chain(0, 5);
    expect(records.every((r) => r.scheme === 'hmac-sha256' && r.keyId === key.id)).toBe(true);
    expect(verifyChain(records, { key })).toEqual({ ok: true });
  });

  it('keeps verifying the plain records written before the switch-over, followed by keyed ones', () => {
    const records = chain(3, 3);
    expect(records.map((r) => r.scheme ?? 'sha256')).toEqual([
      'sha256',
      'sha256',
      'sha256',
      'hmac-sha256',
      'hmac-sha256',
      'hmac-sha256',
    ]);
    expect(verifyChain(records, { key })).toEqual({ ok: true });
    // and a chain of an older release (no scheme field at all) verifies without a key
    const legacy = chain(4, 0).map(({ scheme: _s, keyId: _k, ...r }) => r);
    expect(verifyChain(legacy)).toEqual({ ok: true });
  });

  it('names an edited keyed record', () => {
    const records = chain(2, 4);
    records[3] = { ...records[3]!, actor: 'someone.else' };
    expect(verifyChain(records, { key })).toEqual({ ok: false, firstBrokenSeq: 4, reason: 'hash_mismatch' });
  });

  it('refuses a keyed record re-hashed with plain SHA-256 (no silent downgrade)', () => {
    const records = chain(2, 4);
    expect(verifyChain(rehashFrom(records, 3), { key })).toEqual({
      ok: false,
      firstBrokenSeq: 4,
      reason: 'scheme_downgrade',
    });
    // also across a page boundary: the previous page ended on a keyed record
    const rehashed = rehashFrom(records, 4);
    expect(verifyChain(rehashed.slice(4), { key, from: rehashed[3]! })).toEqual({
      ok: false,
      firstBrokenSeq: 5,
      reason: 'scheme_downgrade',
    });
  });

  it('refuses a chain re-hashed under a wrong key, whether it keeps or changes the key id', () => {
    const records = chain(1, 4);
    expect(verifyChain(rehashFrom(records, 2, otherKey, key.id), { key })).toEqual({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'hash_mismatch',
    });
    expect(verifyChain(rehashFrom(records, 2, otherKey), { key })).toEqual({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'key_mismatch',
    });
  });

  it('says a keyed record cannot be checked without the key, rather than passing it', () => {
    expect(verifyChain(chain(1, 2))).toEqual({ ok: false, firstBrokenSeq: 2, reason: 'key_unavailable' });
  });

  it('refuses an unknown scheme as malformed', () => {
    const records = chain(0, 2);
    records[1] = { ...records[1]!, scheme: 'md5' as 'sha256' };
    expect(verifyChain(records, { key })).toEqual({ ok: false, firstBrokenSeq: 2, reason: 'malformed' });
  });
});

describe('signed checkpoints', () => {
  const head = { count: 12, lastHash: 'a'.repeat(64), at: '2026-03-02T09:00:00.000Z' };

  it('verify under the key that signed them and carry its id, never the key', () => {
    const checkpoint = signCheckpoint(key, head);
    expect(checkpoint).toMatchObject({
      format: 'baton-audit-checkpoint',
      version: 1,
      ...head,
      keyId: key.id,
    });
    expect(checkCheckpoint(checkpoint, key)).toBeNull();
    expect(checkCheckpoint(JSON.parse(JSON.stringify(checkpoint)), key)).toBeNull();
    const text = JSON.stringify(checkpoint);
    expect(text).not.toContain(Buffer.from(key.secret).toString('hex'));
    expect(text).not.toContain(Buffer.from(key.secret).toString('base64'));
  });

  it('fail when a field was changed, under another key, without a key, or when malformed', () => {
    const checkpoint = signCheckpoint(key, head);
    expect(checkCheckpoint({ ...checkpoint, count: 13 }, key)).toBe('bad_mac');
    expect(checkCheckpoint({ ...checkpoint, lastHash: 'b'.repeat(64) }, key)).toBe('bad_mac');
    expect(checkCheckpoint({ ...checkpoint, at: '2027-01-01T00:00:00.000Z' }, key)).toBe('bad_mac');
    expect(checkCheckpoint(checkpoint, otherKey)).toBe('key_mismatch');
    expect(checkCheckpoint({ ...signCheckpoint(otherKey, head), keyId: key.id }, key)).toBe('bad_mac');
    expect(checkCheckpoint(checkpoint, undefined)).toBe('key_unavailable');
    expect(checkCheckpoint({ ...checkpoint, count: '12' }, key)).toBe('malformed');
    expect(checkCheckpoint(null, key)).toBe('malformed');
  });

  it('are not interchangeable with record hashes (distinct labels)', () => {
    const record = chain(0, 1)[0]!;
    const checkpoint = signCheckpoint(key, { count: 1, lastHash: record.prevHash, at: record.at });
    expect(checkpoint.mac).not.toBe(record.hash);
  });
});
