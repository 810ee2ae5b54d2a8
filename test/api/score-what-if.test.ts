/** @module API tests of the score what-if across years: a next-year draft replayed over this year's history month-of-year, as a job with progress and awaited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WhatIfResult } from '../../engine/core/scoring/what-if.ts';
import { createTestApp, type TestApp } from '../support/api-app.ts';
import { admin, publishAssessmentWithHistory } from '../support/assessment-history.ts';

type Doc = Record<string, unknown>;
type Content = { id: string; period: { from: string; to: string }; documents: Doc[] } & Doc;
type Session = { cookie: string; csrfToken: string };

const CHANGED = 'ind-econ-1-1';
const NEW = 'ind-econ-1-new';

/** The draft's changes: a formula (half of ind-econ-1-1's points) and a stricter 'good' grade. */
function changeRules(content: Content): void {
  for (const doc of content.documents) {
    if (doc.id === CHANGED) doc.scoringRule = { '*': [0.5, doc.scoringRule] };
    if (doc.kind === 'assessmentPolicy')
      doc.grades = (doc.grades as { id: string; minScore: number }[]).map((g) =>
        g.id === 'good' ? { ...g, minScore: 85 } : g,
      );
  }
}

/** Next year's copy of the published content: same documents, period moved to the following year. */
function nextYear(content: Content, id: string): Content {
  const next = structuredClone(content);
  next.id = id;
  next.period = { from: '2027-01-01', to: '2027-12-31' };
  return next;
}

/** A new indicator of next year (a sibling of the changed one) that has no history at all. */
function addNewIndicator(content: Content): void {
  const model = content.documents.find((d) => d.id === CHANGED)!;
  content.documents.push({
    ...structuredClone(model),
    id: NEW,
    code: 'A.1.9',
    name: { zh: '新增指标', en: 'New indicator' },
  });
}

let t: TestApp;
let office: Session;
let published: Content;
let copyNumber: number;

const post = (who: Session, path: string, json: unknown) =>
  t.request(path, {
    method: 'POST',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'accept-language': 'en' },
    json,
  });
const get = (who: { cookie: string }, path: string) =>
  t.request(path, { headers: { cookie: who.cookie, 'accept-language': 'en' } });

/** Creates `content` as a new rule set (a draft v1). */
async function createSet(content: Content): Promise<number> {
  const draft = await t.ops.createRuleSet({ actor: admin('admin'), ruleSet: content });
  return draft.number;
}

async function whatIf(body: unknown): Promise<WhatIfResult> {
  const res = await post(office, '/api/performance/what-if', body);
  expect(res.status).toBe(200);
  return (await res.json()) as WhatIfResult;
}

beforeAll(async () => {
  t = await createTestApp();
  // A day in the history year: October's entries are in, November's form is open.
  t.clock.advance(Date.parse('2026-11-25T02:00:00Z') - t.clock.now().getTime());
  const { content, seeded } = await publishAssessmentWithHistory(t);
  published = content as unknown as Content;
  expect(seeded?.entries).toBeGreaterThan(20_000);
  office = await t.login('admin');
  // An unchanged copy of this year for next year (several tests replay it).
  copyNumber = await createSet(nextYear(published, 'district-2027-copy'));
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('score what-if across years', () => {
  it('replays an unchanged copy of this year for next year with every delta 0 and no unit falling to 0', async () => {
    const r = await whatIf({
      ruleSetId: 'district-2026',
      draftRuleSetId: 'district-2027-copy',
      draftVersion: copyNumber,
    });
    expect(r.periodMapping).toEqual({ from: '2026', to: '2027', rule: 'monthOfYear' });
    expect(r.periods.length).toBeGreaterThanOrEqual(10);
    expect(r.draftPeriods).toEqual(r.periods.map((p) => `2027-${p.slice(5)}`));
    expect(r.units.length).toBeGreaterThan(700);
    for (const u of r.units) {
      expect(u.draftPeriod).toBe(`2027-${u.historyPeriod.slice(5)}`);
      expect(u.after).toBe(u.before);
      expect(u.delta).toBe(0);
    }
    expect(r.maxAbsDelta).toBe(0);
    expect(r.gradeChanges).toBe(0);
    expect(r.noHistory).toEqual([]);
    expect(
      r.indicators.filter((i) => !(i.status === 'compared' && i.weightedDelta === 0)).slice(0, 5),
    ).toEqual([]);
  }, 60_000);

  it('gives a next-year draft with a changed formula and grades the same deltas as this year’s draft, and marks a new indicator as having no history', async () => {
    // This year's draft with the changes: the same-year what-if the cross-year one must agree with.
    const sameYear = await t.ops.createDraft({
      actor: admin('admin'),
      ruleSetId: 'district-2026',
      basedOn: 1,
    });
    const sameContent = structuredClone(sameYear.content) as unknown as Content;
    changeRules(sameContent);
    await t.ops.replaceDraftContent({
      actor: admin('admin'),
      ruleSetId: 'district-2026',
      number: sameYear.number,
      ifRevision: sameYear.revision,
      content: sameContent as never,
    });
    const next = nextYear(published, 'district-2027');
    changeRules(next);
    addNewIndicator(next);
    const number = await createSet(next);

    const same = await whatIf({ ruleSetId: 'district-2026', draftVersion: sameYear.number });
    const cross = await whatIf({
      ruleSetId: 'district-2026',
      draftRuleSetId: 'district-2027',
      draftVersion: number,
    });

    expect(cross.periodMapping).toEqual({ from: '2026', to: '2027', rule: 'monthOfYear' });
    expect(cross.periods).toEqual(same.periods);
    // Row by row: the same entries under the same rules, only the draft's months are next year's.
    const strip = (u: WhatIfResult['units'][number]) => ({ ...u, draftPeriod: u.draftPeriod.slice(5) });
    expect(cross.units.map(strip)).toEqual(same.units.map(strip));
    const october = cross.units.filter((u) => u.historyPeriod === '2026-10');
    expect(october.length).toBeGreaterThan(50);
    expect(october.every((u) => u.draftPeriod === '2027-10' && u.before !== null && u.after !== null)).toBe(
      true,
    );
    // Deltas are after − before of the very rows, and no unit falls to 0.
    for (const u of cross.units) {
      expect(u.delta).toBeCloseTo((u.after ?? Number.NaN) - (u.before ?? Number.NaN), 9);
      if ((u.before ?? 0) > 0) expect(u.after).toBeGreaterThan(0);
    }
    expect(cross.maxAbsDelta).toBe(Math.max(...cross.units.map((u) => Math.abs(u.delta ?? 0))));
    expect(cross.maxAbsDelta).toBeGreaterThan(0);
    // The published side is what the published version scored for those months.
    const sample = october[0]!;
    const scores = (await (
      await get(office, `/api/performance/scores?unitId=${sample.unitId}&period=2026-10`)
    ).json()) as { result: { total: number } | null };
    expect(scores.result?.total).toBe(sample.before);
    // Grade changes are counted over every unit row.
    const changedGrades = cross.units.filter(
      (u) => u.gradeBefore !== null && u.gradeAfter !== null && u.gradeBefore !== u.gradeAfter,
    );
    expect(changedGrades.length).toBeGreaterThan(0);
    expect(cross.gradeChanges).toBe(changedGrades.length);
    expect(same.gradeChanges).toBe(changedGrades.length);

    // Indicators: the changed formula moves, the others stay, the new one has no history.
    const compared = cross.indicators.filter((i) => i.status === 'compared');
    const moved = new Set(
      compared.filter((i) => Math.abs(i.weightedDelta!) > 1e-9).map((i) => i.indicatorId),
    );
    expect([...moved]).toEqual([CHANGED]);
    expect(compared.filter((i) => i.indicatorId === CHANGED).every((i) => i.weightedDelta! < 0)).toBe(true);
    expect(cross.noHistory).toEqual([NEW]);
    const fresh = cross.indicators.filter((i) => i.indicatorId === NEW);
    expect(fresh.length).toBe(cross.periods.length);
    for (const i of fresh) {
      expect(i.status).toBe('noHistory');
      expect(i.weightedDelta).toBeNull();
      expect(i.meanPointsDelta).toBeNull();
      expect(i.draftPeriod).toBe(`2027-${i.historyPeriod.slice(5)}`);
    }
  }, 120_000);

  it('runs as a job: 202 at once, progress up to done/total, then the same result; only its starter, admins and auditors read it', async () => {
    const number = await createSet(nextYear(published, 'district-2027-job'));
    const body = { ruleSetId: 'district-2026', draftRuleSetId: 'district-2027-job', draftVersion: number };
    const started = await post(office, '/api/performance/what-if/jobs', body);
    expect(started.status).toBe(202);
    const job = (await started.json()) as { id: string; kind: string; status: string; startedBy: string };
    expect(job).toMatchObject({ kind: 'scoreWhatIf', status: 'running', startedBy: 'admin' });
    const seen: { done: number; total: number }[] = [];
    let view: { status: string; progress: { done: number; total: number }; result: WhatIfResult | null };
    for (;;) {
      const res = await get(office, `/api/jobs/${job.id}`);
      expect(res.status).toBe(200);
      view = (await res.json()) as typeof view;
      seen.push(view.progress);
      if (view.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(view.status).toBe('done');
    expect(seen.some((p) => p.total > 0 && p.done < p.total)).toBe(true);
    expect(view.progress.done).toBe(view.progress.total);
    expect(view.progress.total).toBeGreaterThan(view.result!.periods.length);
    expect(view.result).toEqual(await whatIf(body));
    // Both runs are audited, on the draft version, with the mapping they used.
    const audit = await t.ops.listAudit({
      action: 'ruleSet.whatIf',
      target: `ruleSet:district-2027-job@${number}`,
    });
    expect(audit.items).toHaveLength(2);
    expect(audit.items[0]!.details).toMatchObject({
      kind: 'score',
      periodMapping: { from: '2026', to: '2027', rule: 'monthOfYear' },
      gradeChanges: 0,
    });

    const auditor = await t.login('auditor');
    expect((await get(auditor, `/api/jobs/${job.id}`)).status).toBe(200);
    const street = await t.login('street_user');
    const refused = await get(street, `/api/jobs/${job.id}`);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('job.forbidden');
    expect((await get(office, '/api/jobs/job-unknown')).status).toBe(404);
  }, 120_000);

  it('refuses a month outside the history and the draft’s year before any job starts', async () => {
    const res = await post(office, '/api/performance/what-if/jobs', {
      ruleSetId: 'district-2026',
      draftRuleSetId: 'district-2027-copy',
      draftVersion: copyNumber,
      periods: ['2025-03'],
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; path?: string } }).error).toMatchObject({
      code: 'performance.bad_period',
      path: '/periods/0',
    });
  });

  it('takes the draft’s months and maps them back onto the history', async () => {
    const r = await whatIf({
      ruleSetId: 'district-2026',
      draftRuleSetId: 'district-2027-copy',
      draftVersion: copyNumber,
      periods: ['2027-09'],
    });
    expect(r.periods).toEqual(['2026-09']);
    expect(r.draftPeriods).toEqual(['2027-09']);
    expect(r.units.every((u) => u.historyPeriod === '2026-09' && u.delta === 0)).toBe(true);
  });
});
