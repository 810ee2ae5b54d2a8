/**
 * @module Case metrics as indicator data through the real server process: an admin publishes a scoring
 * rule over `entry.satisfactionRate` and `entry.returnRate`, real case actions score two units
 * differently, and an owner without cases follows the indicator's `whenNoCases` policy instead of 0.
 */
import { describe, expect, it } from 'vitest';
import { actSteps, intakeAs, useSignedInServer } from '../support/live-session.ts';

/** The product's clock: a Monday morning in the demo year. */
const NOW = '2026-11-16T10:00:00+08:00';
const MONTH = '2026-11';
const INDICATOR = 'ind-gov-3-1';

/** 100 points for full satisfaction, minus half a point per percent of dispatches returned. */
const RULE = {
  '-': [{ '*': [100, { var: 'entry.satisfactionRate' }] }, { '*': [50, { var: 'entry.returnRate' }] }],
};

const { as } = useSignedInServer(NOW, ['admin', 'admin2', 'dispatcher', 'dept_user', 'street_user']);

/** Publishes a new version of the rule set in force whose indicator reads two case metrics. */
async function publishCaseMetricRule(): Promise<string> {
  const active = await as.admin!.apiJson<{ ruleSetId: string; number: number }>(
    `/api/rule-sets/active?at=${NOW.slice(0, 10)}`,
  );
  const draft = await as.admin!.apiJson<{ number: number; revision: number; content: { documents: any[] } }>(
    `/api/rule-sets/${active.ruleSetId}/drafts`,
    { method: 'POST', json: { basedOn: active.number } },
  );
  const indicator = draft.content.documents.find((d) => d.kind === 'indicator' && d.id === INDICATOR);
  expect(indicator?.dataSource).toBe('caseMetrics');
  const base = `/api/rule-sets/${active.ruleSetId}/versions/${draft.number}`;
  await as.admin!.apiJson(`${base}/documents/indicator/${INDICATOR}`, {
    method: 'PUT',
    json: {
      revision: draft.revision,
      document: { ...indicator, metric: 'satisfactionRate', whenNoCases: 'fullScore', scoringRule: RULE },
    },
  });
  await as.admin!.apiJson(`${base}/submit`, { method: 'POST', json: {} });
  await as.admin2!.apiJson(`${base}/approve`, { method: 'POST', json: {} });
  await as.admin!.apiJson(`${base}/publish`, { method: 'POST', json: {} });
  return `${active.ruleSetId}@${draft.number}`;
}

const intake = (q: Record<string, unknown>) => intakeAs(as.dispatcher!, { channel: 'hotline', ...q });

const act = (id: string, steps: [string, string, Record<string, unknown>?][]) => actSteps(as, id, steps);

const toRating = (unit: string): [string, string, Record<string, unknown>?][] => [
  [unit, 'signFor'],
  [unit, 'handle', { result: '已到现场处理完毕' }],
  [unit, 'reply', { reply: '已处理，欢迎监督' }],
  ['dispatcher', 'verify'],
  ['dispatcher', 'notifyCitizen'],
];

const scoreOf = async (unitId: string) => {
  const r = await as.admin!.apiJson<{ ruleSet: string; scores: any[] }>(
    `/api/performance/scores?unitId=${unitId}&period=${MONTH}&indicatorId=${INDICATOR}`,
  );
  return { ruleSet: r.ruleSet, score: r.scores[0] };
};

describe('case metrics in a published scoring rule (real server)', () => {
  it('scores two units differently from their cases and gives a unit without cases its policy, not 0', async () => {
    const ruleSet = await publishCaseMetricRule();

    // Education: one case, handled and rated satisfied, never returned.
    const school = await intake({
      category: 'education.school',
      text: '学校门口早高峰交通拥堵，希望增派人员疏导',
    });
    expect(school.leadUnitId).toBe('dept-education');
    await act(school.id, [
      ['dispatcher', 'dispatch'],
      ...toRating('dept_user'),
      ['dispatcher', 'rate', { satisfaction: 'satisfied' }],
    ]);

    // Xinhua street: one case returned (the return is rejected) then rated satisfied, one rated unsatisfied.
    const noise = {
      category: 'environment.noise',
      data: { period: '夜间（22时至次日6时）' },
      location: { streetId: 'street-xinhua' },
    };
    const first = await intake({ ...noise, text: '小区楼下广场舞音响声音太大，影响休息' });
    const second = await intake({ ...noise, text: '夜市摊贩深夜喧哗，噪音扰民' });
    expect([first.leadUnitId, second.leadUnitId]).toEqual(['street-xinhua', 'street-xinhua']);
    await act(first.id, [
      ['dispatcher', 'dispatch'],
      ['street_user', 'return', { reason: '非本街道职责' }],
      ['dispatcher', 'rejectReturn', { reason: '属街道职责范围' }],
      ...toRating('street_user'),
      ['dispatcher', 'rate', { satisfaction: 'satisfied' }],
    ]);
    await act(second.id, [
      ['dispatcher', 'dispatch'],
      ...toRating('street_user'),
      ['dispatcher', 'rate', { satisfaction: 'unsatisfied' }],
    ]);

    const metrics = await as.admin!.apiJson<{ items: any[] }>(`/api/case-metrics?month=${MONTH}`);
    const xinhuaMetrics = metrics.items.find((m) => m.unitId === 'street-xinhua');
    expect(xinhuaMetrics).toMatchObject({
      dispatched: 2,
      returned: 1,
      rated: 2,
      satisfied: 1,
      satisfactionRate: 0.5,
    });
    expect(xinhuaMetrics.returnRate).toBe(0.5);

    const education = await scoreOf('dept-education');
    expect(education.ruleSet).toBe(ruleSet);
    expect(education.score).toMatchObject({ status: 'scored', points: 100 });
    expect(education.score.trace.entry.values).toMatchObject({
      metric: 'satisfactionRate',
      rate: 100,
      satisfactionRate: 1,
      returnRate: 0,
    });
    // 100 × 0.5 − 50 × 0.5
    const xinhua = await scoreOf('street-xinhua');
    expect(xinhua.score).toMatchObject({ status: 'scored', points: 25 });
    expect(xinhua.score.trace.inputs.entry).toMatchObject({
      satisfactionRate: 0.5,
      returnRate: 0.5,
      rate: 50,
    });

    // The health commission owns the indicator but had no case this month.
    expect(metrics.items.some((m) => m.unitId === 'dept-health')).toBe(false);
    const health = await scoreOf('dept-health');
    expect(health.score.status).toBe('noCases');
    expect(health.score.points).toBe(100);
    expect(health.score.trace.noCases).toEqual({
      policy: 'fullScore',
      applied: 'fullScore',
      carriedFrom: null,
    });
    expect(health.score.trace.entry.values).toMatchObject({ noCases: true, rate: null, dispatched: 0 });
  });
});
