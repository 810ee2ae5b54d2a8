/** @module What-if: score a draft rule set over the entry history and compare with the published one. */
import type { RuleSet } from '../../../schemas/types.gen.ts';
import { compilePerformanceModel, type PerformanceModel } from './model.ts';
import { computeScores, resultKey, type ScoringSources, type ScoringState } from './pipeline.ts';

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
  const after = computeScores(b, q.sources, {
    periods: q.periods ?? before.periods,
    reuseValidation: before,
  });
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
  // Per (indicator, period) sums in typed arrays: rows by indicator id, columns by period. Each state's
  // slots are read in slot order (units ascending), published first, so every sum adds the same terms
  // in the same order as summing the scores one by one.
  const rowOf = new Map<string, number>();
  const rowIds: string[] = [];
  const columns = new Map(periods.map((p, i) => [p, i]));
  const width = Math.max(1, periods.length);
  let size = 64 * width;
  let w = new Float64Array(size);
  let p = new Float64Array(size);
  let n = new Int32Array(size);
  // Bit 1: in the published state, bit 2: in the draft.
  let seen = new Uint8Array(size);
  const grow = (need: number) => {
    if (need <= size) return;
    while (size < need) size *= 2;
    const copy = <A extends Float64Array | Int32Array | Uint8Array>(a: A, b: A): A => {
      b.set(a);
      return b;
    };
    w = copy(w, new Float64Array(size));
    p = copy(p, new Float64Array(size));
    n = copy(n, new Int32Array(size));
    seen = copy(seen, new Uint8Array(size));
  };
  const add = (s: ScoringState, sign: 1 | -1) => {
    const { leaves } = s.model;
    const rows = leaves.map((leaf) => {
      let r = rowOf.get(leaf.id);
      if (r === undefined) {
        r = rowIds.length;
        rowIds.push(leaf.id);
        rowOf.set(leaf.id, r);
        grow((r + 1) * width);
      }
      return r;
    });
    const { scores } = s;
    for (let k = 0; k < scores.length; k++) {
      const score = scores[k];
      if (score === undefined) continue;
      const col = columns.get(score.period);
      if (col === undefined) continue;
      const at = rows[Math.floor(k / 13) % leaves.length]! * width + col;
      w[at] = w[at]! + sign * score.weighted;
      p[at] = p[at]! + sign * score.points;
      if (sign === 1) {
        seen[at] = seen[at]! | 2;
        n[at] = n[at]! + 1;
      } else seen[at] = seen[at]! | 1;
    }
  };
  add(before, -1);
  add(after, 1);
  const indicators: IndicatorDelta[] = [];
  for (let r = 0; r < rowIds.length; r++)
    for (let c = 0; c < periods.length; c++) {
      const at = r * width + c;
      const flags = seen[at]!;
      if (flags === 0) continue;
      indicators.push({
        indicatorId: rowIds[r]!,
        period: periods[c]!,
        weightedDelta: w[at]!,
        meanPointsDelta: p[at]! / Math.max(1, n[at]!),
        units: n[at]!,
        added: flags === 2,
        removed: flags === 1,
      });
    }
  indicators.sort((x, y) =>
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
