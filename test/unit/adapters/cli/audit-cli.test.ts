/** @module `baton audit verify [--checkpoint FILE]` and `baton audit checkpoint export` as real processes on a database file that switched from plain to keyed records, then was rolled back and re-hashed with SQL. */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveAuditKey } from '../../../../engine/adapters/crypto/audit-key.ts';
import { type LibsqlStore, openStore } from '../../../../engine/adapters/db/libsql-store.ts';
import { appendAudit, withAuditKey } from '../../../../engine/app/audit.ts';
import { type AuditRecord, hashAuditRecord } from '../../../../engine/core/ruleset/audit-chain.ts';
import type { Store } from '../../../../engine/ports/store.ts';

const root = resolve(import.meta.dirname, '../../../..');
let dir: string;
let url: string;
const secretHex = randomBytes(32).toString('hex');

const baton = (args: string[], env: Record<string, string | undefined> = {}) => {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    BATON_DB_URL: url,
    BATON_SECRET_KEY: secretHex,
    BATON_NOW: '2026-03-05T10:00:00+08:00',
    ...env,
  };
  for (const name of Object.keys(merged)) if (merged[name] === undefined) delete merged[name];
  const result = spawnSync(process.execPath, [join(root, 'bin/baton.js'), ...args], {
    cwd: dir,
    env: merged as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

async function append(store: Store, day: number): Promise<void> {
  await store.transaction((tx) =>
    appendAudit(tx, {
      at: `2026-03-0${day}T09:00:00.000Z`,
      entry: { actor: 'admin', action: 'ruleSet.update', target: 'ruleSet:x@1', details: { day } },
    }),
  );
}

async function withStore<T>(fn: (store: LibsqlStore) => Promise<T>): Promise<T> {
  const store = await openStore(url);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'baton-audit-cli-'));
  url = `file:${join(dir, 'baton.db')}`;
  await withStore(async (store) => {
    // Three records as an older release wrote them (plain SHA-256), then three under the audit key.
    for (const day of [1, 2, 3]) await append(store, day);
    const keyed = withAuditKey(store, deriveAuditKey(Buffer.from(secretHex, 'hex')));
    for (const day of [4, 5, 6]) await append(keyed, day);
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('baton audit', () => {
  it('verifies a chain that switched from plain to keyed records against its checkpoints', () => {
    const result = baton(['audit', 'verify']);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toBe(
      'ok (6 records, last seq 6)\n审计链完整：6 条记录，与签名检查点（6 条）一致\nAudit chain intact: 6 records, matching the signed checkpoint (6 records)\n',
    );
  });

  it('names the first keyed record when the key is missing or another one', () => {
    // no BATON_SECRET_KEY and no secret.key beside the database: nothing is created, keyed records cannot pass
    expect(baton(['audit', 'verify'], { BATON_SECRET_KEY: undefined })).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^broken at seq 4 \(key_unavailable\)\n/),
    });
    expect(() => readFileSync(join(dir, 'secret.key'))).toThrow();
    expect(baton(['audit', 'verify'], { BATON_SECRET_KEY: randomBytes(32).toString('hex') })).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^broken at seq 4 \(key_mismatch\)\n/),
    });
  });

  it('exports a checkpoint without the key, and the rollback that only the exported checkpoint can tell', async () => {
    const printed = baton(['audit', 'checkpoint', 'export']);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toMatchObject({
      format: 'baton-audit-checkpoint',
      count: 6,
      at: expect.stringMatching(/^2026-03-05T02:00:/),
    });
    expect(baton(['audit', 'checkpoint', 'export', '--out', 'anchor.json'])).toMatchObject({
      code: 0,
      stdout: 'checkpoint of 6 records written to anchor.json\n',
    });
    const anchorText = readFileSync(join(dir, 'anchor.json'), 'utf8');
    expect(anchorText).not.toContain(secretHex);
    expect(anchorText).not.toContain(
      Buffer.from(deriveAuditKey(Buffer.from(secretHex, 'hex')).secret).toString('hex'),
    );
    expect(baton(['audit', 'verify', '--checkpoint', 'anchor.json'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^ok \(6 records, last seq 6\)\n/),
    });

    await withStore(async (store) => {
      for (const trigger of ['audit_log_no_delete', 'audit_log_no_update', 'audit_checkpoints_no_delete'])
        await store.write(`DROP TRIGGER ${trigger}`);
      await store.write('DELETE FROM audit_log WHERE seq > 4');
    });
    expect(baton(['audit', 'verify'])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^broken at seq 5 \(truncated\)\n/),
    });
    await withStore((store) => store.write('DELETE FROM audit_checkpoints WHERE count > 4'));
    // rolled back consistently inside the database
    expect(baton(['audit', 'verify'])).toMatchObject({ code: 0 });
    expect(baton(['audit', 'verify', '--checkpoint', 'anchor.json'])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/^broken at seq 5 \(anchor_truncated\)\n.*6 条.*\n.*6 records/),
    });
  });

  it('names the first checkpointed record when the chain is re-hashed plainly from an older plain record', async () => {
    await withStore(async (store) => {
      const records: AuditRecord[] = await store.audit.range(0, 100);
      let prevHash = records[0]!.hash;
      for (const r of records.slice(1)) {
        const next: AuditRecord = {
          ...r,
          prevHash,
          scheme: 'sha256',
          keyId: null,
          actor: r.seq === 2 ? 'intruder' : r.actor,
          hash: '',
        };
        next.hash = hashAuditRecord(prevHash, next);
        await store.write(
          'UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ?, scheme = ?, key_id = NULL WHERE seq = ?',
          [next.actor, prevHash, next.hash, 'sha256', r.seq],
        );
        prevHash = next.hash;
      }
    });
    expect(baton(['audit', 'verify'])).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /^broken at seq 4 \(checkpoint_mismatch\)\n第 4 条审计记录的哈希与签名检查点不符/,
      ),
    });
    expect(baton(['audit', 'checkpoint', 'export'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('audit.chain_broken'),
    });
  });

  it('prints its usage for an unknown subcommand', () => {
    expect(baton(['audit', 'nonsense'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: baton audit verify'),
    });
  });
});
