/** @module What-if: score a draft rule set over the entry history (moved month-of-year onto the draft's year) and compare with the published one, in steps. */
import type { RuleSet } from '../../../schemas/types.gen.ts';
import {
  type CompiledLeaf,
  compilePerformanceModel,
  monthOf,
  type PerformanceModel,
  periodOf,
} from './model.ts';
import {
  computeUnitsOfPeriod,
  type IndicatorInput,
  prepareScores,
  rankPeriod,
  resultKey,
  type ScoringSources,
  type ScoringState,
} from './pipeline.ts';

/**
 * How history months are matched with the draft's months: `monthOfYear` pairs the same month of
 * the history year (`from`) and of the draft's year (`to`), e.g. 2026-03 → 2027-03.
 */
export interface PeriodMapping {
  /** Year of the history (the published version's year), `YYYY`. */
  from: string;
  /** Year of the draft's periods, `YYYY` (equal to `from` for a draft of the same year). */
  to: string;
  rule: 'monthOfYear';
}

/** Change of one unit's total in one month. */
export interface UnitDelta {
  unitId: string;
  /** The history month (same as `historyPeriod`; kept for callers of the same-year what-if). */
  period: string;
  /** Month of the history whose entries were scored, `YYYY-MM`. */
  historyPeriod: string;
  /** The draft's month those entries stand for, `YYYY-MM`. */
  draftPeriod: string;
  /** Published total, null when the published version gives the unit no result that month. */
  before: number | null;
  /** Draft total, null when the draft gives the unit no result that month. */
  after: number | null;
  /** after − before; null when either side has no result (never counted as a drop). */
  delta: number | null;
  gradeBefore: string | null;
  gradeAfter: string | null;
  /** Both sides graded and the grades differ. */
  isGradeChanged: boolean;
  rankBefore: number | null;
  rankAfter: number | null;
}

/**
 * How an indicator compares in a month: `compared` (scored under both), `added` / `removed` (only
 * in the draft / only published, with history), `noHistory` (in the draft, no entry in the history:
 * left out of the draft's totals, no delta).
 */
export type IndicatorDeltaStatus = 'compared' | 'added' | 'removed' | 'noHistory';

/** Change of one indicator's points, summed over the units that have it in a month. */
export interface IndicatorDelta {
  indicatorId: string;
  /** The history month (same as `historyPeriod`). */
  period: string;
  historyPeriod: string;
  draftPeriod: string;
  status: IndicatorDeltaStatus;
  /** Σ weighted points after − before over the units; null for `noHistory`. */
  weightedDelta: number | null;
  /** Mean change of raw points per unit; null for `noHistory`. */
  meanPointsDelta: number | null;
  /** Units scored under the draft (for `noHistory`: units owning it in the draft). */
  units: number;
  added: boolean;
  removed: boolean;
}

/** Result of a what-if. */
export interface WhatIfResult {
  published: string;
  draft: string;
  /** How the history's months were matched with the draft's. */
  periodMapping: PeriodMapping;
  /** History months compared, ascending. */
  periods: string[];
  /** The draft's months, in the order of `periods`. */
  draftPeriods: string[];
  units: UnitDelta[];
  indicators: IndicatorDelta[];
  /** Indicators of the draft without any entry in the history (shown as "no history", never 0). */
  noHistory: string[];
  /** Number of unit rows (unit × month) whose grade differs between published and draft. */
  gradeChanges: number;
  /** Largest absolute unit delta. */
  maxAbsDelta: number;
}

/** `YYYY-MM` of the same month in `year`. */
export function movePeriod(period: string, year: number): string {
  return periodOf(year, monthOf(period));
}

/**
 * The inputs of `fromYear` moved month-of-year onto `toYear` (other years dropped). Each moved input
 * keeps its `values` object, submission time and lateness, so it validates and wins exactly as the
 * original did.
 */
export function moveSources(sources: ScoringSources, fromYear: number, toYear: number): ScoringSources {
  const prefix = `${fromYear}-`;
  const move = <T extends IndicatorInput>(list: readonly T[] | undefined): T[] => {
    const out: T[] = [];
    for (const x of list ?? [])
      if (x.period.startsWith(prefix))
        out.push(fromYear === toYear ? x : { ...x, period: movePeriod(x.period, toYear) });
    return out;
  };
  return {
    entries: move(sources.entries),
    thirdParty: move(sources.thirdParty),
    derived: move(sources.derived),
  };
}

/** Leaves of `draft` that no input of `sources` (already in the draft's year) is for, and that `published` does not have. */
function leavesWithoutHistory(
  draft: PerformanceModel,
  published: PerformanceModel,
  sources: ScoringSources,
): Set<string> {
  const fed = new Set<string>();
  const prefix = `${draft.year}-`;
  for (const list of [sources.entries, sources.thirdParty, sources.derived])
    for (const x of list ?? []) if (x.period.startsWith(prefix)) fed.add(x.indicatorId);
  const out = new Set<string>();
  // A leaf both versions have is scored alike on both sides (its floor when unfed), so only new ones are left out.
  for (const leaf of draft.leaves)
    if (!fed.has(leaf.id) && !published.leafById.has(leaf.id)) out.add(leaf.id);
  return out;
}

/** The model with `absent` leaves owned by no unit, so the roll-up renormalises over the others. */
function withoutLeaves(model: PerformanceModel, absent: ReadonlySet<string>): PerformanceModel {
  if (absent.size === 0) return model;
  const leavesByUnit = new Map<string, readonly CompiledLeaf[]>();
  for (const [unitId, leaves] of model.leavesByUnit)
    leavesByUnit.set(
      unitId,
      leaves.filter((l) => !absent.has(l.id)),
    );
  return { ...model, leavesByUnit };
}

/** A what-if computed in steps, so a caller can yield to the event loop between them. */
export interface WhatIfRun {
  /** Steps in all (known from the start). */
  readonly total: number;
  /** Steps done. */
  readonly done: number;
  /** What the next step does, `{en, zh}`. */
  readonly stage: { en: string; zh: string };
  /** Does one step; false once everything is done. */
  step(): boolean;
  /** The result (runs the remaining steps first). */
  result(): WhatIfResult;
}

/** Leaf evaluations per step: a few milliseconds of work at the pipeline's speed. */
const SCORES_PER_STEP = 6000;

/**
 * Prepares a what-if of `draft` against `published` over `sources` (the history, in the published
 * version's year). History months are matched month-of-year with the draft's year; indicators of
 * the draft without any history are left out of the draft's totals and reported as `noHistory`.
 * Each {@link WhatIfRun.step} scores a bounded number of (unit, leaf) pairs of one month.
 */
export function startWhatIf(q: {
  published: RuleSet | PerformanceModel;
  draft: RuleSet | PerformanceModel;
  sources: ScoringSources;
  /** History months (`YYYY-MM` of the published year); default January up to the latest reported. */
  periods?: readonly string[];
  /** A computed state of the published version over the same inputs, whose validations are reused. */
  reuseValidation?: ScoringState;
  /** Leaf evaluations per step (default 6000). */
  scoresPerStep?: number;
}): WhatIfRun {
  const asModel = (x: RuleSet | PerformanceModel): PerformanceModel =>
    'leafById' in x ? x : compilePerformanceModel(x);
  const a = asModel(q.published);
  const b0 = asModel(q.draft);
  const historySources = moveSources(q.sources, a.year, a.year);
  const draftSources = moveSources(historySources, a.year, b0.year);
  const absent = leavesWithoutHistory(b0, a, draftSources);
  const b = withoutLeaves(b0, absent);
  const before = prepareScores(a, historySources, {
    periods: q.periods,
    reuseValidation: q.reuseValidation,
  });
  const periods = before.periods;
  const draftPeriods = periods.map((p) => movePeriod(p, b.year));
  const perStep = q.scoresPerStep ?? SCORES_PER_STEP;
  const chunksOf = (m: PerformanceModel): string[][] => {
    const ids = [...m.units.keys()];
    const size = Math.max(1, Math.floor(perStep / Math.max(1, m.leaves.length)));
    const out: string[][] = [];
    for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
    return out;
  };
  const chunksA = chunksOf(a);
  const chunksB = chunksOf(b);
  // Steps: the published months, the draft months (prepared once the published side is done, so it
  // shares its validations), then the diff.
  const total = periods.length * (chunksA.length + chunksB.length) + 1;
  let done = 0;
  let after: ScoringState | null = null;
  let result: WhatIfResult | null = null;
  const stageOf = (): { en: string; zh: string } => {
    const sideA = periods.length * chunksA.length;
    if (done < sideA) {
      const p = periods[Math.floor(done / chunksA.length)]!;
      return { en: `Scoring ${p} under the published version`, zh: `按已发布版本计算 ${p}` };
    }
    if (done < total - 1) {
      const p = draftPeriods[Math.floor((done - sideA) / chunksB.length)]!;
      return { en: `Scoring ${p} under the draft`, zh: `按草案计算 ${p}` };
    }
    return { en: 'Comparing', zh: '对比得分' };
  };
  const step = (): boolean => {
    if (result) return false;
    const sideA = periods.length * chunksA.length;
    if (done < sideA) {
      const i = Math.floor(done / chunksA.length);
      const c = done % chunksA.length;
      computeUnitsOfPeriod(before, periods[i]!, chunksA[c]!);
      if (c === chunksA.length - 1) rankPeriod(before, periods[i]!);
    } else if (done < total - 1) {
      after ??= prepareScores(b, draftSources, { periods: draftPeriods, reuseValidation: before });
      const k = done - sideA;
      const i = Math.floor(k / chunksB.length);
      const c = k % chunksB.length;
      computeUnitsOfPeriod(after, draftPeriods[i]!, chunksB[c]!);
      if (c === chunksB.length - 1) rankPeriod(after, draftPeriods[i]!);
    } else {
      after ??= prepareScores(b, draftSources, { periods: draftPeriods, reuseValidation: before });
      result = diffStates(before, after, { noHistory: absent, draftModel: b0 });
    }
    done++;
    return result === null;
  };
  return {
    total,
    get done() {
      return done;
    },
    get stage() {
      return stageOf();
    },
    step,
    result() {
      while (step());
      return result!;
    },
  };
}

/**
 * Runs a draft rule set over the same entries as the published one (moved onto the draft's year)
 * and returns per-unit (total, grade, primary-group rank) and per-indicator (weighted points) deltas
 * for every computed month. Either side may be passed compiled or as a rule set (compiled here).
 * Deltas are draft − published.
 */
export function runWhatIf(q: Parameters<typeof startWhatIf>[0]): WhatIfResult {
  return startWhatIf(q).result();
}

/**
 * Deltas between two computed states (draft − published). Months are matched month-of-year between
 * the published state's year and the draft's. `noHistory` names draft leaves that were left out of
 * the draft's totals for lack of history; `draftModel` is the draft model they belong to (default
 * the draft state's).
 */
export function diffStates(
  before: ScoringState,
  after: ScoringState,
  options: { noHistory?: ReadonlySet<string>; draftModel?: PerformanceModel } = {},
): WhatIfResult {
  const fromYear = before.model.year;
  const toYear = after.model.year;
  const months = [...new Set([...before.periods, ...after.periods].map(monthOf))].sort((x, y) => x - y);
  const periods = months.map((m) => periodOf(fromYear, m));
  const draftPeriods = months.map((m) => periodOf(toYear, m));
  const unitIds = [...new Set([...before.model.units.keys(), ...after.model.units.keys()])].sort();
  const units: UnitDelta[] = [];
  let gradeChanges = 0;
  let maxAbsDelta = 0;
  for (let i = 0; i < months.length; i++) {
    const historyPeriod = periods[i]!;
    const draftPeriod = draftPeriods[i]!;
    for (const unitId of unitIds) {
      const x = before.results.get(resultKey(unitId, historyPeriod));
      const y = after.results.get(resultKey(unitId, draftPeriod));
      if (!x && !y) continue;
      const g = (s: ScoringState) => s.model.units.get(unitId)?.peerGroups[0] ?? 'all';
      const delta = x && y ? y.total - x.total : null;
      const isGradeChanged = !!x && !!y && x.gradeId !== y.gradeId;
      if (isGradeChanged) gradeChanges++;
      if (delta !== null) maxAbsDelta = Math.max(maxAbsDelta, Math.abs(delta));
      units.push({
        unitId,
        period: historyPeriod,
        historyPeriod,
        draftPeriod,
        before: x?.total ?? null,
        after: y?.total ?? null,
        delta,
        gradeBefore: x?.gradeId ?? null,
        gradeAfter: y?.gradeId ?? null,
        isGradeChanged,
        rankBefore: x?.ranks[g(before)] ?? null,
        rankAfter: y?.ranks[g(after)] ?? null,
      });
    }
  }
  // Per (indicator, month) sums in typed arrays: rows by indicator id, columns by month. Each state's
  // slots are read in slot order (units ascending), published first, so every sum adds the same terms
  // in the same order as summing the scores one by one.
  const rowOf = new Map<string, number>();
  const rowIds: string[] = [];
  const columns = new Int32Array(13).fill(-1);
  months.forEach((m, i) => {
    columns[m] = i;
  });
  const width = Math.max(1, months.length);
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
  const rowFor = (id: string): number => {
    let r = rowOf.get(id);
    if (r === undefined) {
      r = rowIds.length;
      rowIds.push(id);
      rowOf.set(id, r);
      grow((r + 1) * width);
    }
    return r;
  };
  const add = (s: ScoringState, sign: 1 | -1) => {
    const { leaves } = s.model;
    const rows = leaves.map((leaf) => rowFor(leaf.id));
    const { scores } = s;
    for (let k = 0; k < scores.length; k++) {
      const score = scores[k];
      if (score === undefined) continue;
      // Slot k is (unit × leaves + leaf) × 13 + month.
      const col = columns[k % 13]!;
      if (col < 0) continue;
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
  const noHistory = options.noHistory ?? new Set<string>();
  const draftModel = options.draftModel ?? after.model;
  const indicators: IndicatorDelta[] = [];
  for (let r = 0; r < rowIds.length; r++)
    for (let c = 0; c < months.length; c++) {
      const at = r * width + c;
      const flags = seen[at]!;
      if (flags === 0) continue;
      indicators.push({
        indicatorId: rowIds[r]!,
        period: periods[c]!,
        historyPeriod: periods[c]!,
        draftPeriod: draftPeriods[c]!,
        status: flags === 2 ? 'added' : flags === 1 ? 'removed' : 'compared',
        weightedDelta: w[at]!,
        meanPointsDelta: p[at]! / Math.max(1, n[at]!),
        units: n[at]!,
        added: flags === 2,
        removed: flags === 1,
      });
    }
  const noHistoryIds = draftModel.leaves.filter((l) => noHistory.has(l.id)).map((l) => l.id);
  for (const id of noHistoryIds) {
    const leaf = draftModel.leafById.get(id)!;
    for (let c = 0; c < months.length; c++)
      indicators.push({
        indicatorId: id,
        period: periods[c]!,
        historyPeriod: periods[c]!,
        draftPeriod: draftPeriods[c]!,
        status: 'noHistory',
        weightedDelta: null,
        meanPointsDelta: null,
        units: leaf.owners.size,
        added: true,
        removed: false,
      });
  }
  indicators.sort((x, y) =>
    x.period < y.period ? -1 : x.period > y.period ? 1 : x.indicatorId < y.indicatorId ? -1 : 1,
  );
  return {
    published: before.model.ruleSetRef,
    draft: after.model.ruleSetRef,
    periodMapping: { from: String(fromYear), to: String(toYear), rule: 'monthOfYear' },
    periods,
    draftPeriods,
    units,
    indicators,
    noHistory: noHistoryIds,
    gradeChanges,
    maxAbsDelta,
  };
}
