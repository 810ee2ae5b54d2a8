/** @module Case-metric indicators in the scoring pipeline: a rule over named metrics, and the no-cases state (无办件) scored by the `whenNoCases` policy instead of 0. */
import { describe, expect, it } from 'vitest';
import type { Indicator, RuleSet, RuleSetDocument } from '../../../../schemas/types.gen.ts';
import { caseMetricInputs } from '../../../../engine/core/routing/metric-catalogue.ts';
import type { UnitCaseMetrics } from '../../../../engine/core/routing/metrics.ts';
import {
  compilePerformanceModel,
  computeScores,
  type IndicatorInput,
  recomputeAffected,
  resultOf,
  scoreOf,
} from '../../../../engine/core/scoring/pipeline.ts';
import { check } from '../../../../engine/core/ruleset/check.ts';
import { validate } from '../../../../engine/core/ruleset/validate.ts';
import { document, indicator, ruleSetOf, unit } from './performance-fixture.ts';

const name = (zh: string, en: string) => ({ zh, en });

/** Satisfaction counts 100 points, each returned dispatch costs half a point per percent. */
const RULE = {
  '-': [{ '*': [100, { var: 'entry.satisfactionRate' }] }, { '*': [50, { var: 'entry.returnRate' }] }],
};

/** q's values are plain strings so that a test can give one the schema refuses; cast to the field's type. */
type WhenNoCases = Indicator['whenNoCases'];

function ruleSet(q: { whenNoCases?: string; policyDefault?: string } = {}): RuleSet {
  const docs: RuleSetDocument[] = [
    ...['u1', 'u2', 'u3'].map((id) => unit(id, 'streets')),
    document('assessmentPolicy', 'policy', '考核办法', 'Policy', {
      grades: [{ id: 'all', name: name('已考核', 'Assessed'), minScore: 0 }],
      ...(q.policyDefault ? { whenNoCases: q.policyDefault as WhenNoCases } : {}),
    }),
    indicator('R', '治理', 'Governance', 'city', undefined, 1),
    indicator('D', '热线', 'Hotline', 'district', 'R', 1),
    indicator('C', '群众满意', 'Citizen satisfaction', 'unit', 'D', 0.5, {
      owners: ['u1', 'u2', 'u3'],
      period: 'monthly',
      dataSource: 'caseMetrics',
      metric: 'satisfactionRate',
      ...(q.whenNoCases ? { whenNoCases: q.whenNoCases as WhenNoCases } : {}),
      scoringRule: RULE,
    }),
    indicator('F', '其他', 'Other', 'unit', 'D', 0.5, {
      owners: ['u1', 'u2', 'u3'],
      period: 'monthly',
      dataSource: 'derived',
    }),
  ];
  return ruleSetOf('test-set', '测试', 'Test', docs);
}

const metrics = (
  unitId: string,
  month: string,
  rated: number,
  satisfied: number,
  dispatched = 2,
  returned = 0,
) =>
  ({
    unitId,
    month,
    dispatched,
    handled: rated,
    handledWithTimer: rated,
    handledOnTime: rated,
    onTimeRate: rated > 0 ? 1 : null,
    returned,
    wrongfulReturns: 0,
    returnRate: dispatched > 0 ? returned / dispatched : null,
    wrongfulReturnRate: returned > 0 ? 0 : null,
    rated,
    satisfied,
    satisfactionRate: rated > 0 ? satisfied / rated : null,
    redo: 0,
    redoRate: rated > 0 ? 0 : null,
    supervisionCount: 0,
    overdueCount: 0,
    avgHandlingWorkingHours: null,
  }) satisfies UnitCaseMetrics;

const caseInput = (
  unitId: string,
  period: string,
  m: UnitCaseMetrics | undefined,
  at = `${period}-28T10:00:00Z`,
) => ({
  unitId,
  indicatorId: 'C',
  period,
  values: caseMetricInputs(m, { metric: 'satisfactionRate', field: 'rate' }),
  submittedAt: at,
});
const other = (unitId: string, period: string): IndicatorInput => ({
  unitId,
  indicatorId: 'F',
  period,
  values: { value: 80 },
  submittedAt: `${period}-20T10:00:00Z`,
});

/** May: u1 all satisfied, u2 half satisfied with half its dispatches returned, u3 had no cases. */
const may = [
  caseInput('u1', '2026-05', metrics('u1', '2026-05', 2, 2)),
  caseInput('u2', '2026-05', metrics('u2', '2026-05', 2, 1, 2, 1)),
  caseInput('u3', '2026-05', undefined),
  ...['u1', 'u2', 'u3'].map((u) => other(u, '2026-05')),
];

const scored = (q: Parameters<typeof ruleSet>[0], derived: IndicatorInput[] = may) =>
  computeScores(compilePerformanceModel(ruleSet(q)), { derived }, { periods: ['2026-05'] });

describe('case metrics in scoring rules', () => {
  it('validates an indicator with a metric and a no-cases policy', () => {
    const r = validate('ruleSet', ruleSet({ whenNoCases: 'carryForward', policyDefault: 'fullScore' }));
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const bad = validate('ruleSet', ruleSet({ whenNoCases: 'asZero' }));
    expect(bad.ok).toBe(false);
  });

  it('type-checks the rule against the catalogue: named metrics pass, an unknown one is reported', () => {
    const known = check(ruleSet({})).filter((i) => i.severity === 'error');
    expect(known).toEqual([]);
    const set = ruleSet({});
    const c = set.documents!.find((d) => d.id === 'C') as { scoringRule: unknown };
    c.scoringRule = { '+': [{ var: 'entry.overdueCount' }, { var: 'entry.complaintRate' }] };
    const issues = check(set).filter((i) => i.code === 'logic.unknown_variable');
    expect(issues.map((i) => i.message).join('\n')).toContain('entry.complaintRate');
    expect(issues.map((i) => i.message).join('\n')).not.toContain('entry.overdueCount');
  });

  it('scores two units differently from their satisfaction and return rates', () => {
    const state = scored({});
    expect(scoreOf(state, { unitId: 'u1', indicatorId: 'C', period: '2026-05' })).toMatchObject({
      status: 'scored',
      points: 100,
    });
    const u2 = scoreOf(state, { unitId: 'u2', indicatorId: 'C', period: '2026-05' })!;
    expect(u2).toMatchObject({ status: 'scored', points: 25 });
    expect(u2.trace.inputs?.entry).toMatchObject({ satisfactionRate: 0.5, returnRate: 0.5, rate: 50 });
  });

  it('leaves a unit without cases out of the roll-up by default (exclude), not 0', () => {
    const state = scored({});
    const u3 = scoreOf(state, { unitId: 'u3', indicatorId: 'C', period: '2026-05' })!;
    expect(u3.status).toBe('noCases');
    expect(u3.trace.noCases).toEqual({ policy: 'exclude', applied: 'exclude', carriedFrom: null });
    expect(u3.trace.weight).toBeNull();
    // Only F counts: its 80 points fill the whole total instead of being halved by a 0.
    expect(resultOf(state, { unitId: 'u3', period: '2026-05' })).toMatchObject({
      total: 80,
      indicatorCount: 1,
    });
    expect(resultOf(state, { unitId: 'u1', period: '2026-05' })).toMatchObject({
      total: 90,
      indicatorCount: 2,
    });
  });

  it('gives full or minimum points when the indicator says so, and takes the policy default otherwise', () => {
    const full = scored({ whenNoCases: 'fullScore' });
    expect(scoreOf(full, { unitId: 'u3', indicatorId: 'C', period: '2026-05' })).toMatchObject({
      status: 'noCases',
      points: 100,
    });
    expect(resultOf(full, { unitId: 'u3', period: '2026-05' })?.total).toBe(90);
    const zero = scored({ whenNoCases: 'zero', policyDefault: 'fullScore' });
    expect(scoreOf(zero, { unitId: 'u3', indicatorId: 'C', period: '2026-05' })).toMatchObject({
      status: 'noCases',
      points: 0,
    });
    expect(resultOf(zero, { unitId: 'u3', period: '2026-05' })?.total).toBe(40);
    const byPolicy = scored({ policyDefault: 'fullScore' });
    expect(
      scoreOf(byPolicy, { unitId: 'u3', indicatorId: 'C', period: '2026-05' })?.trace.noCases?.policy,
    ).toBe('fullScore');
  });

  it('keeps a unit with no input at all as missing, a different state from no cases', () => {
    const state = scored(
      {},
      may.filter((i) => !(i.unitId === 'u3' && i.indicatorId === 'C')),
    );
    expect(scoreOf(state, { unitId: 'u3', indicatorId: 'C', period: '2026-05' })).toMatchObject({
      status: 'missing',
      points: 0,
    });
  });

  it('carries the last month with cases forward, and follows a change of that month', () => {
    const inputs = [
      caseInput('u3', '2026-03', metrics('u3', '2026-03', 5, 4)),
      caseInput('u3', '2026-04', undefined),
      caseInput('u3', '2026-05', undefined),
      caseInput('u2', '2026-04', undefined),
    ];
    const state = computeScores(
      compilePerformanceModel(ruleSet({ whenNoCases: 'carryForward' })),
      { derived: inputs },
      { periods: ['2026-03', '2026-04', '2026-05'] },
    );
    expect(scoreOf(state, { unitId: 'u3', indicatorId: 'C', period: '2026-05' })).toMatchObject({
      status: 'noCases',
      points: 80,
      trace: { noCases: { policy: 'carryForward', applied: 'carryForward', carriedFrom: '2026-03' } },
    });
    // Nothing earlier to carry: excluded.
    expect(scoreOf(state, { unitId: 'u2', indicatorId: 'C', period: '2026-04' })?.trace.noCases).toEqual({
      policy: 'carryForward',
      applied: 'exclude',
      carriedFrom: null,
    });
    const amended = caseInput('u3', '2026-03', metrics('u3', '2026-03', 5, 3), '2026-03-30T10:00:00Z');
    const changes = recomputeAffected(state, amended);
    expect(scoreOf(state, { unitId: 'u3', indicatorId: 'C', period: '2026-05' })?.points).toBe(60);
    expect(changes.scores.map((s) => s.period).sort()).toEqual(['2026-03', '2026-04', '2026-05']);
    // The incremental result equals a full computation over the same inputs.
    const full = computeScores(
      compilePerformanceModel(ruleSet({ whenNoCases: 'carryForward' })),
      { derived: [...inputs, amended] },
      { periods: ['2026-03', '2026-04', '2026-05'] },
    );
    for (const period of ['2026-03', '2026-04', '2026-05'])
      for (const unitId of ['u2', 'u3']) {
        const a = scoreOf(state, { unitId, indicatorId: 'C', period });
        const b = scoreOf(full, { unitId, indicatorId: 'C', period });
        expect([a?.status, a?.points, a?.trace.noCases]).toEqual([b?.status, b?.points, b?.trace.noCases]);
        expect(resultOf(state, { unitId, period })?.total).toBe(resultOf(full, { unitId, period })?.total);
      }
  });
});
