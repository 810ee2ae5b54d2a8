/** @module Case what-if API: a draft that changes one routing row's lead unit and one SLA limit, replayed over recent cases; an unchanged draft changes nothing; progress and audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';
import { createCaseTestApp } from '../support/case-app.ts';
import { nightNoiseCase } from '../support/case-bodies.ts';

let t: TestApp;
const api = apiClient(() => t);

const intake = async (body: Record<string, unknown>) => {
  const res = await api('dispatcher', '/api/cases', { json: body });
  expect(res.status).toBe(201);
  return res.body.case as { id: string; number: string; leadUnitId: string };
};

const noise = nightNoiseCase('楼下工地夜间打桩施工噪音很大');
const vending = {
  channel: 'web',
  category: 'urban.street-vending',
  text: '路口有流动摊贩占道经营',
  location: { streetId: 'street-xinhua' },
};

/** Runs a case what-if and polls the job until it is done. */
async function runWhatIf(user: string, ruleSetId: string, n: number, months?: number) {
  const started = await api(user, `/api/rule-sets/${ruleSetId}/versions/${n}/what-if/cases`, {
    json: months === undefined ? {} : { months },
  });
  expect(started.status).toBe(202);
  expect(started.body.kind).toBe('caseWhatIf');
  let job = started.body;
  for (let i = 0; i < 2000 && job.status === 'running'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const polled = await api(user, `/api/jobs/${started.body.id}`);
    expect(polled.status).toBe(200);
    job = polled.body;
  }
  expect(job.status, JSON.stringify(job.error)).toBe('done');
  return job;
}

let published: number;
let changedDraft: number;
let noiseCase: { id: string; number: string; leadUnitId: string };
let vendingCase: { id: string; number: string; leadUnitId: string };

beforeAll(async () => {
  const app = await createCaseTestApp();
  t = app.t;
  const sets = await api('admin', '/api/rule-sets/district-2026/versions');
  published = sets.body.items.find((v: { status: string }) => v.status === 'published').number;
  // Two noise and two vending cases now, one vending case at the window's edge, one noise case long before.
  noiseCase = await intake(noise);
  await intake({ ...noise, text: '隔壁工地打桩噪音' });
  vendingCase = await intake(vending);
  await intake({ ...vending, receivedAt: '2026-03-02T02:00:00.000Z' });
  await intake({ ...noise, receivedAt: '2026-01-20T02:00:00.000Z' });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('case what-if of a draft', () => {
  it('counts no moves and no deadline moves for an unchanged draft', async () => {
    const draft = await api('admin', '/api/rule-sets/district-2026/drafts', { json: { basedOn: published } });
    expect(draft.status).toBe(201);
    const job = await runWhatIf('admin', 'district-2026', draft.body.number);
    const r = job.result;
    expect(r.window).toEqual({ months: 3, from: '2026-02-11T01:00:00.000Z', to: '2026-05-11T01:00:00.000Z' });
    expect(r.totals.cases).toBe(4);
    expect(r.totals.moved).toBe(0);
    expect(r.totals.differentRow).toBe(0);
    // A draft of the same year: no case lies outside its period.
    expect(r.totals.dayMapped).toBe(0);
    expect(r.periodMapping).toBeNull();
    expect(r.moves).toEqual([]);
    expect(r.rowChanges).toEqual([]);
    expect(r.deadlines).toMatchObject({ earlier: 0, later: 0, same: 4, notComputed: 0 });
    expect(r.changedCases).toEqual([]);
    expect(r.failures.count).toBe(0);
    expect(job.progress).toMatchObject({ done: 4, total: 4 });
  });

  it('reports the cases a changed routing row moves and the deadlines a changed SLA limit moves', async () => {
    const draft = await api('admin', '/api/rule-sets/district-2026/drafts', { json: { basedOn: published } });
    const n = draft.body.number as number;
    changedDraft = n;
    let revision = draft.body.revision as number;
    const docs = draft.body.content.documents as Record<string, any>[];
    const routing = structuredClone(docs.find((d) => d.kind === 'routingTable')!);
    const row = routing.table.rules.find((r: { id: string }) => r.id === 'r-noise-construction');
    expect(row.outputs[0]).toBe('dept-housing-construction');
    row.outputs[0] = 'dept-urban-management';
    let saved = await api(
      'admin',
      `/api/rule-sets/district-2026/versions/${n}/documents/routingTable/${routing.id}`,
      {
        method: 'PUT',
        json: { document: routing, revision },
      },
    );
    expect(saved.status).toBe(200);
    revision = saved.body.revision;
    const sla = structuredClone(docs.find((d) => d.kind === 'slaPolicy' && d.id === 'sla-standard')!);
    const normal = sla.limits.find((l: { priority: string }) => l.priority === 'normal');
    expect(normal.handle).toEqual({ amount: 5, unit: 'workingDays' });
    normal.handle = { amount: 7, unit: 'workingDays' };
    saved = await api(
      'admin',
      `/api/rule-sets/district-2026/versions/${n}/documents/slaPolicy/sla-standard`,
      {
        method: 'PUT',
        json: { document: sla, revision },
      },
    );
    expect(saved.status).toBe(200);

    const job = await runWhatIf('auditor', 'district-2026', n);
    const r = job.result;
    expect(r.totals).toMatchObject({ cases: 4, moved: 2, differentRow: 0, priorityChanged: 0 });
    expect(r.moves).toEqual([
      {
        fromUnit: {
          id: 'dept-housing-construction',
          name: expect.objectContaining({ zh: expect.any(String) }),
        },
        toUnit: { id: 'dept-urban-management', name: expect.objectContaining({ zh: expect.any(String) }) },
        category: { code: 'environment.noise', name: { en: 'Noise nuisance', zh: '噪音扰民' } },
        fromRowId: 'r-noise-construction',
        toRowId: 'r-noise-construction',
        count: 2,
      },
    ]);
    expect(r.moves[0].fromUnit.name.zh).not.toBe('dept-housing-construction');
    expect(r.rowChanges).toEqual([
      expect.objectContaining({
        fromRowId: 'r-noise-construction',
        toRowId: 'r-noise-construction',
        fromRowNote: '建筑施工噪音：住建局主办、城管局协办',
        count: 2,
        moved: 2,
      }),
    ]);
    // The two vending cases are normal priority under sla-standard: 5 → 7 working days = 14 office hours
    // (09:00–12:00 and 13:30–17:30); the noise cases are high priority, whose limit did not change.
    expect(r.deadlines).toMatchObject({
      timer: 'handle',
      earlier: 0,
      later: 2,
      same: 2,
      notComputed: 0,
      meanShiftWorkingHours: 14,
      maxShiftWorkingHours: 14,
    });
    const vendingRow = r.changedCases.find((c: { caseId: string }) => c.caseId === vendingCase.id);
    expect(vendingRow).toMatchObject({
      isMoved: false,
      fromUnit: { id: vendingCase.leadUnitId },
      toUnit: { id: vendingCase.leadUnitId },
      deadline: {
        basis: 'receipt',
        old: '2026-05-18T09:00:00+08:00',
        new: '2026-05-20T09:00:00+08:00',
        shiftWorkingHours: 14,
        shiftHours: 48,
        direction: 'later',
      },
    });
    const noiseRow = r.changedCases.find((c: { caseId: string }) => c.caseId === noiseCase.id);
    expect(noiseRow).toMatchObject({ isMoved: true, deadline: { direction: 'same', shiftWorkingHours: 0 } });
    expect(r.changedCases).toHaveLength(4);

    // Twelve months reach the January case too.
    const year = await runWhatIf('admin', 'district-2026', n, 12);
    expect(year.result.totals).toMatchObject({ cases: 5, moved: 3 });

    const audit = await api('auditor', '/api/audit?action=ruleSet.whatIf');
    expect(audit.status).toBe(200);
    const records = (audit.body.items as { target: string; actor: string; details: any }[]).filter(
      (a) => a.target === `ruleSet:district-2026@${n}` && a.details?.kind === 'cases',
    );
    expect(records.map((a) => [a.actor, a.details.months, a.details.cases, a.details.moved]).sort()).toEqual([
      ['admin', 12, 5, 3],
      ['auditor', 3, 4, 2],
    ]);
  });

  it('uses the case’s own handling timer once it is dispatched', async () => {
    const dispatched = await intake({ ...vending, text: '小区门口流动摊贩' });
    t.clock.advance(2 * 60 * 60 * 1000); // dispatched at 11:00 local
    const res = await api('dispatcher', `/api/cases/${dispatched.id}/actions/dispatch`, {
      json: { input: {} },
    });
    expect(res.status).toBe(200);
    const job = await runWhatIf('admin', 'district-2026', changedDraft);
    const row = job.result.changedCases.find((c: { caseId: string }) => c.caseId === dispatched.id);
    expect(row.deadline).toMatchObject({
      basis: 'timer',
      old: '2026-05-18T11:00:00+08:00',
      new: '2026-05-20T11:00:00+08:00',
      shiftWorkingHours: 14,
    });
    t.clock.advance(-2 * 60 * 60 * 1000);
  });
});

describe('case what-if of next year’s rule set over this year’s cases', () => {
  it('routes each case as of the same day next year, so a row valid only next year moves its cases', async () => {
    const v1 = await api('admin', `/api/rule-sets/district-2026/versions/${published}`);
    const content = structuredClone(v1.body.content);
    content.id = 'district-next-year';
    content.period = { from: '2027-01-01', to: '2027-12-31' };
    delete content.version;
    const routing = content.documents.find((d: { kind: string }) => d.kind === 'routingTable');
    const row = routing.table.rules.find((r: { id: string }) => r.id === 'r-noise-construction');
    routing.table.rules.unshift({
      ...row,
      id: 'r-noise-construction-next',
      outputs: ['dept-urban-management', ...row.outputs.slice(1)],
      validFrom: '2027-01-01',
    });
    const created = await api('admin', '/api/rule-sets', { json: content });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const job = await runWhatIf('admin', 'district-next-year', created.body.number, 12);
    const r = job.result;
    // Every case of the last 12 months is this year's: all are mapped into next year.
    expect(r.totals.cases).toBeGreaterThanOrEqual(5);
    expect(r.totals.dayMapped).toBe(r.totals.cases);
    expect(r.periodMapping).toMatchObject({
      draftPeriod: { from: '2027-01-01', to: '2027-12-31' },
      mappedCases: r.totals.cases,
    });
    // The three construction-noise cases (one from January) go to urban management by the new row.
    expect(r.totals.moved).toBe(3);
    expect(r.rowChanges).toEqual([
      expect.objectContaining({
        fromRowId: 'r-noise-construction',
        toRowId: 'r-noise-construction-next',
        count: 3,
        moved: 3,
      }),
    ]);
    // Same limits, timed on the calendar the cases were timed on: no deadline moves.
    expect(r.deadlines).toMatchObject({ earlier: 0, later: 0, notComputed: 0 });
  });
});

describe('case what-if refusals', () => {
  it('refuses a caller who may not read drafts, and months outside 1–24', async () => {
    const forbidden = await api(
      'dispatcher',
      `/api/rule-sets/district-2026/versions/${published}/what-if/cases`,
      {
        json: {},
      },
    );
    expect(forbidden.status).toBe(403);
    const tooMany = await api('admin', `/api/rule-sets/district-2026/versions/${published}/what-if/cases`, {
      json: { months: 25 },
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('request.invalid');
    const unknown = await api('admin', '/api/rule-sets/no-such-set/versions/1/what-if/cases', { json: {} });
    expect(unknown.status).toBe(404);
  });
});
