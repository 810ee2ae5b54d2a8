/** @module What-if: a draft rule set over the same entries gives per-unit and per-indicator deltas. */
import { describe, expect, it } from 'vitest';
import { runWhatIf } from '../../../../engine/core/scoring/what-if.ts';
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

  it('marks grade changes in the last period', () => {
    const draft = fixtureRuleSet({
      policy: { grades: [{ id: 'all', name: { zh: '全', en: 'All' }, minScore: 0 }] },
    });
    const r = runWhatIf({ published: fixtureRuleSet(), draft, sources: { entries }, periods: ['2026-03'] });
    expect(r.gradeChanges.map((u) => u.gradeAfter)).toContain('all');
  });
});
