/** @module Case metrics feed scores: case transitions and the deadline worker's overdue notices rescore the unit's `caseMetrics` indicator for the month, with every metric value in the trace. */
import { describe, expect, it } from 'vitest';
import type { TestApp } from '../support/api-app.ts';
import { apiClient } from '../support/api-client.ts';
import { SCHOOL_CASE_TO_NOTIFIED, SCHOOL_CASE_TO_SIGNED_FOR, useCaseTestApp } from '../support/case-app.ts';

const HOUR = 3_600_000;

let t: TestApp;
const api = apiClient(() => t);

async function runActions(
  id: string,
  steps: ReadonlyArray<readonly [string, string, Record<string, unknown>]>,
): Promise<void> {
  for (const [user, action, input] of steps) {
    t.clock.advance(HOUR);
    const r = await api(user, `/api/cases/${id}/actions/${action}`, { json: { input } });
    expect(r.status, `${action}: ${JSON.stringify(r.body)}`).toBe(200);
  }
}

const onTimeScore = async () => {
  const r = await api(
    'admin',
    '/api/performance/scores?unitId=dept-education&period=2026-05&indicatorId=ind-gov-3-1',
  );
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.scores[0];
};

const intakeSchoolCase = async (text: string) => {
  const r = await api('dispatcher', '/api/cases', {
    json: { channel: 'hotline', category: 'education.school', text },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  expect(r.body.case.leadUnitId).toBe('dept-education');
  return r.body.case.id as string;
};

useCaseTestApp((app) => {
  t = app.t;
});

describe('case metrics in scores', () => {
  it('scores the unit’s on-time indicator from a case closed on time and rated satisfied', async () => {
    const before = await onTimeScore();
    expect(before?.status ?? 'missing').toBe('missing');
    const id = await intakeSchoolCase('学校门口早高峰交通拥堵，希望增派人员疏导');
    await runActions(id, [
      ...SCHOOL_CASE_TO_NOTIFIED,
      ['dispatcher', 'rate', { satisfaction: 'satisfied' }],
      ['dispatcher', 'close', {}],
    ]);
    const after = await onTimeScore();
    expect(after.status).not.toBe('missing');
    expect(after.points).toBe(100);
    expect(after.trace.entry.values).toMatchObject({
      rate: 100,
      metric: 'onTimeRate',
      handled: 1,
      handledOnTime: 1,
      onTimeRate: 1,
      rated: 1,
      satisfied: 1,
      satisfactionRate: 1,
    });
    expect(after.trace.ruleSet).toMatch(/^district-2026@\d+$/);
    const metrics = await api('admin', '/api/case-metrics?month=2026-05&unitId=dept-education');
    expect(metrics.body.items[0]).toMatchObject({ handledOnTime: 1, satisfactionRate: 1 });
  });

  it('lowers the score when the unit finishes a case after its deadline in the same month', async () => {
    const id = await intakeSchoolCase('学校周边夜间施工影响学生休息');
    await runActions(id, SCHOOL_CASE_TO_SIGNED_FOR);
    // Two calendar weeks later (still May) the handling deadline has passed.
    t.clock.advance(14 * 24 * HOUR);
    api.forget();
    await runActions(id, [['dept_user', 'handle', { result: '已责令施工方调整作业时间' }]]);
    const after = await onTimeScore();
    expect(after.trace.entry.values).toMatchObject({
      handled: 2,
      handledOnTime: 1,
      onTimeRate: 0.5,
      rate: 50,
    });
    expect(after.points).toBe(30);
  });

  it('counts a handling deadline the worker finds overdue in the unit’s overdueCount and rescores without a transition', async () => {
    const id = await intakeSchoolCase('学校食堂饭菜质量差，学生反映强烈');
    await runActions(id, SCHOOL_CASE_TO_SIGNED_FOR);
    t.clock.advance(21 * 24 * HOUR);
    api.forget();
    const pass = await t.ops.runDeadlineCheck({});
    expect(pass, JSON.stringify(pass)).toMatchObject({ notices: expect.any(Number) });
    expect(pass.notices).toBeGreaterThan(0);
    const detail = await api('admin', `/api/cases/${id}`);
    const notice = detail.body.history.find(
      (e: { type: string; payload: { timer?: string } }) =>
        e.type === 'slaOverdue' && e.payload.timer === 'handle',
    );
    expect(notice, JSON.stringify(detail.body.history.map((e: { type: string }) => e.type))).toBeDefined();
    const month = (notice.payload.deadline as string).slice(0, 7);
    const metrics = await api('admin', `/api/case-metrics?month=${month}&unitId=dept-education`);
    expect(
      metrics.body.items[0]?.overdueCount,
      JSON.stringify({ notice, metrics: metrics.body }),
    ).toBeGreaterThanOrEqual(1);
    const score = await api(
      'admin',
      `/api/performance/scores?unitId=dept-education&period=${month}&indicatorId=ind-gov-3-1`,
    );
    expect(score.status, JSON.stringify(score.body)).toBe(200);
    expect(score.body.scores[0].trace.entry.values.overdueCount).toBe(metrics.body.items[0].overdueCount);
    // Nothing handled in that month: the on-time rate has nothing to measure, which is not a 0.
    expect(metrics.body.items[0]).toMatchObject({ handledWithTimer: 0, onTimeRate: null });
    expect(score.body.scores[0].status).toBe('noCases');
    expect(score.body.scores[0].trace.noCases).toMatchObject({ policy: 'exclude', applied: 'exclude' });
    expect(score.body.scores[0].trace.weight).toBeNull();
  });
});
