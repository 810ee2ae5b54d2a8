/** @module Scoring pipeline: hand-worked totals, cap/floor, bonus/deduction caps, veto, grades, ranking ties, peer groups, traces. */
import { describe, expect, it } from 'vitest';
import {
  compilePerformanceModel,
  competitionRanks,
  computeScores,
  explainScore,
  resultOf,
  scoreOf,
} from '../../../../engine/core/scoring/pipeline.ts';
import { entry, fixtureRuleSet } from './performance-fixture.ts';

const P = '2026-03';

function marchEntries() {
  return [
    entry('s1', 'a', P, { done: 80 }, { late: true }),
    entry('s2', 'a', P, { done: 100 }),
    entry('s3', 'a', P, { done: 120 }),
    entry('s1', 'b', P, { done: 80 }),
    entry('s2', 'b', P, { done: 100 }),
    entry('s3', 'b', P, { done: 120 }),
    entry('s1', 'c', P, { n: 3 }),
    entry('s1', 'bonus', P, { n: 3 }),
    entry('s1', 'minus', P, { n: 4 }),
    entry('s1', 'safety', P, { accident: false }),
    entry('d1', 'a', P, { done: 90 }),
    entry('d1', 'safety', P, { accident: true }),
  ];
}

describe('the scoring pipeline', () => {
  const model = compilePerformanceModel(fixtureRuleSet());
  const state = computeScores(model, { entries: marchEntries() });

  it('rolls leaf scores up by weight city → district → unit (hand-worked: 76 for s1)', () => {
    // a: 80/100 → 0.8; b: 50 × 80/mean(80,100,120) = 40 of 50 → 0.8; c: 100 − 3×10 = 70 → 0.7.
    // Total = 100 × (0.6 × (0.5×0.8 + 0.5×0.8) + 0.4 × 0.7) = 76.
    expect(resultOf(state, { unitId: 's1', period: P })!.weightedTotal).toBe(76);
    expect(scoreOf(state, { unitId: 's1', indicatorId: 'b', period: P })!.points).toBe(40);
    expect(scoreOf(state, { unitId: 's1', indicatorId: 'c', period: P })!.points).toBe(70);
  });

  it('caps an item at its maximum and caps the bonus and deduction sums', () => {
    const bonus = scoreOf(state, { unitId: 's1', indicatorId: 'bonus', period: P })!;
    expect(bonus.points).toBe(2);
    expect(bonus.trace.capHit).toBe('cap');
    const r = resultOf(state, { unitId: 's1', period: P })!;
    expect(r.bonus).toBe(2);
    // 4 × 1.5 = 6 plus 0.5 for the late entry = 6.5, capped at 4.
    expect(r.trace.deduction).toMatchObject({ raw: 6.5, capped: 4, lateEntries: 1 });
    expect(r.deduction).toBe(4);
    expect(r.total).toBe(74);
  });

  it('raises a score below the floor to the floor', () => {
    const s = computeScores(model, {
      entries: [entry('s1', 'b', P, { done: 5 }), entry('s2', 'b', P, { done: 195 })],
    });
    const b = scoreOf(s, { unitId: 's1', indicatorId: 'b', period: P })!;
    // 50 × 5/100 = 2.5 is below the floor of 10.
    expect(b.points).toBe(10);
    expect(b.trace.capHit).toBe('floor');
    expect(b.trace.raw).toBe(2.5);
  });

  it('zeroes a vetoed unit, forces the veto grade and records the reason', () => {
    const r = resultOf(state, { unitId: 'd1', period: P })!;
    expect(r.weightedTotal).toBeGreaterThan(0);
    expect(r).toMatchObject({ vetoed: true, total: 0, gradeId: 'fail' });
    expect(r.trace.vetoReasons[0]).toContain('safety');
  });

  it('grades totals by the policy bands', () => {
    expect(resultOf(state, { unitId: 's1', period: P })!.gradeId).toBe('pass');
    const good = computeScores(model, {
      entries: [
        entry('s1', 'a', P, { done: 100 }),
        entry('s1', 'b', P, { done: 100 }),
        entry('s1', 'c', P, { n: 1 }),
      ],
    });
    // 100 × (0.6 × 1 + 0.4 × 0.9) = 96.
    expect(resultOf(good, { unitId: 's1', period: P })).toMatchObject({ total: 96, gradeId: 'excellent' });
  });

  it('ranks with ties (competition ranking) inside each peer group separately', () => {
    expect(competitionRanks([90, 85, 85, 70])).toEqual([1, 2, 2, 4]);
    const ranks = ['s1', 's2', 's3', 'd1', 'd2'].map((u) => resultOf(state, { unitId: u, period: P })!.ranks);
    expect(ranks).toEqual([
      { streets: 1 },
      { streets: 2 },
      { streets: 2 },
      { departments: 2 },
      { departments: 1 },
    ]);
  });

  it('renormalises weights over the indicators a unit actually has', () => {
    // d2 reported nothing: a earns 0, b its floor 10/50; it has no governance leaf, so A carries all weight.
    expect(resultOf(state, { unitId: 'd2', period: P })!.weightedTotal).toBe(10);
    expect(scoreOf(state, { unitId: 'd2', indicatorId: 'a', period: P })!.status).toBe('missing');
  });

  it('uses the latest submission of an entry and skips quarterly leaves before their first quarter', () => {
    const s = computeScores(model, {
      entries: [
        entry('s1', 'a', '2026-02', { done: 10 }, { submittedAt: '2026-03-01T00:00:00Z' }),
        entry('s1', 'a', '2026-02', { done: 50 }, { submittedAt: '2026-03-02T00:00:00Z' }),
      ],
    });
    expect(scoreOf(s, { unitId: 's1', indicatorId: 'a', period: '2026-02' })!.points).toBe(50);
    expect(scoreOf(s, { unitId: 's1', indicatorId: 'c', period: '2026-02' })).toBeUndefined();
  });

  it('reuses the last quarterly report in the following months', () => {
    const s = computeScores(
      model,
      { entries: [entry('s1', 'c', P, { n: 2 })] },
      { periods: ['2026-03', '2026-04'] },
    );
    const april = scoreOf(s, { unitId: 's1', indicatorId: 'c', period: '2026-04' })!;
    expect(april.points).toBe(80);
    expect(april.trace.reportPeriod).toBe(P);
  });

  it('rejects an entry that fails its form schema or cross-field check and says why', () => {
    const s = computeScores(model, {
      entries: [entry('s1', 'a', P, { done: -1 }), entry('s2', 'a', P, { done: 5000 })],
    });
    const bad = scoreOf(s, { unitId: 's1', indicatorId: 'a', period: P })!;
    expect(bad.status).toBe('invalid');
    expect(bad.trace.issues[0]!.code).toBe('entry.minimum');
    const check = scoreOf(s, { unitId: 's2', indicatorId: 'a', period: P })!;
    expect(check.trace.issues[0]).toMatchObject({ code: 'entry.check', messageZh: '过大' });
  });

  it('explains a score with the rule set version, inputs, weights and the operator trace', () => {
    const s = explainScore(state, { unitId: 's1', indicatorId: 'b', period: P })!;
    expect(s.trace.ruleSet).toBe('fixture@1');
    expect(s.trace.inputs).toMatchObject({ entry: { done: 80 }, peers: { done: [80, 100, 120] } });
    expect(s.trace.weight).toEqual({ nominal: 0.3, effective: 0.3 });
    expect(s.trace.ruleTrace).toMatchObject({ op: 'relative_to_mean', output: 40 });
  });

  it('runs veto before adjustments when the policy orders it so', () => {
    const reordered = compilePerformanceModel(
      fixtureRuleSet({
        policy: { pipeline: ['validate', 'score', 'weight', 'veto', 'adjust', 'grade', 'rank'] },
      }),
    );
    const s = computeScores(reordered, {
      entries: [entry('d1', 'safety', P, { accident: true }), entry('d1', 'bonus', P, { n: 1 })],
    });
    // Vetoed first, the bonus does not lift a vetoed total.
    expect(resultOf(s, { unitId: 'd1', period: P })).toMatchObject({ vetoed: true, total: 0, bonus: 1 });
  });

  it('refuses a pipeline order that grades before weighting', () => {
    expect(() =>
      compilePerformanceModel(
        fixtureRuleSet({
          policy: { pipeline: ['validate', 'score', 'grade', 'weight', 'adjust', 'veto', 'rank'] },
        }),
      ),
    ).toThrow(/weight/);
  });
});
