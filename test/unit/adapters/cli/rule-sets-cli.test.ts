/** @module `baton validate`, `baton diff` and `baton audit verify`, run as real processes through bin/baton.js. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../../../engine/adapters/db/libsql-store.ts';
import { appendAudit } from '../../../../engine/app/audit.ts';
import { createBundle, signBundle } from '../../../../engine/core/ruleset/bundle.ts';

const root = resolve(import.meta.dirname, '../../../..');
const v1File = join(root, 'test/fixtures/rulesets/district-2026.v1.json');
const v2File = join(root, 'test/fixtures/rulesets/district-2026.v2.json');
let dir: string;

const baton = (args: string[], env: Record<string, string> = {}) => {
  const result = spawnSync(process.execPath, [join(root, 'bin/baton.js'), ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'baton-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('baton validate', () => {
  it('exits 0 for a valid rule-set file and for a signed bundle of it', () => {
    expect(baton(['validate', v1File])).toMatchObject({ code: 0, stdout: 'valid\n' });
    const ruleSet = JSON.parse(readFileSync(v1File, 'utf8'));
    const bundle = signBundle(
      createBundle({ ruleSet, exportedAt: '2026-03-02T00:00:00Z', sourceRevision: 'district-2026@1#r4' }),
      { keyId: 'k', secret: 'secret' },
    );
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    expect(baton(['validate', 'bundle.json']).code).toBe(0);
  });

  it('exits 0 for the full demo district rule set, and 1 once one of its weights is broken', () => {
    const full = join(root, 'seeds/rulesets/district-2026-full.json');
    expect(baton(['validate', full])).toMatchObject({ code: 0, stdout: 'valid\n' });
    const ruleSet = JSON.parse(readFileSync(full, 'utf8'));
    const index = ruleSet.documents.findIndex((d: { kind: string }) => d.kind === 'indicator');
    ruleSet.documents[index].weight = -1;
    writeFileSync(join(dir, 'full-broken.json'), JSON.stringify(ruleSet));
    const broken = baton(['validate', 'full-broken.json']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`/documents/${index}/weight`);
  });

  it('exits 1 and prints each issue with its path', () => {
    const ruleSet = JSON.parse(readFileSync(v1File, 'utf8'));
    ruleSet.period = { from: '2026-12-31', to: '2026-01-01' };
    ruleSet.documents[6].weight = 'heavy';
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(ruleSet));
    const result = baton(['validate', 'broken.json']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^error \/documents\/6\/weight: schema\./m);
  });

  it('reads a directory of document files with a rule-set.json header', () => {
    const ruleSet = JSON.parse(readFileSync(v1File, 'utf8'));
    const { documents, version: _v, ...header } = ruleSet;
    const folder = join(dir, 'docs');
    mkdirSync(join(folder, 'indicators'), { recursive: true });
    writeFileSync(join(folder, 'rule-set.json'), JSON.stringify(header));
    documents.forEach((doc: { kind: string; id: string }, i: number) => {
      const sub = doc.kind === 'indicator' ? 'indicators' : '';
      writeFileSync(join(folder, sub, `${String(i).padStart(2, '0')}-${doc.id}.json`), JSON.stringify(doc));
    });
    expect(baton(['validate', 'docs'])).toMatchObject({ code: 0 });
    rmSync(join(folder, 'indicators', '06-ind-city-gov.json'));
    const missingRoot = baton(['validate', 'docs']);
    expect(missingRoot.code).toBe(1);
    expect(missingRoot.stdout).toMatch(/ind-city-gov/);
  });
});

describe('baton diff', () => {
  it('prints the semantic diff as text, and as JSON with --json', () => {
    const text = baton(['diff', v1File, v2File]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^indicator /m);
    expect(text.stdout).toMatch(/\d+ changes\n$/);
    const json = baton(['diff', v1File, v2File, '--json']);
    const { changes } = JSON.parse(json.stdout) as { changes: { change: string }[] };
    expect(changes.map((c) => c.change)).toContain('reweighted');
    expect(baton(['diff', v1File, v1File]).stdout).toBe('No changes\n');
  });
});

describe('baton audit verify', () => {
  it('prints ok for an intact chain and the first broken seq (exit 1) after tampering', async () => {
    const url = `file:${join(dir, 'audit.db')}`;
    const store = await openStore(url);
    for (const action of ['ruleSet.create', 'ruleSet.submit', 'ruleSet.approve', 'ruleSet.publish']) {
      await store.transaction((tx) =>
        appendAudit(tx, {
          at: '2026-03-02T09:00:00.000Z',
          entry: { actor: 'admin', action, target: 'ruleSet:x@1' },
        }),
      );
    }
    expect(baton(['audit', 'verify'], { BATON_DB_URL: url })).toMatchObject({
      code: 0,
      stdout: 'ok (4 records, last seq 4)\n审计链完整：4 条记录\nAudit chain intact: 4 records\n',
    });
    await store.write('DROP TRIGGER audit_log_no_update');
    await store.write("UPDATE audit_log SET action = 'ruleSet.reject' WHERE seq = 3");
    await store.close();
    expect(baton(['audit', 'verify'], { BATON_DB_URL: url })).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(
        /^broken at seq 3 \(hash_mismatch\)\n第 3 条审计记录的哈希不符.*\nAudit record 3's hash does not match/,
      ),
    });
  });
});
