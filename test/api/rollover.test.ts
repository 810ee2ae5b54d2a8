/** @module The year rollover walked with the clock: December 2026 → publish 2027 → 1 January intake → a December entry still accepted → December late, then locked → the 2026 figures unchanged. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';
import { createCaseTestApp } from '../support/case-app.ts';
import { nightNoiseCase } from '../support/case-bodies.ts';

const root = join(import.meta.dirname, '../..');
let t: TestApp;
const api = apiClient(() => t);

/** Moves the test clock to an instant given with its offset; sessions of days ago have expired, so sign in again. */
const setClock = (iso: string) => {
  t.clock.advance(Date.parse(iso) - t.clock.now().getTime());
  api.forget();
};

const noiseCase = nightNoiseCase('小区广场舞音响声音太大');

/** Takes `body` in as the dispatcher and checks the case was routed by `ruleSetId` to `leadUnitId` (numbered in `year` when given); answers the case. */
const intakeRouted = async (
  body: Record<string, unknown>,
  expected: { ruleSetId: string; year?: string; leadUnitId: string },
) => {
  const res = await api('dispatcher', '/api/cases', { json: body });
  expect(res.status).toBe(201);
  expect(res.body.case.ruleSetId).toBe(expected.ruleSetId);
  if (expected.year) expect(res.body.case.number.startsWith(`${expected.year}-`)).toBe(true);
  expect(res.body.case.leadUnitId).toBe(expected.leadUnitId);
  return res.body.case as { id: string };
};

/** The dispatcher dispatches the case at once. */
const dispatch = (id: string) =>
  api('dispatcher', `/api/cases/${id}/actions/dispatch`, { json: { input: {} } });

let report2026: unknown;
let ranking2026: unknown;
let unitReport2026: unknown;

beforeAll(async () => {
  const app = await createCaseTestApp();
  t = app.t;
  expect(app.seeded).toEqual([{ id: 'district-2026', status: 'published' }]);
  // A real year of ledger history, as much of it as was submitted by early December.
  setClock('2026-12-03T10:00:00+08:00');
  const history = JSON.parse(readFileSync(join(root, 'seeds/history/entries-2026.json'), 'utf8'));
  const loaded = await t.ops.seedPerformanceHistory({ history });
  expect(loaded?.entries).toBeGreaterThan(1000);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('the rollover from 2026 to 2027', () => {
  it('keeps 2026 in force in December and records the 2026 figures', async () => {
    const timeline = await api('admin', '/api/rule-sets/timeline');
    expect(timeline.status).toBe(200);
    expect(timeline.body.items).toEqual([
      expect.objectContaining({ ruleSetId: 'district-2026', timeline: 'district', when: 'inForce' }),
    ]);
    const report = await api('admin', '/api/performance/reports/district?period=2026-11');
    expect(report.status).toBe(200);
    report2026 = report.body;
    const ranking = await api('admin', '/api/performance/rankings?period=2026-10');
    expect(ranking.status).toBe(200);
    ranking2026 = ranking.body;
    const unitReport = await api(
      'admin',
      '/api/performance/reports/unit?unitId=street-xinhua&period=2026-11',
    );
    expect(unitReport.status).toBe(200);
    unitReport2026 = unitReport.body;
    // Next year's form cannot be seen before a 2027 set is published.
    const early = await api('street_user', '/api/performance/forms-due?period=2027-01');
    expect(early.status).toBe(404);
    expect(early.body.error.code).toBe('performance.no_active_rule_set');
  });

  it('lets the office publish the 2027 set in December on the same timeline, with a new routing row', async () => {
    // The office prepares next year from this year's version: a new rule set on the same timeline.
    const prepared = await api('admin', '/api/rule-sets/district-2026/versions/1/next-period', {
      json: {
        newId: 'district-2027',
        name: { zh: '2027年度区绩效考核', en: 'District performance assessment 2027' },
      },
    });
    expect(prepared.status).toBe(201);
    expect(prepared.body.ruleSetId).toBe('district-2027');
    expect(prepared.body.number).toBe(1);
    expect(prepared.body.status).toBe('draft');
    expect(prepared.body.content.period).toEqual({ from: '2027-01-01', to: '2027-12-31' });
    expect(prepared.body.content.timeline).toBe('district');
    const next = structuredClone(prepared.body.content) as Record<string, any>;
    // 2027: Xinhua's noise cases go to the urban management bureau instead of the street office.
    const routing = next.documents.find((d: any) => d.kind === 'routingTable');
    const row = routing.table.rules.find((r: any) => r.id === 'r-noise-xinhua');
    row.outputs[0] = 'dept-urban-management';

    // 2027's working calendar: the office enters 元旦 (the State Council had not published the rest).
    const calendar2026 = next.calendars.find((c: any) => c.id === 'cn-2026');
    const calendar2027 = {
      ...calendar2026,
      id: 'cn-2027',
      name: '2027 年工作日历（元旦已定）',
      coverage: { from: 2027, to: 2027 },
      holidays: [{ date: '2027-01-01', endDate: '2027-01-03', name: '元旦' }],
      workingDays: [],
    };
    next.calendars = [calendar2027];
    for (const d of next.documents) if (d.kind === 'slaPolicy') d.calendarId = 'cn-2027';

    const saved = await api('admin', '/api/rule-sets/district-2027/versions/1/content', {
      method: 'PUT',
      json: { content: next, revision: prepared.body.revision },
    });
    expect(saved.status).toBe(200);
    const errors = (saved.body.issues ?? []).filter((i: any) => i.severity === 'error');
    expect(errors).toEqual([]);
    expect((await api('admin', '/api/rule-sets/district-2027/versions/1/submit', { json: {} })).status).toBe(
      200,
    );
    expect(
      (await api('admin2', '/api/rule-sets/district-2027/versions/1/approve', { json: {} })).status,
    ).toBe(200);
    setClock('2026-12-10T15:00:00+08:00');
    const published = await api('admin', '/api/rule-sets/district-2027/versions/1/publish', { json: {} });
    expect(published.status).toBe(200);
    expect(published.body.effectiveFrom).toBe('2027-01-01');
    expect(published.body.superseded).toEqual([]);

    const timeline = await api('admin', '/api/rule-sets/timeline');
    expect(timeline.body.items.map((i: any) => [i.ruleSetId, i.when])).toEqual([
      ['district-2026', 'inForce'],
      ['district-2027', 'next'],
    ]);
    // A third set overlapping 2027 on the same timeline is refused unless it says it supersedes.
    const rival = await api('admin', '/api/rule-sets', {
      json: { ...next, id: 'district-2027-rival', name: { zh: '重叠的规则集', en: 'Overlapping rule set' } },
    });
    expect(rival.status).toBe(201);
    await api('admin', '/api/rule-sets/district-2027-rival/versions/1/submit', { json: {} });
    await api('admin2', '/api/rule-sets/district-2027-rival/versions/1/approve', { json: {} });
    const refused = await api('admin', '/api/rule-sets/district-2027-rival/versions/1/publish', { json: {} });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ruleset.period_overlap');
    expect(refused.body.error.details.conflicts).toEqual([
      expect.objectContaining({ ruleSetId: 'district-2027', number: 1 }),
    ]);
    expect(
      (await api('admin', '/api/rule-sets/district-2027-rival/versions/1/archive', { json: {} })).status,
    ).toBe(200);
  });

  it('shows next year’s forms and indicators read-only before 1 January', async () => {
    setClock('2026-12-20T09:30:00+08:00');
    const forms = await api('street_user', '/api/performance/forms-due?period=2027-01');
    expect(forms.status).toBe(200);
    expect(forms.body.ruleSetId).toBe('district-2027');
    expect(forms.body.forms.length).toBeGreaterThan(0);
    expect(new Set(forms.body.forms.map((f: any) => f.status))).toEqual(new Set(['notDue']));
    const indicators = await api('street_user', '/api/performance/indicators?period=2027-01');
    expect(indicators.status).toBe(200);
    expect(indicators.body.ruleSetId).toBe('district-2027');
    const form = forms.body.forms[0];
    const refused = await api('street_user', '/api/performance/entries', {
      json: { indicatorId: form.indicatorId, period: '2027-01', values: { done: 1 } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('ledger.not_open');
    // This month's forms are still the 2026 ones.
    const december = await api('street_user', '/api/performance/forms-due?period=2026-12');
    expect(december.body.ruleSetId).toBe('district-2026');
  });

  it('routes a case received on 31 December by the 2026 rules and one received on 1 January by the 2027 rules', async () => {
    setClock('2026-12-31T23:50:00+08:00');
    const late = await intakeRouted(noiseCase, {
      ruleSetId: 'district-2026',
      year: '2026',
      leadUnitId: 'street-xinhua',
    });
    // Dispatched at once, its clock runs into 2027: counted over 2027's calendar (元旦 is a holiday), not guessed.
    const lateDispatched = await dispatch(late.id);
    expect(lateDispatched.status).toBe(200);
    const timers = Object.values(lateDispatched.body.case.timers ?? {}) as any[];
    expect(timers.length).toBeGreaterThan(0);
    const localDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
    for (const timer of timers) {
      expect(timer.deadlineProvisional).toBeUndefined();
      expect(localDay(timer.deadline) >= '2027-01-04').toBe(true);
    }

    setClock('2027-01-01T09:05:00+08:00');
    await intakeRouted(noiseCase, {
      ruleSetId: 'district-2027',
      year: '2027',
      leadUnitId: 'dept-urban-management',
    });

    // A case keyed in on 1 January but received (by a city transfer) on 31 December keeps 2026's routing.
    const transferred = await intakeRouted(
      {
        ...noiseCase,
        channel: 'city-transfer',
        externalId: 'CT-ROLLOVER-1',
        receivedAt: '2026-12-31T22:00:00+08:00',
      },
      { ruleSetId: 'district-2026', leadUnitId: 'street-xinhua' },
    );
    // It can be dispatched at once: the 2026 workflow and deadlines still apply to it.
    const dispatched = await dispatch(transferred.id);
    expect(dispatched.status).toBe(200);
  });

  it('accepts a December 2026 entry on 10 January under the 2026 rules, flags it late after the 15th and locks it after the grace days', async () => {
    const forms = await api('street_user', '/api/performance/forms-due?period=2026-12');
    const monthly = forms.body.forms.find(
      (f: any) => f.frequency === 'monthly' && f.entry === null && f.status !== 'locked',
    );
    expect(monthly).toBeDefined();
    const form = await api('street_user', `/api/performance/forms/${monthly.indicatorId}?period=2026-12`);
    expect(form.status).toBe(200);
    // A valid value for every field the form asks for, read from its schema.
    const schema = form.body.schema as { required?: string[]; properties: Record<string, any> };
    const sampleOf = (p: any): unknown =>
      p.type === 'boolean' ? false : p.type === 'string' ? (p.enum?.[0] ?? '无') : (p.minimum ?? 0) + 1;
    const values = Object.fromEntries(
      (schema.required ?? Object.keys(schema.properties)).map((k) => [k, sampleOf(schema.properties[k])]),
    );

    setClock('2027-01-10T10:00:00+08:00');
    const accepted = await api('street_user', '/api/performance/entries?wait=true', {
      json: { indicatorId: monthly.indicatorId, period: '2026-12', values },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.entry.ruleSetVersion).toBe(1);
    expect(accepted.body.score.trace.ruleSet).toBe('district-2026@1');
    expect(accepted.body.entry.isLate).toBe(false);
    const status = (await api('street_user', '/api/performance/forms-due?period=2026-12')).body;
    expect(status.ruleSetId).toBe('district-2026');
    expect(status.forms.find((f: any) => f.indicatorId === monthly.indicatorId).deadline).toBe('2027-01-15');

    setClock('2027-01-16T10:00:00+08:00');
    const lateStatus = (await api('street_user', '/api/performance/forms-due?period=2026-12')).body;
    expect(lateStatus.forms.find((f: any) => f.indicatorId === monthly.indicatorId).status).toBe('late');

    setClock('2027-01-21T10:00:00+08:00');
    const lockedStatus = (await api('street_user', '/api/performance/forms-due?period=2026-12')).body;
    expect(lockedStatus.forms.find((f: any) => f.indicatorId === monthly.indicatorId).status).toBe('locked');
    const locked = await api('street_user', '/api/performance/entries', {
      json: { indicatorId: monthly.indicatorId, period: '2026-12', values },
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe('ledger.locked');
  });

  it('switches forms and dashboards to 2027 while every 2026 figure stays what it was', async () => {
    const forms = await api('street_user', '/api/performance/forms-due');
    expect(forms.status).toBe(200);
    expect(forms.body.period).toBe('2027-01');
    expect(forms.body.ruleSetId).toBe('district-2027');
    const lights = await api('admin', '/api/performance/lights');
    expect(lights.status).toBe(200);
    const timeline = await api('admin', '/api/rule-sets/timeline');
    expect(timeline.body.items.map((i: any) => [i.ruleSetId, i.when])).toEqual([
      ['district-2026', 'past'],
      ['district-2027', 'inForce'],
    ]);

    expect((await api('admin', '/api/performance/reports/district?period=2026-11')).body).toEqual(report2026);
    expect((await api('admin', '/api/performance/rankings?period=2026-10')).body).toEqual(ranking2026);
    expect(
      (await api('admin', '/api/performance/reports/unit?unitId=street-xinhua&period=2026-11')).body,
    ).toEqual(unitReport2026);
    const scores = await api('admin', '/api/performance/scores?unitId=street-xinhua&period=2026-11');
    expect(scores.status).toBe(200);
    expect(scores.body.ruleSet).toBe('district-2026@1');
  });
});
