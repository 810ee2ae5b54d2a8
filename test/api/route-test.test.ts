/**
 * @module POST /api/rule-sets/:id/versions/:n/route-test on the real server process: one sample case goes
 * through a version's routing table (published or a draft) and the answer names the matched row and its
 * conditions in words (category and unit names, keywords), the near misses before it, and the decision by
 * name; an edited draft decides differently from the published version; only callers who may read drafts
 * may run it; a sample without category is a 400 with its code; a routing input that loops too much is
 * stopped by the route's step budget (422 rule.budget_exceeded), never a 500.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { caseWhatIfRoutes } from '../../engine/adapters/http/routes/case-what-if.ts';
import { useSignedInServer } from '../support/live-session.ts';
import { createResponseChecker } from '../support/response-contract.ts';

const NOW = '2026-11-16T10:00:00+08:00';
const RULE_SET = 'district-2026';

type Doc = Record<string, any>;
type Condition = {
  inputId: string;
  input: string;
  condition: { zh: string; en: string };
  value: { zh: string; en: string };
  isMet: boolean | null;
};
type Row = { index: number; rowId: string | null; failedCount: number; conditions: Condition[] };
type Result = {
  status: string;
  asOf: string;
  category: { code: string; name: { zh: string } } | null;
  decision: {
    isFallback: boolean;
    leadUnit: { id: string; name: { zh: string; en: string } };
    assistingUnits: { id: string; name: { zh: string } }[];
    priority: string;
    slaPolicy: { id: string; name: { zh: string } };
    rowId: string | null;
  };
  tables: { routingTableId: string; matched: Row | null; nearMisses: Row[] }[];
};

const contract = createResponseChecker(caseWhatIfRoutes());
const { as } = useSignedInServer(NOW, ['admin', 'dispatcher', 'auditor']);
let published: number;
let unitNames: Map<string, string>;

const path = (n: number) => `/api/rule-sets/${RULE_SET}/versions/${n}/route-test`;

async function routeTest(user: string, n: number, json: unknown): Promise<{ status: number; body: any }> {
  const { status, text } = await as[user]!.api(path(n), { method: 'POST', json });
  const body = text ? JSON.parse(text) : null;
  await contract.check(
    'POST',
    path(n),
    new Response(text, { status, headers: { 'content-type': 'application/json' } }),
  );
  return { status, body };
}

const noiseSample = {
  category: 'environment.noise',
  channel: 'hotline',
  requesterType: 'citizen',
  streetId: 'street-xinhua',
  text: '楼下工地夜间打桩，噪音很大',
};

beforeAll(async () => {
  const versions = await as.admin!.apiJson<{ items: { number: number; status: string }[] }>(
    `/api/rule-sets/${RULE_SET}/versions`,
  );
  published = versions.items.find((v) => v.status === 'published')!.number;
  const units = await as.admin!.apiJson<{ id: string; name: string }[]>('/api/units');
  unitNames = new Map(units.map((u) => [u.id, u.name]));
});

describe('routing test-run', () => {
  it('explains the published decision in names: matched row, its conditions and the near misses before it', async () => {
    const { status, body } = await routeTest('admin', published, { case: noiseSample });
    expect(status).toBe(200);
    const r = body as Result;
    expect(r.status).toBe('published');
    expect(r.category?.name.zh).toBe('噪音扰民');
    expect(r.decision.isFallback).toBe(false);
    expect(r.decision.rowId).toBe('r-noise-construction');
    expect(r.decision.leadUnit).toEqual({
      id: 'dept-housing-construction',
      name: expect.objectContaining({ zh: unitNames.get('dept-housing-construction') }),
    });
    expect(r.decision.assistingUnits.map((u) => u.name.zh)).toEqual([unitNames.get('dept-urban-management')]);
    expect(r.decision.slaPolicy.name.zh).toBe('一般办件时限');
    const matched = r.tables[0]!.matched!;
    expect(matched.rowId).toBe('r-noise-construction');
    expect(matched.failedCount).toBe(0);
    const category = matched.conditions.find((c) => c.inputId === 'category')!;
    // Names, not codes.
    expect(category.condition.zh).toBe('噪音扰民');
    expect(category.value.zh).toBe('噪音扰民');
    expect(category.isMet).toBe(true);
    const keywords = matched.conditions.find((c) => c.inputId === 'text')!;
    expect(keywords.condition.zh).toContain('施工、工地、打桩');
    expect(keywords.condition.zh).not.toContain('keyword_match');
    expect(keywords.isMet).toBe(true);
    // The rows before it that almost matched: the 110 noise row fails on the channel only.
    const noise110 = r.tables[0]!.nearMisses.find((m) => m.rowId === 'r-noise-110')!;
    expect(noise110.failedCount).toBe(1);
    const channel = noise110.conditions.find((c) => c.inputId === 'channel')!;
    expect(channel.isMet).toBe(false);
    expect(channel.value.zh).toBe('12345热线');
    expect(r.tables[0]!.nearMisses.every((m) => m.index < matched.index)).toBe(true);
  });

  it('routes through an edited draft: a new first row decides there, the published version is unchanged', async () => {
    const draft = await as.admin!.apiJson<Doc>(`/api/rule-sets/${RULE_SET}/drafts`, {
      method: 'POST',
      json: { basedOn: published },
    });
    const routing = structuredClone(
      (draft.content.documents as Doc[]).find((d) => d.kind === 'routingTable')!,
    );
    const inputs = routing.table.inputs as { id: string }[];
    routing.table.rules.unshift({
      id: 'r-test-xinhua-noise',
      cells: inputs.map((i) =>
        i.id === 'category' ? '"environment.noise"' : i.id === 'street' ? '"street-xinhua"' : '-',
      ),
      outputs: ['street-xinhua', 'dept-ecology-environment', 'high', 'sla-standard'],
      annotation: '新华街道的噪音：街道主办',
    });
    const saved = await as.admin!.api(
      `/api/rule-sets/${RULE_SET}/versions/${draft.number}/documents/routingTable/${routing.id}`,
      { method: 'PUT', json: { revision: draft.revision, document: routing } },
    );
    expect(saved.status, saved.text).toBe(200);

    const onDraft = (await routeTest('admin', draft.number, { case: noiseSample })).body as Result;
    expect(onDraft.status).toBe('draft');
    expect(onDraft.decision.rowId).toBe('r-test-xinhua-noise');
    expect(onDraft.decision.leadUnit.name.zh).toBe(unitNames.get('street-xinhua'));
    expect(onDraft.decision.priority).toBe('high');
    const street = onDraft.tables[0]!.matched!.conditions.find((c) => c.inputId === 'street')!;
    expect(street.condition.zh).toBe(unitNames.get('street-xinhua'));

    // Another street does not match the new row: it is a near miss on the street, and the old row decides.
    const elsewhere = (
      await routeTest('admin', draft.number, { case: { ...noiseSample, streetId: 'street-binhe' } })
    ).body as Result;
    expect(elsewhere.decision.rowId).toBe('r-noise-construction');
    const miss = elsewhere.tables[0]!.nearMisses.find((m) => m.rowId === 'r-test-xinhua-noise')!;
    expect(miss.conditions.find((c) => c.inputId === 'street')).toMatchObject({
      isMet: false,
      value: { zh: unitNames.get('street-binhe') },
    });

    const onPublished = (await routeTest('admin', published, { case: noiseSample })).body as Result;
    expect(onPublished.decision.rowId).toBe('r-noise-construction');

    // Nothing matches: manual dispatch by the fallback unit.
    const unknown = (await routeTest('admin', draft.number, { case: { category: 'no.such-category' } }))
      .body as Result;
    expect(unknown.decision.isFallback).toBe(true);
    expect(unknown.decision.leadUnit.name.zh).toBe(unitNames.get('city-office'));
    expect(unknown.category).toBeNull();

    // Drafts are for those who may read drafts; the auditor may, the dispatcher may not run test-runs at all.
    expect((await routeTest('auditor', draft.number, { case: noiseSample })).status).toBe(200);
    const refused = await routeTest('dispatcher', draft.number, { case: noiseSample });
    expect(refused.status).toBe(403);

    // A routing input that loops far too much is stopped by the route's budget.
    const hostile = structuredClone(routing);
    const danger = (hostile.table.inputs as Doc[]).find((i) => i.type === 'boolean')!;
    const outer = Array.from({ length: 2000 }, (_, i) => i);
    const xs = Array.from({ length: 5000 }, (_, i) => i);
    danger.expression = { some: [outer, { some: [xs, { '==': [{ var: '' }, -1] }] }] };
    const current = await as.admin!.apiJson<Doc>(`/api/rule-sets/${RULE_SET}/versions/${draft.number}`);
    const put = await as.admin!.api(
      `/api/rule-sets/${RULE_SET}/versions/${draft.number}/documents/routingTable/${routing.id}`,
      { method: 'PUT', json: { revision: current.revision, document: hostile } },
    );
    expect(put.status, put.text).toBe(200);
    const bounded = await routeTest('admin', draft.number, { case: noiseSample });
    expect(bounded.status).toBe(422);
    expect(bounded.body.error.code).toBe('rule.budget_exceeded');
  }, 120_000);

  it('refuses a sample without a category', async () => {
    const missing = await routeTest('admin', published, { case: { channel: 'hotline' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('request.invalid');
    const blank = await routeTest('admin', published, { case: { category: ' ' } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('routeTest.bad_case');
    expect(blank.body.error.path).toBe('/case/category');
  });
});
