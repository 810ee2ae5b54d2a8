/** @module What-if across years: history months moved month-of-year onto a next-year draft, indicators without history, and the stepped run. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compilePerformanceModel,
  computeScores,
  type Entry,
} from '../../../../engine/core/scoring/pipeline.ts';
import {
  diffStates,
  movePeriod,
  moveSources,
  runWhatIf,
  startWhatIf,
  type WhatIfResult,
} from '../../../../engine/core/scoring/what-if.ts';
import type { RuleSet, RuleSetDocument } from '../../../../schemas/types.gen.ts';
import { entry, fixtureRuleSet, UNITS } from './performance-fixture.ts';

/** The fixture (optionally with overrides) as next year's rule set. */
const nextYear = (overrides: Parameters<typeof fixtureRuleSet>[0] = {}): RuleSet => ({
  ...fixtureRuleSet(overrides),
  period: { from: '2027-01-01', to: '2027-12-31' },
});

/** A new leaf `d` under A1 (a sibling of a and b) that no entry feeds. */
const withNewLeaf = (ruleSet: RuleSet): RuleSet => ({
  ...ruleSet,
  documents: [
    ...ruleSet.documents,
    {
      kind: 'indicator',
      id: 'd',
      schemaVersion: 1,
      name: { zh: '新指标', en: 'New' },
      level: 'unit',
      parentId: 'A1',
      weight: 0.5,
      owners: [...UNITS],
      dataSource: 'form',
      formId: 'f-done',
      period: 'monthly',
      maxScore: 100,
      scoringRule: { '*': [100, { '/': [{ var: 'entry.done' }, 100] }] },
    } as RuleSetDocument,
  ],
});

const entries: Entry[] = [
  entry('s1', 'a', '2026-02', { done: 70 }),
  entry('s1', 'a', '2026-03', { done: 80 }),
  entry('s1', 'b', '2026-03', { done: 50 }),
  entry('s2', 'b', '2026-03', { done: 30 }),
  entry('s2', 'a', '2026-03', { done: 95 }),
  entry('s1', 'c', '2026-03', { n: 3 }),
  entry('d1', 'a', '2026-03', { done: 40 }, { late: true }),
  entry('s3', 'bonus', '2026-03', { n: 1 }),
];

/** A result with the draft's months left out, to compare runs of different draft years. */
const withoutDraftYear = (r: WhatIfResult) => ({
  ...r,
  draft: undefined,
  periodMapping: undefined,
  draftPeriods: r.draftPeriods.map((p) => p.slice(5)),
  units: r.units.map((u) => ({ ...u, draftPeriod: u.draftPeriod.slice(5) })),
  indicators: r.indicators.map((i) => ({ ...i, draftPeriod: i.draftPeriod.slice(5) })),
});

describe('moving history onto another year', () => {
  it('maps a month to the same month of the other year', () => {
    expect(movePeriod('2026-10', 2027)).toBe('2027-10');
    expect(movePeriod('2026-01', 2026)).toBe('2026-01');
  });

  it('moves the inputs of the history year only, keeping their values, submission time and lateness', () => {
    const old = entry('s1', 'a', '2025-12', { done: 1 });
    const late = entry('s2', 'a', '2026-04', { done: 2 }, { late: true });
    const moved = moveSources(
      { entries: [old, late], derived: [entry('s1', 'c', '2026-06', { n: 0 })] },
      2026,
      2027,
    );
    expect(moved.entries).toHaveLength(1);
    expect(moved.entries![0]).toMatchObject({ period: '2027-04', late: true, submittedAt: late.submittedAt });
    expect(moved.entries![0]!.values).toBe(late.values);
    expect(moved.derived!.map((x) => x.period)).toEqual(['2027-06']);
  });
});

describe('what-if of a next-year draft over this year’s history', () => {
  it('states the mapping and pairs every history month with the draft’s month', () => {
    const r = runWhatIf({ published: fixtureRuleSet(), draft: nextYear(), sources: { entries } });
    expect(r.periodMapping).toEqual({ from: '2026', to: '2027', rule: 'monthOfYear' });
    expect(r.periods).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(r.draftPeriods).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(r.units.every((u) => u.draftPeriod === `2027-${u.historyPeriod.slice(5)}`)).toBe(true);
    expect(r.units.every((u) => u.period === u.historyPeriod)).toBe(true);
  });

  it('gives every delta 0 for the same rules, whatever the entries (property)', () => {
    const unit = fc.constantFrom(...UNITS);
    const month = fc.integer({ min: 1, max: 12 }).map((m) => `2026-${String(m).padStart(2, '0')}`);
    const input = fc.oneof(
      fc
        .record({ u: unit, p: month, i: fc.constantFrom('a', 'b'), v: fc.integer({ min: 0, max: 1200 }) })
        .map((x) => entry(x.u, x.i, x.p, { done: x.v })),
      fc
        .record({
          u: unit,
          p: month,
          i: fc.constantFrom('c', 'bonus', 'minus'),
          v: fc.integer({ min: 0, max: 12 }),
        })
        .map((x) => entry(x.u, x.i, x.p, { n: x.v })),
      fc
        .record({ u: unit, p: month, v: fc.boolean(), late: fc.boolean() })
        .map((x) => entry(x.u, 'safety', x.p, { accident: x.v }, { late: x.late })),
    );
    // Compiled once: compiling (ajv) is what costs, not the run.
    const published = compilePerformanceModel(fixtureRuleSet());
    const draft = compilePerformanceModel(nextYear());
    fc.assert(
      fc.property(fc.array(input, { minLength: 1, maxLength: 40 }), (list) => {
        const r = runWhatIf({ published, draft, sources: { entries: list } });
        expect(r.units.length).toBeGreaterThan(0);
        expect(
          r.units.every((u) => u.delta === 0 && u.after === u.before && u.gradeAfter === u.gradeBefore),
        ).toBe(true);
        expect(r.indicators.every((i) => i.status === 'compared' && i.weightedDelta === 0)).toBe(true);
        expect(r.maxAbsDelta).toBe(0);
        expect(r.gradeChanges).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it('gives a changed draft of next year the deltas of the same draft this year', () => {
    const overrides = { A: { weight: 0.5 }, B: { weight: 0.5 }, b: { maxScore: 40 } };
    const cross = runWhatIf({
      published: fixtureRuleSet(),
      draft: nextYear(overrides),
      sources: { entries },
    });
    const same = runWhatIf({
      published: fixtureRuleSet(),
      draft: fixtureRuleSet(overrides),
      sources: { entries },
    });
    expect(withoutDraftYear(cross)).toEqual(withoutDraftYear(same));
    expect(cross.maxAbsDelta).toBeGreaterThan(0);
    const s1 = cross.units.find((u) => u.unitId === 's1' && u.historyPeriod === '2026-03')!;
    expect(s1.delta).toBe(s1.after! - s1.before!);
  });

  it('shows a new indicator without history as noHistory, leaves it out of the totals and counts no drop', () => {
    const r = runWhatIf({
      published: fixtureRuleSet(),
      draft: withNewLeaf(nextYear()),
      sources: { entries },
    });
    expect(r.noHistory).toEqual(['d']);
    const rows = r.indicators.filter((i) => i.indicatorId === 'd');
    expect(rows.map((i) => i.draftPeriod)).toEqual(['2027-01', '2027-02', '2027-03']);
    expect(
      rows.every((i) => i.status === 'noHistory' && i.weightedDelta === null && i.units === UNITS.length),
    ).toBe(true);
    // The others keep their scores; no unit falls.
    expect(r.units.every((u) => u.delta === 0)).toBe(true);
    expect(r.indicators.filter((i) => i.indicatorId !== 'd').every((i) => i.weightedDelta === 0)).toBe(true);
    expect(r.maxAbsDelta).toBe(0);
  });

  it('compares a new indicator that has history like any other (added, with its points)', () => {
    const fed = [...entries, entry('s1', 'd', '2026-03', { done: 50 })];
    const published = withNewLeaf(fixtureRuleSet());
    // Published has d too, so d's entry is history; a draft of next year without changes moves nothing.
    const r = runWhatIf({ published, draft: withNewLeaf(nextYear()), sources: { entries: fed } });
    expect(r.noHistory).toEqual([]);
    expect(r.maxAbsDelta).toBe(0);
  });

  it('counts every unit row whose grade changes, in every month', () => {
    const draft = nextYear({
      policy: { grades: [{ id: 'all', name: { zh: '全', en: 'All' }, minScore: 0 }] },
    });
    const r = runWhatIf({ published: fixtureRuleSet(), draft, sources: { entries } });
    const changed = r.units.filter(
      (u) => u.gradeBefore !== null && u.gradeAfter !== null && u.gradeBefore !== u.gradeAfter,
    );
    expect(new Set(changed.map((u) => u.historyPeriod)).size).toBeGreaterThan(1);
    expect(r.gradeChanges).toBe(changed.length);
    expect(changed.every((u) => u.isGradeChanged)).toBe(true);
  });

  it('leaves a unit the draft does not score with a null delta, not a drop to 0', () => {
    const draft = nextYear();
    draft.documents = draft.documents.map((d) =>
      'owners' in d && Array.isArray(d.owners)
        ? ({ ...d, owners: (d.owners as string[]).filter((u) => u !== 'd1') } as RuleSetDocument)
        : d,
    );
    const r = runWhatIf({ published: fixtureRuleSet(), draft, sources: { entries } });
    const d1 = r.units.filter((u) => u.unitId === 'd1');
    expect(d1.length).toBeGreaterThan(0);
    expect(d1.every((u) => u.after === null && u.delta === null)).toBe(true);
    expect(r.maxAbsDelta).toBe(0);
  });
});

describe('the stepped run', () => {
  it('knows its step count at the start, counts up to it and equals the one-piece comparison', () => {
    const published = compilePerformanceModel(fixtureRuleSet());
    const draft = compilePerformanceModel(nextYear({ A: { weight: 0.5 }, B: { weight: 0.5 } }));
    const run = startWhatIf({
      published,
      draft,
      sources: { entries },
      steps: { inputs: 3, scores: 4, slots: 50 },
    });
    const total = run.total;
    const stages = new Set<string>();
    let steps = 0;
    do {
      stages.add(run.stage.zh);
      steps++;
      expect(run.done).toBe(steps - 1);
    } while (run.step());
    expect(steps).toBe(total);
    expect(run.done).toBe(total);
    expect(stages.has('读取历史数据')).toBe(true);
    expect([...stages].some((s) => s.includes('按草案计算 2027-03'))).toBe(true);
    const r = run.result();
    const before = computeScores(published, { entries });
    const after = computeScores(draft, moveSources({ entries }, 2026, 2027), { periods: r.draftPeriods });
    expect(r).toEqual(diffStates(before, after));
    expect(runWhatIf({ published, draft, sources: { entries } })).toEqual(r);
  });
});
