/** @module What-if: a draft rule set over the same entries gives per-unit and per-indicator deltas. */
import { describe, expect, it } from 'vitest';
import { compilePerformanceModel, computeScores } from '../../../../engine/core/scoring/pipeline.ts';
import { diffStates, runWhatIf } from '../../../../engine/core/scoring/what-if.ts';
import { entry, fixtureRuleSet } from './performance-fixture.ts';

const entries = [
  entry('s1', 'a', '2026-03', { done: 80 }),
  entry('s1', 'b', '2026-03', { done: 50 }),
  entry('s2', 'b', '2026-03', { done: 50 }),
  entry('s1', 'c', '2026-03', { n: 3 }),
];

describe('runWhatIf', () => {
  it('returns zero deltas for an unchanged rule set', () => {
    const r = runWhatIf({ published: fixtureRuleSet(), draft: fixtureRuleSet(), sources: { entries } });
    expect(r.maxAbsDelta).toBe(0);
    expect(r.indicators.every((i) => i.weightedDelta === 0)).toBe(true);
  });

  it('reports per-unit and per-indicator deltas of reweighted city categories', () => {
    const draft = fixtureRuleSet({ A: { weight: 0.5 }, B: { weight: 0.5 } });
    const r = runWhatIf({ published: fixtureRuleSet(), draft, sources: { entries }, periods: ['2026-03'] });
    // s1: A = 0.5×0.8 + 0.5×1 = 0.9, B = 0.7. Published 100×(0.6×0.9 + 0.4×0.7) = 82, draft 80.
    const s1 = r.units.find((u) => u.unitId === 's1')!;
    expect(s1).toMatchObject({ before: 82, after: 80, delta: -2 });
    const c = r.indicators.find((i) => i.indicatorId === 'c')!;
    // c's weighted points: 0.4 × 70 = 28 → 0.5 × 70 = 35.
    expect(c.weightedDelta).toBeCloseTo(7, 9);
    expect(r.draft).toBe('fixture@1');
  });

  it('counts the unit rows whose grade changes', () => {
    const draft = fixtureRuleSet({
      policy: { grades: [{ id: 'all', name: { zh: '全', en: 'All' }, minScore: 0 }] },
    });
    const r = runWhatIf({ published: fixtureRuleSet(), draft, sources: { entries }, periods: ['2026-03'] });
    const changed = r.units.filter((u) => u.gradeBefore !== null && u.gradeBefore !== u.gradeAfter);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((u) => u.gradeAfter === 'all' && u.isGradeChanged)).toBe(true);
    expect(r.gradeChanges).toBe(changed.length);
  });

  it('validates again the entries of a form the draft changed, and equals two independent computations', () => {
    const tooLarge = [...entries, entry('s3', 'a', '2026-03', { done: 600 })];
    // The draft's form accepts at most 500, so s3's entry turns invalid only in the draft.
    const draft = fixtureRuleSet({
      'f-done': {
        checks: [
          { rule: { '<=': [{ var: 'done' }, 500] }, message: { zh: '过大', en: 'Too large' }, path: '/done' },
        ],
      },
    });
    const sources = { entries: tooLarge };
    const r = runWhatIf({ published: fixtureRuleSet(), draft, sources, periods: ['2026-03'] });
    const before = computeScores(compilePerformanceModel(fixtureRuleSet()), sources, {
      periods: ['2026-03'],
    });
    const after = computeScores(compilePerformanceModel(draft), sources, { periods: ['2026-03'] });
    expect(r).toEqual(diffStates(before, after));
    const a = r.indicators.find((i) => i.indicatorId === 'a')!;
    expect(a.weightedDelta).toBeLessThan(0);
  });
});
