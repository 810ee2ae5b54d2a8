/** @module Incremental recompute: adding entries one by one gives exactly the full recompute (property test). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allScores,
  compilePerformanceModel,
  computeScores,
  type Entry,
  recomputeAffected,
  type ScoringState,
} from '../../../../engine/core/scoring/pipeline.ts';
import { entry, fixtureRuleSet, UNITS } from './performance-fixture.ts';

const model = compilePerformanceModel(fixtureRuleSet());

function snapshot(state: ScoringState) {
  const scores = [...allScores(state)]
    .map((s) => `${s.unitId}|${s.indicatorId}|${s.period}|${s.status}|${s.points}|${s.weighted}`)
    .sort();
  const results = [...state.results.values()]
    .map((r) => `${r.unitId}|${r.period}|${r.total}|${r.gradeId}|${r.vetoed}|${JSON.stringify(r.ranks)}`)
    .sort();
  return { scores, results };
}

const arbEntry: fc.Arbitrary<Entry> = fc
  .record({
    unit: fc.constantFrom(...UNITS),
    leaf: fc.constantFrom('a', 'b', 'c', 'bonus', 'minus', 'safety'),
    month: fc.integer({ min: 1, max: 4 }),
    x: fc.integer({ min: 0, max: 150 }),
    flag: fc.boolean(),
    at: fc.integer({ min: 10, max: 59 }),
    late: fc.boolean(),
  })
  .map(({ unit, leaf, month, x, flag, at, late }) => {
    const values =
      leaf === 'safety'
        ? { accident: flag && x < 10 }
        : leaf === 'a' || leaf === 'b'
          ? { done: x }
          : { n: x % 7 };
    const period = `2026-0${month}`;
    return entry(unit, leaf, period, values, { submittedAt: `2026-05-01T00:${at}:00Z`, late });
  });

describe('recomputeAffected', () => {
  it('equals a full recompute after any sequence of entries', () => {
    fc.assert(
      fc.property(fc.array(arbEntry, { minLength: 1, maxLength: 25 }), (entries) => {
        const incremental = computeScores(model, { entries: [] }, { periods: ['2026-01'] });
        for (const e of entries) recomputeAffected(incremental, e);
        const full = computeScores(model, { entries }, { periods: incremental.periods });
        expect(snapshot(incremental)).toEqual(snapshot(full));
      }),
      { numRuns: 60 },
    );
  });

  it('returns the changed scores and the results whose rank moved', () => {
    const state = computeScores(model, {
      entries: [entry('s1', 'a', '2026-01', { done: 90 }), entry('s2', 'a', '2026-01', { done: 50 })],
    });
    const changes = recomputeAffected(
      state,
      entry('s2', 'a', '2026-01', { done: 100 }, { submittedAt: '2026-02-01T00:00:00Z' }),
    );
    expect(changes.scores.map((s) => `${s.unitId}|${s.indicatorId}`)).toEqual(['s2|a']);
    expect(changes.results.map((r) => r.unitId).sort()).toEqual(['s1', 's2']);
    expect(changes.results.find((r) => r.unitId === 's1')!.ranks.streets).toBe(2);
  });

  it('recomputes the whole peer group when the rule reads peers', () => {
    const state = computeScores(model, {
      entries: [entry('s1', 'b', '2026-01', { done: 100 }), entry('s2', 'b', '2026-01', { done: 100 })],
    });
    const changes = recomputeAffected(state, entry('s3', 'b', '2026-01', { done: 400 }));
    expect(changes.scores.map((s) => s.unitId).sort()).toEqual(['s1', 's2', 's3']);
  });

  it('ignores a submission older than the stored one', () => {
    const state = computeScores(model, { entries: [entry('s1', 'a', '2026-01', { done: 90 })] });
    const changes = recomputeAffected(
      state,
      entry('s1', 'a', '2026-01', { done: 10 }, { submittedAt: '2020-01-01T00:00:00Z' }),
    );
    expect(changes).toEqual({ scores: [], results: [] });
  });
});
