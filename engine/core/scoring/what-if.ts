/** @module What-if: score a draft rule set over the entry history and compare with the published one. */
import type { RuleSet } from '../../../schemas/types.gen.ts';
import { compilePerformanceModel, type PerformanceModel } from './model.ts';
import { allScores, computeScores, resultKey, type ScoringSources, type ScoringState } from './pipeline.ts';

/** Change of one unit's total in one month. */
export interface UnitDelta {
  unitId: string;
  period: string;
  before: number | null;
  after: number | null;
  delta: number;
  gradeBefore: string | null;
  gradeAfter: string | null;
  rankBefore: number | null;
  rankAfter: number | null;
}

/** Change of one indicator's points, summed over the units that have it in a month. */
export interface IndicatorDelta {
  indicatorId: string;
  period: string;
  /** Σ weighted points after − before over the units. */
  weightedDelta: number;
  /** Mean change of raw points per unit. */
  meanPointsDelta: number;
  units: number;
  added: boolean;
  removed: boolean;
}

/** Result of {@link runWhatIf}. */
export interface WhatIfResult {
  published: string;
  draft: string;
  periods: string[];
  units: UnitDelta[];
  indicators: IndicatorDelta[];
  /** Units whose grade changes in the last period. */
  gradeChanges: UnitDelta[];
  /** Largest absolute unit delta. */
  maxAbsDelta: number;
}

/**
 * Runs a draft rule set over the same entries as the published one and returns per-unit (total,
 * grade, primary-group rank) and per-indicator (weighted points) deltas for every computed month.
 * Either side may be passed compiled or as a rule set (compiled here). Deltas are draft − published.
 */
export function runWhatIf(q: {
  published: RuleSet | PerformanceModel;
  draft: RuleSet | PerformanceModel;
  sources: ScoringSources;
  periods?: readonly string[];
}): WhatIfResult {
  const asModel = (x: RuleSet | PerformanceModel): PerformanceModel =>
    'leafById' in x ? x : compilePerformanceModel(x);
  const a = asModel(q.published);
  const b = asModel(q.draft);
  const before = computeScores(a, q.sources, { periods: q.periods });
  const after = computeScores(b, q.sources, { periods: q.periods ?? before.periods });
  return diffStates(before, after);
}

/** Deltas between two computed states (draft − published). */
export function diffStates(before: ScoringState, after: ScoringState): WhatIfResult {
  const periods = [...new Set([...before.periods, ...after.periods])].sort();
  const unitIds = [...new Set([...before.model.units.keys(), ...after.model.units.keys()])].sort();
  const units: UnitDelta[] = [];
  for (const period of periods)
    for (const unitId of unitIds) {
      const x = before.results.get(resultKey(unitId, period));
      const y = after.results.get(resultKey(unitId, period));
      if (!x && !y) continue;
      const g = (s: ScoringState) => s.model.units.get(unitId)?.peerGroups[0] ?? 'all';
      units.push({
        unitId,
        period,
        before: x?.total ?? null,
        after: y?.total ?? null,
        delta: (y?.total ?? 0) - (x?.total ?? 0),
        gradeBefore: x?.gradeId ?? null,
        gradeAfter: y?.gradeId ?? null,
        rankBefore: x?.ranks[g(before)] ?? null,
        rankAfter: y?.ranks[g(after)] ?? null,
      });
    }
  const agg = new Map<string, { w: number; p: number; n: number; inA: boolean; inB: boolean }>();
  const add = (s: ScoringState, sign: 1 | -1) => {
    for (const score of allScores(s)) {
      const k = `${score.indicatorId}|${score.period}`;
      const e = agg.get(k) ?? { w: 0, p: 0, n: 0, inA: false, inB: false };
      e.w += sign * score.weighted;
      e.p += sign * score.points;
      if (sign === 1) {
        e.inB = true;
        e.n++;
      } else e.inA = true;
      agg.set(k, e);
    }
  };
  add(before, -1);
  add(after, 1);
  const indicators: IndicatorDelta[] = [...agg]
    .map(([k, e]) => {
      const [indicatorId, period] = k.split('|') as [string, string];
      return {
        indicatorId,
        period,
        weightedDelta: e.w,
        meanPointsDelta: e.p / Math.max(1, e.n),
        units: e.n,
        added: e.inB && !e.inA,
        removed: e.inA && !e.inB,
      };
    })
    .sort((x, y) =>
      x.period < y.period ? -1 : x.period > y.period ? 1 : x.indicatorId < y.indicatorId ? -1 : 1,
    );
  const last = periods.at(-1);
  return {
    published: before.model.ruleSetRef,
    draft: after.model.ruleSetRef,
    periods,
    units,
    indicators,
    gradeChanges: units.filter((u) => u.period === last && u.gradeBefore !== u.gradeAfter),
    maxAbsDelta: units.reduce((m, u) => Math.max(m, Math.abs(u.delta)), 0),
  };
}
