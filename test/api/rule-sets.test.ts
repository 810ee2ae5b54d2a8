/** @module Rule sets over HTTP: lifecycle, four-eyes, immutability, concurrency, diff, periods in force, bundles, audit, permissions. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashRuleSet } from '../../engine/core/ruleset/canonical.ts';
import { createTestApp, type TestApp } from '../support/api-app.ts';

const root = resolve(import.meta.dirname, '../..');
const fixture = (name: string): Record<string, unknown> => {
  const { version: _v, ...content } = JSON.parse(
    readFileSync(resolve(root, 'test/fixtures/rulesets', name), 'utf8'),
  ) as Record<string, unknown>;
  return content;
};
const v1 = () => fixture('district-2026.v1.json');
const v2 = () => fixture('district-2026.v2.json');

type Json = Record<string, any>;
type Caller = (
  method: string,
  path: string,
  init?: { json?: unknown; headers?: Record<string, string> },
) => Promise<{ status: number; body: Json; etag: string | null }>;

let t: TestApp;
const callers = new Map<string, Caller>();
beforeEach(async () => {
  t = await createTestApp();
  callers.clear();
});
afterEach(async () => {
  await t.close();
});

/** A caller signed in as `username` (one login per test and user). */
async function as(username: string): Promise<Caller> {
  const known = callers.get(username);
  if (known) return known;
  const { cookie, csrfToken } = await t.login(username);
  const call: Caller = async (method, path, init = {}) => {
    const response = await t.request(path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'accept-language': 'en', ...init.headers },
      ...(init.json !== undefined ? { json: init.json } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Json) : {},
      etag: response.headers.get('etag'),
    };
  };
  callers.set(username, call);
  return call;
}

const V = (n: number) => `/api/rule-sets/district-2026/versions/${n}`;

/** Creates district-2026 v1 and takes it to published: admin authors, admin2 approves. */
async function publishV1(): Promise<Json> {
  const admin = await as('admin');
  const admin2 = await as('admin2');
  expect((await admin('POST', '/api/rule-sets', { json: v1() })).status).toBe(201);
  expect((await admin('POST', `${V(1)}/submit`, { json: {} })).status).toBe(200);
  expect((await admin2('POST', `${V(1)}/approve`, { json: {} })).status).toBe(200);
  const published = await admin('POST', `${V(1)}/publish`, { json: {} });
  expect(published.status).toBe(200);
  return published.body;
}

/** Restores `from` into a new draft, saves `content` there, and takes it to published for a period. */
async function publishNext(
  from: number,
  content: Json,
  period: Json = {},
): Promise<{ status: number; body: Json }> {
  const admin = await as('admin');
  const admin2 = await as('admin2');
  const draft = await admin('POST', `${V(from)}/restore`, { json: {} });
  const n = draft.body.number as number;
  await admin('PUT', `${V(n)}/content`, { json: { content }, headers: { 'if-match': draft.etag! } });
  await admin('POST', `${V(n)}/submit`, { json: {} });
  await admin2('POST', `${V(n)}/approve`, { json: {} });
  return admin('POST', `${V(n)}/publish`, { json: period });
}

describe('rule-set lifecycle', () => {
  it('goes draft → inReview → approved → published with a frozen hash and an effective period', async () => {
    const admin = await as('admin');
    const admin2 = await as('admin2');
    const created = await admin('POST', '/api/rule-sets', { json: v1() });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ruleSetId: 'district-2026',
      number: 1,
      status: 'draft',
      revision: 1,
    });
    expect(created.body.issues).toEqual([]);
    expect(created.etag).toBe('"1"');

    const submitted = await admin('POST', `${V(1)}/submit`, { json: {} });
    expect(submitted.body).toMatchObject({ status: 'inReview', submittedBy: 'admin' });
    const approved = await admin2('POST', `${V(1)}/approve`, { json: { comment: 'looks right' } });
    expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'admin2' });
    const published = await admin('POST', `${V(1)}/publish`, { json: {} });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'published',
      publishedBy: 'admin',
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      superseded: [],
    });
    expect(published.body.sha256).toBe(hashRuleSet(v1()));

    const active = await admin('GET', '/api/rule-sets/active?at=2026-05-01');
    expect(active.body).toMatchObject({ ruleSetId: 'district-2026', number: 1 });
    expect((await admin('GET', '/api/rule-sets/active?at=2027-01-01')).status).toBe(404);
    const list = await admin('GET', '/api/rule-sets');
    expect(list.body.items[0]).toMatchObject({ id: 'district-2026', inForce: 1 });
  });

  it('refuses approval by the admin who wrote and submitted the version (four-eyes)', async () => {
    const admin = await as('admin');
    await admin('POST', '/api/rule-sets', { json: v1() });
    await admin('POST', `${V(1)}/submit`, { json: {} });
    const own = await admin('POST', `${V(1)}/approve`, { json: {} });
    expect(own.status).toBe(403);
    expect(own.body.error.code).toBe('ruleset.four_eyes');
    expect((await admin('GET', V(1))).body.status).toBe('inReview');
  });

  it('blocks submitting a draft whose check reports errors, but saves the draft with its issues', async () => {
    const admin = await as('admin');
    const created = await admin('POST', '/api/rule-sets', {
      json: { ...v1(), period: { from: '2026-12-31', to: '2026-01-01' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.issues.map((i: Json) => i.code)).toContain('ruleSet.period');
    const submit = await admin('POST', `${V(1)}/submit`, { json: {} });
    expect(submit.status).toBe(422);
    expect(submit.body.error.code).toBe('ruleset.has_errors');
    expect(submit.body.error.details.issues[0].path).toBe('/period');
  });

  it('sends a version in review back to draft with the reviewer’s comment', async () => {
    const admin = await as('admin');
    const admin2 = await as('admin2');
    await admin('POST', '/api/rule-sets', { json: v1() });
    await admin('POST', `${V(1)}/submit`, { json: {} });
    expect((await admin2('POST', `${V(1)}/reject`, { json: {} })).status).toBe(400);
    const rejected = await admin2('POST', `${V(1)}/reject`, {
      json: { comment: 'weights need a second look' },
    });
    expect(rejected.body).toMatchObject({
      status: 'draft',
      reviewComment: 'weights need a second look',
      submittedBy: null,
    });
  });

  it('keeps published content immutable through the API and in the database', async () => {
    await publishV1();
    const admin = await as('admin');
    const edit = await admin('PUT', `${V(1)}/content`, { json: { content: v2(), revision: 4 } });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('ruleset.not_draft');
    await expect(
      t.store.write(
        "UPDATE rule_set_versions SET content = '{}' WHERE rule_set_id = 'district-2026' AND number = 1",
      ),
    ).rejects.toThrow(/immutable/);
    await expect(
      t.store.write(
        "UPDATE rule_set_versions SET status = 'draft' WHERE rule_set_id = 'district-2026' AND number = 1",
      ),
    ).rejects.toThrow(/unpublished/);
    await expect(t.store.write('DELETE FROM rule_set_versions WHERE number = 1')).rejects.toThrow(
      /cannot be deleted/,
    );
  });

  it('answers a stale revision with 409 and never overwrites; a missing revision is 428', async () => {
    const admin = await as('admin');
    const created = await admin('POST', '/api/rule-sets', { json: v1() });
    const first = await admin('PUT', `${V(1)}/content`, {
      json: { content: v2() },
      headers: { 'if-match': created.etag! },
    });
    expect(first.status).toBe(200);
    expect(first.etag).toBe('"2"');
    const stale = await admin('PUT', `${V(1)}/content`, {
      json: { content: v1() },
      headers: { 'if-match': '"1"' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({
      code: 'ruleset.revision_conflict',
      details: { expected: 1, actual: 2 },
    });
    const staleBody = await admin('PUT', `${V(1)}/content`, { json: { content: v1(), revision: 1 } });
    expect(staleBody.status).toBe(409);
    expect((await admin('PUT', `${V(1)}/content`, { json: { content: v1() } })).status).toBe(428);
    expect((await admin('GET', V(1))).body.sha256).toBe(hashRuleSet(v2()));
  });

  it('edits and removes single documents of a draft', async () => {
    const admin = await as('admin');
    await admin('POST', '/api/rule-sets', { json: v1() });
    const unit = { schemaVersion: 1, name: { en: 'Water Bureau', zh: '水务局' }, type: 'department' };
    const put = await admin('PUT', `${V(1)}/documents/unit/unit.water`, {
      json: { document: unit, revision: 1 },
    });
    expect(put.status).toBe(200);
    expect(put.body.content.documents.at(-1)).toMatchObject({ kind: 'unit', id: 'unit.water' });
    const removed = await admin('DELETE', `${V(1)}/documents/unit/unit.water`, {
      headers: { 'if-match': put.etag! },
    });
    expect(removed.status).toBe(200);
    expect(removed.body.content.documents.some((d: Json) => d.id === 'unit.water')).toBe(false);
    const missing = await admin('DELETE', `${V(1)}/documents/unit/unit.water?revision=3`);
    expect(missing.body.error.code).toBe('ruleset.document_not_found');
  });

  it('restores an old version as a new draft and diffs versions semantically', async () => {
    await publishV1();
    const admin = await as('admin');
    const restored = await admin('POST', `${V(1)}/restore`, { json: {} });
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ number: 2, status: 'draft', basedOn: 1 });
    await admin('PUT', `${V(2)}/content`, { json: { content: v2(), revision: 1 } });
    const diff = await admin('GET', '/api/rule-sets/diff?a=district-2026@1&b=district-2026@2');
    expect(diff.status).toBe(200);
    expect(diff.body.changes.length).toBeGreaterThan(0);
    expect(diff.body.changes.map((c: Json) => c.change)).toContain('reweighted');
    expect(diff.body.text).toMatch(/changes\n$/);
    const same = await admin('GET', '/api/rule-sets/diff?a=district-2026@1&b=district-2026@1');
    expect(same.body.changes).toEqual([]);
  });

  it('keeps exactly one version in force per day: a later publication trims, archives or is refused', async () => {
    await publishV1();
    const admin = await as('admin');
    const mid = await publishNext(1, v2(), { effectiveFrom: '2026-07-01' });
    expect(mid.status).toBe(200);
    expect(mid.body.superseded).toEqual([
      { ruleSetId: 'district-2026', number: 1, action: 'trimmed', effectiveTo: '2026-06-30' },
    ]);
    expect((await admin('GET', '/api/rule-sets/active?at=2026-06-30')).body.number).toBe(1);
    expect((await admin('GET', '/api/rule-sets/active?at=2026-07-01')).body.number).toBe(2);

    const island = await publishNext(1, v1(), { effectiveFrom: '2026-03-01', effectiveTo: '2026-04-30' });
    expect(island.status).toBe(409);
    expect(island.body.error.code).toBe('ruleset.period_overlap');
    expect((await admin('GET', '/api/rule-sets/active?at=2026-03-15')).body.number).toBe(1);

    const whole = await admin('POST', `${V(3)}/publish`, { json: {} });
    expect(whole.status).toBe(200);
    expect(whole.body.superseded.map((s: Json) => [s.number, s.action])).toEqual([
      [1, 'archived'],
      [2, 'archived'],
    ]);
    for (const day of ['2026-01-01', '2026-03-15', '2026-12-31'])
      expect((await admin('GET', `/api/rule-sets/active?at=${day}`)).body.number).toBe(3);
    expect((await admin('GET', V(1))).body).toMatchObject({
      status: 'archived',
      supersededBy: 'district-2026@3',
    });
  });
});

describe('bundles', () => {
  it('exports a signed bundle and imports it back as a new draft with the same content', async () => {
    await publishV1();
    const admin = await as('admin');
    const exported = await admin('GET', `${V(1)}/bundle`);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'baton-bundle', sourceRevision: 'district-2026@1#r4' });
    expect(exported.body.ruleSet.version).toMatchObject({
      number: 1,
      status: 'published',
      approvedBy: 'admin2',
    });
    const audit = await admin('GET', '/api/audit?action=bundle.export');
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actor: 'admin',
        target: 'ruleSet:district-2026@1',
        afterHash: hashRuleSet(v1()),
        details: expect.objectContaining({ sourceRevision: 'district-2026@1#r4' }),
      }),
    ]);
    const imported = await admin('POST', '/api/bundles/import', { json: exported.body });
    expect(imported.status).toBe(201);
    expect(imported.body.mode).toBe('created');
    expect(imported.body.version).toMatchObject({
      number: 2,
      status: 'draft',
      basedOn: 1,
      sha256: hashRuleSet(v1()),
    });
  });

  it('refuses a tampered bundle', async () => {
    await publishV1();
    const admin = await as('admin');
    const bundle = (await admin('GET', `${V(1)}/bundle`)).body;
    bundle.ruleSet.documents[6].name.en = 'Tampered';
    const imported = await admin('POST', '/api/bundles/import', { json: bundle });
    expect(imported.status).toBe(400);
    expect(imported.body.error.code).toBe('bundle.bad_signature');
  });

  it('replaces an unchanged source draft, but refuses one edited since the export', async () => {
    const admin = await as('admin');
    await admin('POST', '/api/rule-sets', { json: v1() });
    const first = (await admin('GET', `${V(1)}/bundle`)).body;
    const replaced = await admin('POST', '/api/bundles/import', { json: first });
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ mode: 'replaced', version: { number: 1, revision: 2 } });

    const second = (await admin('GET', `${V(1)}/bundle`)).body;
    await admin('PUT', `${V(1)}/content`, { json: { content: v2(), revision: 2 } });
    const refused = await admin('POST', '/api/bundles/import', { json: second });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'bundle.draft_changed',
      details: { exported: 2, current: 3 },
    });
    expect((await admin('GET', V(1))).body.sha256).toBe(hashRuleSet(v2()));
  });

  it('refuses to export a plugin secret written inline', async () => {
    const admin = await as('admin');
    const content = v1();
    const binding = (content.documents as Json[]).find((d) => d.kind === 'pluginBinding')!;
    binding.config.apiKey = 'sk_live_abcdefghijklmnop';
    await admin('POST', '/api/rule-sets', { json: content });
    const exported = await admin('GET', `${V(1)}/bundle`);
    expect(exported.status).toBe(400);
    expect(exported.body.error.code).toBe('bundle.inline_secret');
  });
});

describe('audit log and permissions', () => {
  it('writes one audit record per change, in order, with content hashes', async () => {
    await publishV1();
    const admin = await as('admin');
    await admin('POST', `${V(1)}/restore`, { json: {} });
    await admin('PUT', `${V(2)}/content`, { json: { content: v2(), revision: 1 } });
    await admin('POST', `${V(2)}/archive`, { json: {} });
    const audit = await admin('GET', '/api/audit?order=asc');
    // Sign-ins are audited too; this test is about the rule-set changes.
    const changes = audit.body.items.filter((r: Json) => !String(r.action).startsWith('auth.'));
    expect(changes.map((r: Json) => [r.actor, r.action, r.target])).toEqual([
      ['admin', 'ruleSet.create', 'ruleSet:district-2026@1'],
      ['admin', 'ruleSet.submit', 'ruleSet:district-2026@1'],
      ['admin2', 'ruleSet.approve', 'ruleSet:district-2026@1'],
      ['admin', 'ruleSet.publish', 'ruleSet:district-2026@1'],
      ['admin', 'ruleSet.draft.create', 'ruleSet:district-2026@2'],
      ['admin', 'ruleSet.content.replace', 'ruleSet:district-2026@2'],
      ['admin', 'ruleSet.archive', 'ruleSet:district-2026@2'],
    ]);
    expect(changes[5]).toMatchObject({
      beforeHash: hashRuleSet(v1()),
      afterHash: hashRuleSet(v2()),
    });
    const filtered = await admin('GET', '/api/audit?actor=admin2&action=ruleSet.approve');
    expect(filtered.body.total).toBe(1);
    const paged = await admin('GET', '/api/audit?target=ruleSet:district-2026@2&limit=2&offset=1&order=asc');
    expect(paged.body.total).toBe(3);
    expect(paged.body.items.map((r: Json) => r.action)).toEqual([
      'ruleSet.content.replace',
      'ruleSet.archive',
    ]);
  });

  it('verifies the chain, then names the tampered record after a raw edit of the database', async () => {
    await publishV1();
    const auditor = await as('auditor');
    const all = (await auditor('GET', '/api/audit?order=asc&limit=500')).body;
    expect((await auditor('GET', '/api/audit/verify')).body).toMatchObject({
      ok: true,
      count: all.total,
      lastSeq: all.items.at(-1).seq,
    });
    const approval = all.items.find((r: Json) => r.action === 'ruleSet.approve');
    await t.store.write('DROP TRIGGER audit_log_no_update');
    await t.store.write(`UPDATE audit_log SET actor = 'mallory' WHERE seq = ${approval.seq}`);
    expect((await auditor('GET', '/api/audit/verify')).body).toMatchObject({
      ok: false,
      firstBrokenSeq: approval.seq,
      reason: 'hash_mismatch',
    });
  });

  it('refuses to update or delete audit records in the database', async () => {
    await publishV1();
    await expect(t.store.write("UPDATE audit_log SET actor = 'x' WHERE seq = 1")).rejects.toThrow(
      /append-only/,
    );
    await expect(t.store.write('DELETE FROM audit_log WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('lets the auditor read drafts and the audit log, and unit users only published versions', async () => {
    await publishV1();
    const admin = await as('admin');
    await admin('POST', `${V(1)}/restore`, { json: {} });
    const auditor = await as('auditor');
    const unit = await as('dept_user');
    expect((await auditor('GET', V(2))).status).toBe(200);
    expect((await auditor('GET', '/api/audit')).status).toBe(200);
    expect((await auditor('POST', `${V(2)}/submit`, { json: {} })).status).toBe(403);

    const draft = await unit('GET', V(2));
    expect(draft.status).toBe(403);
    expect(draft.body.error.code).toBe('ruleset.draft_forbidden');
    expect((await unit('GET', V(1))).status).toBe(200);
    const list = await unit('GET', '/api/rule-sets/district-2026/versions');
    expect(list.body.items.map((v: Json) => v.number)).toEqual([1]);
    expect((await unit('GET', '/api/audit')).status).toBe(403);
    expect((await unit('POST', '/api/rule-sets', { json: v2() })).status).toBe(403);
    expect((await unit('GET', '/api/rule-sets/diff?a=district-2026@1&b=district-2026@2')).status).toBe(403);
  });

  it('validates a posted rule set without saving it', async () => {
    const admin = await as('admin');
    const good = await admin('POST', '/api/rule-sets/validate', { json: v1() });
    expect(good.body).toEqual({ ok: true, issues: [] });
    const bad = await admin('POST', '/api/rule-sets/validate', { json: { ...v1(), name: 'no' } });
    expect(bad.body.ok).toBe(false);
    expect(bad.body.issues[0].path).toBe('/name');
    expect((await admin('GET', '/api/rule-sets')).body.items).toEqual([]);
  });

  it('lists every rule-set route in the OpenAPI document', async () => {
    const response = await t.request('/openapi.json');
    const paths = Object.keys(((await response.json()) as { paths: Json }).paths);
    for (const path of [
      '/api/rule-sets',
      '/api/rule-sets/{id}/versions/{n}',
      '/api/rule-sets/{id}/versions/{n}/publish',
      '/api/rule-sets/{id}/versions/{n}/documents/{kind}/{docId}',
      '/api/rule-sets/diff',
      '/api/bundles/import',
      '/api/audit/verify',
    ])
      expect(paths).toContain(path);
  });
});
