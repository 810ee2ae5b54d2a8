/** @module Scoring pipeline: raw → validate → score (cap/floor) → weight → adjust → veto → grade → rank, full and incremental, with traces. */
import type { CompiledLeaf, PerformanceModel } from './model.ts';
import { monthOf, periodOf, reportingMonth, yearOf } from './model.ts';
import type {
  IndicatorInput,
  IndicatorScore,
  ScoreChanges,
  ScoringOptions,
  ScoringSources,
  ScoringState,
  UnitResult,
} from './scoring-state.ts';
import { key3, slotByIds, slotOf } from './scoring-state.ts';
import { computeUnit } from './unit-result.ts';

export type { CompiledLeaf, PerformanceModel } from './model.ts';
export { compilePerformanceModel } from './model.ts';
// The pipeline's records are declared beside the state the stages share; this file stays their entry.
export type {
  Entry,
  IndicatorInput,
  IndicatorScore,
  NoCasesTrace,
  ResultTrace,
  ScoreChanges,
  ScoreStatus,
  ScoreTrace,
  ScoringOptions,
  ScoringSources,
  ScoringState,
  UnitResult,
} from './scoring-state.ts';

/** Monday–Friday, for working-day operators when no calendar is given. */
export const WEEKDAY_CALENDAR = {
  isWorkingDay(isoDate: string): boolean {
    const day = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  },
};

/** The effective (latest) input of (unit, indicator, month 1–12), if any. */
export function inputOf(
  state: ScoringState,
  q: { unitId: string; indicatorId: string; month: number },
): IndicatorInput | undefined {
  const slot = slotByIds(state.model, q.unitId, q.indicatorId, q.month);
  return slot < 0 ? undefined : state.inputs[slot];
}

/** Every leaf score of the state. */
export function* allScores(state: ScoringState): Generator<IndicatorScore> {
  for (const s of state.scores) if (s) yield s;
}
/** Key of a unit result in {@link ScoringState.results}. */
export const resultKey = (unitId: string, period: string) => `${unitId}|${period}`;

function isNewer(candidate: IndicatorInput, current: IndicatorInput | undefined): boolean {
  if (!current) return true;
  return (candidate.submittedAt ?? '') >= (current.submittedAt ?? '');
}

function addInput(state: ScoringState, input: IndicatorInput): boolean {
  const month = monthOf(input.period);
  if (!(month >= 1 && month <= 12) || yearOf(input.period) !== state.model.year) return false;
  const k = slotByIds(state.model, input.unitId, input.indicatorId, month);
  if (k < 0 || !isNewer(input, state.inputs[k])) return false;
  state.inputs[k] = input;
  state.validated[k] = undefined;
  return true;
}

/**
 * Competition ranking ("1224"): equal values share a rank and the next rank skips. `direction`
 * `higher` ranks the largest value first. Returns ranks in input order.
 */
export function competitionRanks(
  values: readonly number[],
  direction: 'higher' | 'lower' = 'higher',
): number[] {
  const order = values
    .map((v, i) => [v, i] as const)
    .sort((a, b) => (direction === 'higher' ? b[0] - a[0] : a[0] - b[0]));
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; i++) {
    const [v, idx] = order[i]!;
    ranks[idx] = i > 0 && order[i - 1]![0] === v ? ranks[order[i - 1]![1]]! : i + 1;
  }
  return ranks;
}

/** The rank stage for one month and peer group. */
function rankGroup(state: ScoringState, group: string, period: string): void {
  const members = (state.model.peerGroups.get(group) ?? [])
    .map((u) => state.results.get(resultKey(u, period)))
    .filter((r): r is UnitResult => r !== undefined);
  const ranks = competitionRanks(members.map((r) => r.trace.rankedOn));
  members.forEach((r, i) => {
    r.ranks[group] = ranks[i]!;
  });
}

function monthsUpTo(year: number, last: number): string[] {
  return Array.from({ length: last }, (_, i) => periodOf(year, i + 1));
}

function allInputs(sources: ScoringSources): IndicatorInput[] {
  return [...(sources.entries ?? []), ...(sources.thirdParty ?? []), ...(sources.derived ?? [])];
}

function computePeriods(state: ScoringState, periods: readonly string[], units?: readonly string[]): void {
  for (const period of periods) {
    computeUnitsOfPeriod(state, period, units ?? state.model.units.keys());
    rankPeriod(state, period);
  }
}

/**
 * Every stage but rank for some units in one computed month of a {@link prepareScores} state (chunked
 * work); call {@link rankPeriod} once all of the month's units are done.
 */
export function computeUnitsOfPeriod(state: ScoringState, period: string, units: Iterable<string>): void {
  const month = monthOf(period);
  for (const unitId of units) {
    const r = computeUnit(state, unitId, month);
    if (r) state.results.set(resultKey(unitId, period), r);
    else state.results.delete(resultKey(unitId, period));
  }
}

/** The rank stage of one month, every peer group. */
export function rankPeriod(state: ScoringState, period: string): void {
  for (const group of state.model.peerGroups.keys()) rankGroup(state, group, period);
}

/**
 * One `undefined` per slot, allocated at full size: the arrays are written at scattered slots, and an
 * array grown by scattered writes turns into a slow dictionary.
 */
function slots<T>(model: PerformanceModel): (T | undefined)[] {
  return new Array<T | undefined>(model.units.size * model.leaves.length * 13).fill(undefined);
}

/** Same leaf at the same slots in both models, validated by an identical form. */
function sameSlotsAndForm(a: CompiledLeaf, b: CompiledLeaf | undefined): boolean {
  if (!b || a.id !== b.id || a.dataSource !== b.dataSource) return false;
  const fa = a.dataSource === 'form' ? a.form : null;
  const fb = b.dataSource === 'form' ? b.form : null;
  return fa === null || fb === null ? fa === fb : fa.key === fb.key;
}

/**
 * Takes `from`'s validation results (a state under another model, e.g. the published one for a
 * what-if draft) for the inputs both hold with the very same values under an identical form.
 */
export function shareValidation(state: ScoringState, from: ScoringState): void {
  const a = state.model;
  const b = from.model;
  // Years may differ (a next-year draft over this year's history): slots index months, not years.
  if (a.leaves.length !== b.leaves.length || a.units.size !== b.units.size) return;
  const unitIds = [...a.units.keys()];
  if (unitIds.some((u) => b.unitIndex.get(u) !== a.unitIndex.get(u))) return;
  for (const leaf of a.leaves) {
    if (!sameSlotsAndForm(leaf, b.leaves[leaf.index])) continue;
    for (let u = 0; u < unitIds.length; u++)
      for (let m = 1; m <= 12; m++) {
        const k = slotOf(a, u, leaf.index, m);
        const input = state.inputs[k];
        // Only the very same values object (an input moved to another year keeps it): another
        // submission may carry other values, and validation reads nothing but the values.
        const other = from.inputs[k];
        if (input !== undefined && other !== undefined && input.values === other.values && from.validated[k])
          state.validated[k] = from.validated[k];
      }
  }
}

/**
 * Full computation: every unit × owned leaf × month, then roll-ups and rankings. The returned state
 * feeds {@link recomputeAffected}, reports, lights and what-if.
 */
export function computeScores(
  model: PerformanceModel,
  sources: ScoringSources,
  options: ScoringOptions = {},
): ScoringState {
  const state = prepareScores(model, sources, options);
  computePeriods(state, state.periods);
  return state;
}

/**
 * {@link computeScores} up to, not including, the computation: inputs placed, months chosen, shared
 * validation taken. Compute it month by month with {@link computeUnitsOfPeriod} and {@link rankPeriod}.
 */
/**
 * Places inputs `inputs[from..to)` into a prepared state, before it is computed (chunked
 * preparation); the latest submission per slot wins. Returns the latest month placed (0: none).
 */
export function placeInputs(
  state: ScoringState,
  q: { inputs: readonly IndicatorInput[]; from?: number; to?: number },
): number {
  let last = 0;
  const end = Math.min(q.to ?? q.inputs.length, q.inputs.length);
  for (let i = q.from ?? 0; i < end; i++) {
    const input = q.inputs[i]!;
    if (addInput(state, input)) last = Math.max(last, monthOf(input.period));
  }
  return last;
}

export function prepareScores(
  model: PerformanceModel,
  sources: ScoringSources,
  options: ScoringOptions = {},
): ScoringState {
  const state: ScoringState = {
    model,
    traceRules: options.traceRules === true,
    ctx: { calendar: options.calendar ?? WEEKDAY_CALENDAR },
    periods: [],
    inputs: slots(model),
    scores: slots(model),
    results: new Map(),
    validated: slots(model),
    peerCache: new Map(),
  };
  let last = 0;
  for (const input of allInputs(sources))
    if (addInput(state, input)) last = Math.max(last, monthOf(input.period));
  state.periods = options.periods ? [...options.periods].sort() : monthsUpTo(model.year, last);
  if (options.reuseValidation) shareValidation(state, options.reuseValidation);
  return state;
}

function sameScore(a: IndicatorScore | undefined, b: IndicatorScore | undefined): boolean {
  if (!a || !b) return a === b;
  return a.points === b.points && a.status === b.status && a.weighted === b.weighted && a.vetoed === b.vetoed;
}

function sameResult(a: UnitResult | undefined, b: UnitResult | undefined): boolean {
  if (!a || !b) return a === b;
  if (
    a.total !== b.total ||
    a.gradeId !== b.gradeId ||
    a.vetoed !== b.vetoed ||
    a.weightedTotal !== b.weightedTotal
  )
    return false;
  const ka = Object.keys(a.ranks);
  return ka.length === Object.keys(b.ranks).length && ka.every((g) => a.ranks[g] === b.ranks[g]);
}

/**
 * Adds one input (an entry, a third-party value or a derived value) to the state and recomputes
 * only what it affects: the leaf's scores in the months that read this report (and, when the rule
 * reads `peers`, those of the unit's peer group), the roll-ups of those units, and the rankings of
 * their peer groups. Updates `state` in place and returns the scores and results whose values changed
 * (results whose rank moved included). An older submission than the stored one changes nothing.
 */
export function recomputeAffected(state: ScoringState, input: IndicatorInput): ScoreChanges {
  const { model } = state;
  const leaf = model.leafById.get(input.indicatorId);
  if (!leaf || !addInput(state, input)) return { scores: [], results: [] };
  const month = monthOf(input.period);
  // A report of a month not computed yet extends the computed months.
  const last = state.periods.length > 0 ? monthOf(state.periods.at(-1)!) : 0;
  let months: number[] = [];
  const newPeriods: string[] = [];
  if (month > last) {
    for (let m = last + 1; m <= month; m++) newPeriods.push(periodOf(model.year, m));
    state.periods = [...state.periods, ...newPeriods];
  }
  // A later month of a carry-forward leaf may carry this report's points.
  const isCarried = leaf.dataSource === 'caseMetrics' && leaf.whenNoCases === 'carryForward';
  for (const p of state.periods) {
    const m = monthOf(p);
    if (newPeriods.includes(p)) continue;
    if (reportingMonth(leaf.period, m) === month || (isCarried && m > month)) months.push(m);
  }
  const group = model.units.get(input.unitId)?.peerGroups[0] ?? 'all';
  let units = [input.unitId];
  if (leaf.peerFields.length > 0) {
    state.peerCache.delete(key3(leaf.id, group, month));
    units = (model.peerGroups.get(group) ?? [input.unitId]).filter((u) => leaf.owners.has(u));
  }
  const changedScores: IndicatorScore[] = [];
  const changedResults = new Map<string, UnitResult>();
  const groups = new Set<string>();
  for (const u of units) for (const g of model.units.get(u)?.peerGroups ?? ['all']) groups.add(g);
  months = months.sort((a, b) => a - b);
  for (const m of months) {
    const period = periodOf(model.year, m);
    const before = new Map<string, UnitResult | undefined>();
    for (const g of groups)
      for (const u of model.peerGroups.get(g) ?? []) {
        const r = state.results.get(resultKey(u, period));
        before.set(u, r ? { ...r, ranks: { ...r.ranks } } : undefined);
      }
    for (const u of units) {
      const uIdx = model.unitIndex.get(u)!;
      const oldScores = new Map(
        (model.leavesByUnit.get(u) ?? []).map(
          (l) => [l.id, state.scores[slotOf(model, uIdx, l.index, m)]] as const,
        ),
      );
      const r = computeUnit(state, u, m, leaf);
      if (r) state.results.set(resultKey(u, period), r);
      else state.results.delete(resultKey(u, period));
      for (const l of model.leavesByUnit.get(u) ?? []) {
        const now = state.scores[slotOf(model, uIdx, l.index, m)];
        if (!sameScore(oldScores.get(l.id), now) && now) changedScores.push(now);
      }
    }
    for (const g of groups) rankGroup(state, g, period);
    for (const [u, old] of before) {
      const now = state.results.get(resultKey(u, period));
      if (now && !sameResult(old, now)) changedResults.set(resultKey(u, period), now);
    }
  }
  if (newPeriods.length > 0) {
    computePeriods(state, newPeriods);
    for (const p of newPeriods) {
      for (const s of allScores(state)) if (s.period === p) changedScores.push(s);
      for (const r of state.results.values())
        if (r.period === p) changedResults.set(resultKey(r.unitId, p), r);
    }
  }
  return { scores: changedScores, results: [...changedResults.values()] };
}

/** A leaf score, or undefined. */
export function scoreOf(
  state: ScoringState,
  q: { unitId: string; indicatorId: string; period: string },
): IndicatorScore | undefined {
  const slot = slotByIds(state.model, q.unitId, q.indicatorId, monthOf(q.period));
  return slot < 0 || Number(q.period.slice(0, 4)) !== state.model.year ? undefined : state.scores[slot];
}

/** A unit result, or undefined. */
export function resultOf(state: ScoringState, q: { unitId: string; period: string }): UnitResult | undefined {
  return state.results.get(resultKey(q.unitId, q.period));
}

/**
 * "Why this score": the stored score with the rule's operator trace (evaluateWithTrace on the same
 * inputs) attached. Undefined when there is no such score.
 */
export function explainScore(
  state: ScoringState,
  q: { unitId: string; indicatorId: string; period: string },
): IndicatorScore | undefined {
  const score = scoreOf(state, q);
  const leaf = state.model.leafById.get(q.indicatorId);
  if (!score || !leaf) return score;
  if (score.trace.inputs && !score.trace.ruleTrace) {
    try {
      const traced = leaf.traced()(score.trace.inputs, state.ctx);
      return { ...score, trace: { ...score.trace, ruleTrace: traced.trace } };
    } catch {
      return score;
    }
  }
  return score;
}
