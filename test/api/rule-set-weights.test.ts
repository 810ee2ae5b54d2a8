/** @module Visible reasoning for reweights over HTTP: the AHP weights view of a draft, the numeric diff, and audit records of refused approvals and what-if runs. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { yieldToLoop } from '../../engine/app/jobs.ts';
import { createTestApp, type TestApp } from '../support/api-app.ts';

const root = resolve(import.meta.dirname, '../..');
type Json = Record<string, any>;
const v1 = (): Json => {
  const { version: _v, ...content } = JSON.parse(
    readFileSync(resolve(root, 'test/fixtures/rulesets/district-2026.v1.json'), 'utf8'),
  ) as Json;
  return content;
};
/** v1 with the matrix of `ind-d-service`'s comparison replaced. */
const withServiceMatrix = (matrix: number[][]): Json => {
  const content = v1();
  const service = (content.documents as Json[]).find((d) => d.id === 'ind-d-service')!;
  service.ahp = { ...service.ahp, matrix };
  return content;
};

type Caller = (
  method: string,
  path: string,
  json?: unknown,
) => Promise<{ status: number; body: Json; etag: string | null }>;

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.close();
});

async function as(username: string): Promise<Caller> {
  const { cookie, csrfToken } = await t.login(username);
  return async (method, path, json) => {
    const response = await t.request(path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'accept-language': 'zh-CN' },
      ...(json !== undefined ? { json } : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: text ? (JSON.parse(text) as Json) : {},
      etag: response.headers.get('etag'),
    };
  };
}

const V = (n: number) => `/api/rule-sets/district-2026/versions/${n}`;

describe('AHP weights view', () => {
  it('shows a draft’s derived weights, λmax, CI, RI, CR, method and consistency per node, children by name', async () => {
    const admin = await as('admin');
    expect((await admin('POST', '/api/rule-sets', v1())).status).toBe(201);
    const res = await admin('GET', `${V(1)}/weights`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ruleSetId: 'district-2026', number: 1, status: 'draft', revision: 1 });
    expect(res.body.nodes).toHaveLength(1);
    const node = res.body.nodes[0];
    expect(node).toMatchObject({
      nodeId: 'ind-d-service',
      name: { en: 'Public service', zh: '公共服务' },
      comparisonId: 'ahp-service',
      method: 'eigenvector',
      ri: 0,
      cr: 0,
      ci: 0,
      isConsistent: true,
      issues: [],
    });
    expect(node.lambdaMax).toBeCloseTo(2, 10);
    expect(node.children.map((c: Json) => [c.id, c.name.zh])).toEqual([
      ['ind-u-ontime', '按时办结率'],
      ['ind-u-satisfaction', '群众满意率'],
    ]);
    expect(node.children[0].weight).toBeCloseTo(2 / 3, 10);
    expect(node.children[1].weight).toBeCloseTo(1 / 3, 10);
  });

  it('shows a non-reciprocal matrix of a draft with its issue and no weights instead of failing', async () => {
    const admin = await as('admin');
    await admin(
      'POST',
      '/api/rule-sets',
      withServiceMatrix([
        [1, 2],
        [2, 1],
      ]),
    );
    const res = await admin('GET', `${V(1)}/weights`);
    expect(res.status).toBe(200);
    const node = res.body.nodes[0];
    expect(node).toMatchObject({ cr: null, lambdaMax: null, isConsistent: false });
    expect(node.children.map((c: Json) => c.weight)).toEqual([null, null]);
    expect(node.issues.map((i: Json) => i.code)).toEqual(['ahp.not_reciprocal']);
  });

  it('keeps drafts from users who may not read them and answers 404 for a missing version', async () => {
    const admin = await as('admin');
    await admin('POST', '/api/rule-sets', v1());
    const street = await as('street_user');
    const forbidden = await street('GET', `${V(1)}/weights`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('ruleset.draft_forbidden');
    expect((await admin('GET', `${V(9)}/weights`)).status).toBe(404);
  });
});

describe('numeric reweight in the diff', () => {
  it('shows a changed AHP matrix as each child’s share before → after', async () => {
    const admin = await as('admin');
    await admin('POST', '/api/rule-sets', v1());
    const draft = await admin('POST', '/api/rule-sets/district-2026/drafts', { basedOn: 1 });
    const saved = await admin('PUT', `${V(2)}/content`, {
      content: withServiceMatrix([
        [1, 3],
        [1 / 3, 1],
      ]),
      revision: draft.body.revision,
    });
    expect(saved.status).toBe(200);
    const diff = await admin('GET', '/api/rule-sets/diff?a=district-2026@1&b=district-2026@2');
    expect(diff.status).toBe(200);
    const change = diff.body.changes.find((c: Json) => c.documentId === 'ind-d-service');
    expect(change).toMatchObject({ change: 'reweighted', path: '/ahp' });
    expect(change.summary.zh).toContain('按时办结率 66.7% → 75.0%，群众满意率 33.3% → 25.0%');
    expect(diff.body.text).toContain('按时办结率 66.7% → 75.0%');
  });
});

describe('audit of refused approvals and what-if runs', () => {
  it('records an approval refused by the four-eyes rule, after which the chain still verifies', async () => {
    const admin = await as('admin');
    await admin('POST', '/api/rule-sets', v1());
    await admin('POST', `${V(1)}/submit`, {});
    const refused = await admin('POST', `${V(1)}/approve`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('ruleset.four_eyes');
    expect((await admin('GET', V(1))).body.status).toBe('inReview');

    const audit = await admin('GET', '/api/audit?action=ruleSet.approveRefused');
    expect(audit.status).toBe(200);
    expect(audit.body.total).toBe(1);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin',
      action: 'ruleSet.approveRefused',
      target: 'ruleSet:district-2026@1',
      details: { reason: 'ruleset.four_eyes', createdBy: 'admin', submittedBy: 'admin' },
    });
    expect(audit.body.items[0].details.text.zh).toContain('四眼原则');
    expect((await admin('GET', '/api/audit/verify')).body.ok).toBe(true);

    // A permitted approval is audited as before, and no extra refusal record appears.
    const admin2 = await as('admin2');
    expect((await admin2('POST', `${V(1)}/approve`, {})).status).toBe(200);
    expect((await admin('GET', '/api/audit?action=ruleSet.approveRefused')).body.total).toBe(1);
    expect((await admin('GET', '/api/audit?action=ruleSet.approve')).body.total).toBe(1);
  });

  it('records a score what-if run with who ran it, on which draft and with which periods', async () => {
    const admin = await as('admin');
    const admin2 = await as('admin2');
    await admin('POST', '/api/rule-sets', v1());
    await admin('POST', `${V(1)}/submit`, {});
    await admin2('POST', `${V(1)}/approve`, {});
    expect((await admin('POST', `${V(1)}/publish`, {})).status).toBe(200);
    const draft = await admin('POST', '/api/rule-sets/district-2026/drafts', { basedOn: 1 });
    await admin('PUT', `${V(2)}/content`, {
      content: withServiceMatrix([
        [1, 3],
        [1 / 3, 1],
      ]),
      revision: draft.body.revision,
    });
    expect((await admin('GET', '/api/audit?action=ruleSet.whatIf')).body.total).toBe(0);

    const run = await admin('POST', '/api/performance/what-if', {
      ruleSetId: 'district-2026',
      draftVersion: 2,
      periods: ['2026-02'],
    });
    expect([200, 202]).toContain(run.status);
    if (run.status === 202) {
      // Run as a job: wait for it to finish (bounded by turns of the event loop, not by time).
      let job = run.body;
      for (let turn = 0; turn < 10_000 && job.status === 'running'; turn++) {
        await yieldToLoop();
        job = (await admin('GET', `/api/jobs/${run.body.id}`)).body;
      }
      expect(job.status).toBe('done');
    }

    const audit = await admin('GET', '/api/audit?action=ruleSet.whatIf');
    expect(audit.body.total).toBe(1);
    expect(audit.body.items[0]).toMatchObject({
      actor: 'admin',
      action: 'ruleSet.whatIf',
      target: 'ruleSet:district-2026@2',
      details: { kind: 'score', periods: ['2026-02'] },
    });
    expect((await admin('GET', '/api/audit/verify')).body.ok).toBe(true);
  });
});
