/** @module The keyed audit chain over HTTP on a real database file: rows edited, deleted, truncated and re-hashed with SQL behind the triggers' back are each named with their own code; a clean chain verifies; checkpoints export without the key. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InValue } from '@libsql/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deriveAuditKey } from '../../engine/adapters/crypto/audit-key.ts';
import { type LibsqlStore, openStore } from '../../engine/adapters/db/libsql-store.ts';
import { createHttpApp, routesOf } from '../../engine/adapters/http/app.ts';
import { createJsonLogger } from '../../engine/adapters/log/json-logger.ts';
import { appendAudit, withAuditKey } from '../../engine/app/audit.ts';
import {
  type AuditKey,
  type AuditRecord,
  auditKeyOf,
  hashAuditRecord,
} from '../../engine/core/ruleset/audit-chain.ts';
import { demoUnits, fakeClock, testOperations } from '../support/api-app.ts';
import { createResponseChecker } from '../support/response-contract.ts';

type Json = Record<string, any>;
let dir: string;
let raw: LibsqlStore;
let key: AuditKey;
let secret: Buffer;
let call: (method: string, path: string, json?: unknown) => Promise<{ status: number; body: Json }>;
let original: { log: Json[]; checkpoints: Json[] };

const sql = (text: string, args: InValue[] = []) => raw.write(text, args);
const rows = async (table: string) =>
  (await raw.read(`SELECT * FROM ${table} ORDER BY 1`)).map((r) => ({ ...r }));
const verify = async () => (await call('GET', '/api/audit/verify')).body;

async function restore(): Promise<void> {
  await sql('DELETE FROM audit_log');
  await sql('DELETE FROM audit_checkpoints');
  for (const [table, list] of [
    ['audit_log', original.log],
    ['audit_checkpoints', original.checkpoints],
  ] as const) {
    for (const row of list) {
      const columns = Object.keys(row);
      await sql(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        columns.map((c) => row[c] as InValue),
      );
    }
  }
}

/** Edits record `from`, then re-hashes it and every later record plainly (no key) or under `withKey`. */
async function rehashFrom(from: number, withKey?: AuditKey): Promise<void> {
  const records: AuditRecord[] = await raw.audit.range(0, 100_000);
  let prevHash = from === 1 ? '0'.repeat(64) : records[from - 2]!.hash;
  for (const r of records.slice(from - 1)) {
    const next: AuditRecord = {
      ...r,
      prevHash,
      details: r.seq === from ? { forged: true } : r.details,
      scheme: withKey ? 'hmac-sha256' : 'sha256',
      keyId: withKey ? r.keyId : null,
      hash: '',
    };
    next.hash = hashAuditRecord(prevHash, next, withKey);
    await sql(
      'UPDATE audit_log SET details = ?, prev_hash = ?, hash = ?, scheme = ?, key_id = ? WHERE seq = ?',
      [JSON.stringify(next.details), next.prevHash, next.hash, next.scheme!, next.keyId ?? null, r.seq],
    );
    prevHash = next.hash;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-audit-api-'));
  raw = await openStore(`file:${join(dir, 'baton.db')}`);
  secret = randomBytes(32);
  key = deriveAuditKey(secret);
  // As main.ts wires it: the store's audit repositories keyed under a subkey of the server secret.
  const store = withAuditKey(raw, key);
  const clock = fakeClock();
  const ops = testOperations(store, clock);
  const passwords = (await ops.seedDemo({ units: demoUnits() }))!;
  for (const action of ['ruleSet.create', 'ruleSet.submit', 'ruleSet.approve', 'ruleSet.publish']) {
    clock.advance(60_000);
    await store.transaction((tx) =>
      appendAudit(tx, {
        at: clock.now().toISOString(),
        entry: { actor: 'admin', action, target: 'ruleSet:district-2026@1' },
      }),
    );
  }
  const logs: string[] = [];
  const app = createHttpApp({
    ops,
    logger: createJsonLogger((line) => logs.push(line)),
    version: '9.9.9-test',
    studioDir: join(dir, 'studio'),
  });
  const contract = createResponseChecker(routesOf(app));
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'auditor', password: passwords.auditor }),
  });
  expect(login.status).toBe(200);
  const cookie = /baton_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')![1]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  call = async (method, path, json) => {
    const response = await app.request(path, {
      method,
      headers: {
        cookie: `baton_session=${cookie}`,
        'x-csrf-token': csrfToken,
        'content-type': 'application/json',
        'accept-language': 'zh-CN',
      },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    await contract.check(method, path, response);
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  original = { log: await rows('audit_log'), checkpoints: await rows('audit_checkpoints') };
  // Tampering as someone with the database file would: first the append-only triggers go.
  for (const trigger of [
    'audit_log_no_update',
    'audit_log_no_delete',
    'audit_checkpoints_no_update',
    'audit_checkpoints_no_delete',
  ])
    await sql(`DROP TRIGGER ${trigger}`);
});

afterAll(async () => {
  await raw?.close();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await restore();
});

describe('a clean keyed chain', () => {
  it('is all HMAC records with one signed checkpoint per record, and verifies ok', async () => {
    const n = original.log.length;
    expect(n).toBeGreaterThan(4);
    expect(original.log.every((r) => r.scheme === 'hmac-sha256' && r.key_id === key.id)).toBe(true);
    expect(original.checkpoints.map((c) => Number(c.count))).toEqual(original.log.map((r) => Number(r.seq)));
    expect(await verify()).toMatchObject({
      ok: true,
      count: n,
      lastSeq: n,
      keyed: true,
      checkpoint: { count: n },
      message: {
        zh: expect.stringContaining('审计链完整'),
        en: expect.stringContaining('Audit chain intact'),
      },
    });
  });

  it('exports a signed checkpoint of the head that holds no key and verifies as an anchor', async () => {
    const exported = await call('GET', '/api/audit/checkpoint');
    expect(exported.status).toBe(200);
    const n = original.log.length;
    expect(exported.body).toMatchObject({
      format: 'baton-audit-checkpoint',
      version: 1,
      count: n,
      lastHash: original.log.at(-1)!.hash,
      keyId: key.id,
    });
    const text = JSON.stringify(exported.body);
    for (const secretText of [
      secret.toString('hex'),
      secret.toString('base64'),
      Buffer.from(key.secret).toString('hex'),
    ])
      expect(text).not.toContain(secretText);
    expect((await call('POST', '/api/audit/verify', { checkpoint: exported.body })).body).toMatchObject({
      ok: true,
      anchor: { count: n },
    });
  });
});

describe('tampering with SQL', () => {
  it('an edited row: hash_mismatch at that row', async () => {
    await sql('UPDATE audit_log SET actor = ? WHERE seq = 3', ['intruder']);
    expect(await verify()).toMatchObject({
      ok: false,
      firstBrokenSeq: 3,
      reason: 'hash_mismatch',
      message: { zh: expect.stringContaining('第 3 条'), en: expect.stringContaining('record 3') },
    });
  });

  it('a deleted middle row: seq_gap at that row', async () => {
    await sql('DELETE FROM audit_log WHERE seq = 2');
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'seq_gap' });
  });

  it('the newest rows removed: truncated, naming the first missing record', async () => {
    const n = original.log.length;
    await sql('DELETE FROM audit_log WHERE seq > ?', [n - 2]);
    expect(await verify()).toMatchObject({
      ok: false,
      count: n - 2,
      firstBrokenSeq: n - 1,
      reason: 'truncated',
    });
  });

  it('after the newest rows were removed, refuses to append over them (audit.chain_tampered) and writes nothing', async () => {
    const n = original.log.length;
    await sql('DELETE FROM audit_log WHERE seq > ?', [n - 2]);
    await expect(
      withAuditKey(raw, key).transaction((tx) =>
        appendAudit(tx, {
          at: '2026-03-02T10:00:00.000Z',
          entry: { actor: 'admin', action: 'ruleSet.create', target: 'ruleSet:y@1' },
        }),
      ),
    ).rejects.toMatchObject({ code: 'audit.chain_tampered' });
    expect(await rows('audit_log')).toHaveLength(n - 2);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: n - 1, reason: 'truncated' });
  });

  it('the newest rows and their checkpoints removed: only the exported anchor tells (anchor_truncated)', async () => {
    const anchor = (await call('GET', '/api/audit/checkpoint')).body;
    const n = original.log.length;
    await sql('DELETE FROM audit_log WHERE seq > ?', [n - 2]);
    await sql('DELETE FROM audit_checkpoints WHERE count > ?', [n - 2]);
    // A consistent rollback inside the database: the database alone cannot tell.
    expect(await verify()).toMatchObject({ ok: true, count: n - 2 });
    expect((await call('POST', '/api/audit/verify', { checkpoint: anchor })).body).toMatchObject({
      ok: false,
      firstBrokenSeq: n - 1,
      reason: 'anchor_truncated',
    });
  });

  it('a chain re-hashed plainly from an edited keyed row: scheme_downgrade at that row', async () => {
    await rehashFrom(3);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 3, reason: 'scheme_downgrade' });
  });

  it('the whole chain re-hashed plainly from the first row: checkpoint_mismatch at the first row', async () => {
    await rehashFrom(1);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 1, reason: 'checkpoint_mismatch' });
  });

  it('the whole chain re-hashed plainly and every checkpoint deleted: only the anchor tells (anchor_mismatch)', async () => {
    const anchor = (await call('GET', '/api/audit/checkpoint')).body;
    await rehashFrom(1);
    await sql('DELETE FROM audit_checkpoints');
    expect((await call('POST', '/api/audit/verify', { checkpoint: anchor })).body).toMatchObject({
      ok: false,
      firstBrokenSeq: anchor.count,
      reason: 'anchor_mismatch',
    });
  });

  it('a chain re-hashed under a wrong key from an edited row: hash_mismatch at that row', async () => {
    await rehashFrom(4, auditKeyOf(new Uint8Array(randomBytes(32))));
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 4, reason: 'hash_mismatch' });
  });

  it('checkpoints deleted while keyed records remain: checkpoint_missing', async () => {
    const n = original.log.length;
    await sql('DELETE FROM audit_checkpoints WHERE count > ?', [n - 3]);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: n - 2, reason: 'checkpoint_missing' });
  });

  it('a forged checkpoint row: checkpoint_invalid', async () => {
    await sql('UPDATE audit_checkpoints SET at = ? WHERE count = 2', ['2030-01-01T00:00:00.000Z']);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 2, reason: 'checkpoint_invalid' });
  });

  it('refuses a changed exported checkpoint with 400 audit.checkpoint_invalid and signs nothing over a broken chain', async () => {
    const anchor = (await call('GET', '/api/audit/checkpoint')).body;
    const forged = await call('POST', '/api/audit/verify', {
      checkpoint: { ...anchor, count: anchor.count + 5 },
    });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('audit.checkpoint_invalid');
    await sql('UPDATE audit_log SET actor = ? WHERE seq = 2', ['intruder']);
    const refused = await call('GET', '/api/audit/checkpoint');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('audit.chain_broken');
  });
});
