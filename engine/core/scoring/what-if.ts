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
  placeInputs,
  prepareScores,
  rankPeriod,
  resultKey,
  type ScoringSources,
  type ScoringState,
  shareValidation,
} from './pipeline.ts';

/**
 * How history months are matched with the draft's months: `monthOfYear` pairs the same month of
 * the history year (`from`) and of the draft's year (`to`): March of one is March of the other.
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

/** Sizes of a step: each is a few milliseconds of work at the pipeline's speed. */
export interface WhatIfStepSizes {
  /** Inputs placed (and moved to the draft's year) per step. */
  inputs: number;
  /** Leaf evaluations per step. */
  scores: number;
  /** Score slots summed per step of the comparison. */
  slots: number;
}

const STEP_SIZES: WhatIfStepSizes = { inputs: 8000, scores: 2000, slots: 60_000 };

const stage = (en: string, zh: string) => ({ en, zh });

/** Months 1..last of `year`. */
const monthsUpTo = (year: number, last: number): string[] =>
  Array.from({ length: last }, (_, i) => periodOf(year, i + 1));

/** Per unit and month: totals, grades and primary-group ranks on both sides, and the delta. */
function unitDeltas(
  before: ScoringState,
  after: ScoringState,
  q: { periods: readonly string[]; draftPeriods: readonly string[]; count: number },
): { units: UnitDelta[]; gradeChanges: number; maxAbsDelta: number } {
  const unitIds = [...new Set([...before.model.units.keys(), ...after.model.units.keys()])].sort();
  const units: UnitDelta[] = [];
  let gradeChanges = 0;
  let maxAbsDelta = 0;
  const groupOf = (s: ScoringState, unitId: string) => s.model.units.get(unitId)?.peerGroups[0] ?? 'all';
  for (let i = 0; i < q.count; i++) {
    const historyPeriod = q.periods[i]!;
    const draftPeriod = q.draftPeriods[i]!;
    for (const unitId of unitIds) {
      const x = before.results.get(resultKey(unitId, historyPeriod));
      const y = after.results.get(resultKey(unitId, draftPeriod));
      if (!x && !y) continue;
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
        rankBefore: x?.ranks[groupOf(before, unitId)] ?? null,
        rankAfter: y?.ranks[groupOf(after, unitId)] ?? null,
      });
    }
  }
  return { units, gradeChanges, maxAbsDelta };
}

/** A bounded piece of a what-if run: its number of steps, what step `i` does and how it is labelled. */
interface Phase {
  steps: number;
  stage: (i: number) => { en: string; zh: string };
  run: (i: number) => void;
}

const slices = (n: number, size: number) => Math.max(1, Math.ceil(n / size));

/** The history inputs of the published version's year, and the latest month any of its leaves reported. */
function historyOf(a: PerformanceModel, sources: ScoringSources): { inputs: IndicatorInput[]; last: number } {
  const prefix = `${a.year}-`;
  const inputs: IndicatorInput[] = [];
  let last = 0;
  for (const list of [sources.entries, sources.thirdParty, sources.derived])
    for (const x of list ?? [])
      if (x.period.startsWith(prefix)) {
        inputs.push(x);
        if (a.unitIndex.has(x.unitId) && a.leafById.has(x.indicatorId))
          last = Math.max(last, monthOf(x.period));
      }
  return { inputs, last };
}

/** The model's units in chunks of about `scores` leaf scores each. */
function unitChunksOf(m: PerformanceModel, scores: number): string[][] {
  const ids = [...m.units.keys()];
  const size = Math.max(1, Math.floor(scores / Math.max(1, m.leaves.length)));
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += size) out.push(ids.slice(i, i + size));
  return out;
}

/** Scoring each period chunk by chunk of units, ranking a period after its last chunk. */
function scorePhase(q: {
  periods: readonly string[];
  chunks: readonly string[][];
  state: () => ScoringState;
  label: (period: string) => { en: string; zh: string };
}): Phase {
  const { periods, chunks } = q;
  return {
    steps: periods.length * chunks.length,
    stage: (i) => q.label(periods[Math.floor(i / chunks.length)]!),
    run: (i) => {
      const p = periods[Math.floor(i / chunks.length)]!;
      const c = i % chunks.length;
      computeUnitsOfPeriod(q.state(), p, chunks[c]!);
      if (c === chunks.length - 1) rankPeriod(q.state(), p);
    },
  };
}

/** Runs phases in order, one step at a time. */
function runPhases(phases: readonly Phase[], result: () => WhatIfResult): WhatIfRun {
  const total = phases.reduce((n, ph) => n + ph.steps, 0);
  let done = 0;
  const locate = (): { phase: Phase; i: number } | null => {
    let k = done;
    for (const phase of phases) {
      if (k < phase.steps) return { phase, i: k };
      k -= phase.steps;
    }
    return null;
  };
  const step = (): boolean => {
    const at = locate();
    if (!at) return false;
    at.phase.run(at.i);
    done++;
    return done < total;
  };
  return {
    total,
    get done() {
      return done;
    },
    get stage() {
      const at = locate();
      return at ? at.phase.stage(at.i) : stage('Done', '已完成');
    },
    step,
    result() {
      while (step());
      return result();
    },
  };
}

/**
 * Prepares a what-if of `draft` against `published` over `sources` (the history, in the published
 * version's year). History months are matched month-of-year with the draft's year; indicators of
 * the draft without any history are left out of the draft's totals and reported as `noHistory`.
 * Every {@link WhatIfRun.step} does a bounded piece: placing a slice of the inputs, scoring some
 * units of one month, or summing a slice of the scores.
 *
 * Long on purpose: the phase list is one table, in run order, whose steps share the run's state
 * (`before`, `after`, `diff`) through closures; the reusable pieces are `scorePhase` and `runPhases`.
 */
export function startWhatIf(q: {
  published: RuleSet | PerformanceModel;
  draft: RuleSet | PerformanceModel;
  sources: ScoringSources;
  /** History months (`YYYY-MM` of the published year); default January up to the latest reported. */
  periods?: readonly string[];
  /** A computed state of the published version over the same inputs, whose validations are reused. */
  reuseValidation?: ScoringState;
  steps?: Partial<WhatIfStepSizes>;
}): WhatIfRun {
  const asModel = (x: RuleSet | PerformanceModel): PerformanceModel =>
    'leafById' in x ? x : compilePerformanceModel(x);
  const a = asModel(q.published);
  const b0 = asModel(q.draft);
  const sizes = { ...STEP_SIZES, ...q.steps };
  const { inputs, last } = historyOf(a, q.sources);
  const periods = q.periods ? [...q.periods].sort() : monthsUpTo(a.year, last);
  const draftPeriods = periods.map((p) => movePeriod(p, b0.year));
  // Allocated by the first step, not here: starting a run does only the scan above.
  let before = null as unknown as ScoringState;
  const moved: IndicatorInput[] = new Array(inputs.length);
  const fed = new Set<string>();
  let absent: Set<string> = new Set();
  let b = b0;
  let after: ScoringState | null = null;
  let diff: Diff | null = null;
  let result: WhatIfResult | null = null;

  const inputSlices = slices(inputs.length, sizes.inputs);
  const unitChunks = unitChunksOf(a, sizes.scores);
  const draftChunks = unitChunksOf(b0, sizes.scores);
  const slotSlicesA = slices(a.units.size * a.leaves.length * 13, sizes.slots);
  const slotSlicesB = slices(b0.units.size * b0.leaves.length * 13, sizes.slots);

  // The phases in order, each with its number of steps and what a step does.
  const phases: Phase[] = [
    {
      // History inputs into the published state, and their copies moved onto the draft's year.
      steps: inputSlices,
      stage: () => stage('Reading the history', '读取历史数据'),
      run: (i) => {
        if (i === 0) before = prepareScores(a, {}, { periods });
        const from = i * sizes.inputs;
        const to = Math.min(inputs.length, from + sizes.inputs);
        placeInputs(before, { inputs, from, to });
        for (let k = from; k < to; k++) {
          const x = inputs[k]!;
          fed.add(x.indicatorId);
          moved[k] = a.year === b0.year ? x : { ...x, period: movePeriod(x.period, b0.year) };
        }
      },
    },
    {
      steps: 1,
      stage: () => stage('Preparing the published version', '准备已发布版本'),
      run: () => {
        if (q.reuseValidation) shareValidation(before, q.reuseValidation);
        // A leaf both versions have is scored alike on both sides (its floor when unfed), so only new ones are left out.
        absent = new Set(b0.leaves.filter((l) => !fed.has(l.id) && !a.leafById.has(l.id)).map((l) => l.id));
        b = withoutLeaves(b0, absent);
        after = prepareScores(b, {}, { periods: draftPeriods });
      },
    },
    scorePhase({
      periods,
      chunks: unitChunks,
      state: () => before,
      label: (p) => stage(`Scoring ${p} under the published version`, `按已发布版本计算 ${p}`),
    }),
    {
      steps: inputSlices,
      stage: () => stage('Moving the history to the draft’s months', '将历史数据按月对应到草案'),
      run: (i) => {
        placeInputs(after!, { inputs: moved, from: i * sizes.inputs, to: (i + 1) * sizes.inputs });
      },
    },
    {
      steps: 1,
      stage: () => stage('Preparing the draft', '准备草案'),
      run: () => shareValidation(after!, before),
    },
    scorePhase({
      periods: draftPeriods,
      chunks: draftChunks,
      state: () => after!,
      label: (p) => stage(`Scoring ${p} under the draft`, `按草案计算 ${p}`),
    }),
    {
      steps: slotSlicesA,
      stage: () => stage('Comparing', '对比得分'),
      run: (i) => {
        diff ??= createDiff(before, after!, { noHistory: absent, draftModel: b0 });
        diff.addSlots({ isDraft: false, from: i * sizes.slots, to: (i + 1) * sizes.slots });
      },
    },
    {
      steps: slotSlicesB,
      stage: () => stage('Comparing', '对比得分'),
      run: (i) => diff!.addSlots({ isDraft: true, from: i * sizes.slots, to: (i + 1) * sizes.slots }),
    },
    {
      steps: 1,
      stage: () => stage('Comparing', '对比得分'),
      run: () => {
        result = diff!.finish();
      },
    },
  ];
  return runPhases(phases, () => result!);
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
  const diff = createDiff(before, after, options);
  diff.addSlots({ isDraft: false, from: 0, to: before.scores.length });
  diff.addSlots({ isDraft: true, from: 0, to: after.scores.length });
  return diff.finish();
}

/** A comparison summed slice by slice. */
interface Diff {
  /** Adds the scores of slots `[from, to)` of one side to the per-(indicator, month) sums. */
  addSlots(q: { isDraft: boolean; from: number; to: number }): void;
  /** The unit rows and the result. */
  finish(): WhatIfResult;
}

/** Long: a factory: its methods (add inputs, add slots, finish) are short and share the per-(indicator, month) sums in one closure. */
function createDiff(
  before: ScoringState,
  after: ScoringState,
  options: { noHistory?: ReadonlySet<string>; draftModel?: PerformanceModel },
): Diff {
  const fromYear = before.model.year;
  const toYear = after.model.year;
  const months = [...new Set([...before.periods, ...after.periods].map(monthOf))].sort((x, y) => x - y);
  const periods = months.map((m) => periodOf(fromYear, m));
  const draftPeriods = months.map((m) => periodOf(toYear, m));
  // Per (indicator, month) sums in typed arrays: rows by indicator id (published leaves first),
  // columns by month, one sum per side. Each side's slots are read in slot order (units ascending), so
  // both sides add the same terms in the same order and identical scores give a delta of exactly 0.
  const rowOf = new Map<string, number>();
  const rowIds: string[] = [];
  const rowsOf = (s: ScoringState) =>
    s.model.leaves.map((leaf) => {
      let r = rowOf.get(leaf.id);
      if (r === undefined) {
        r = rowIds.length;
        rowIds.push(leaf.id);
        rowOf.set(leaf.id, r);
      }
      return r;
    });
  const rowsBefore = rowsOf(before);
  const rowsAfter = rowsOf(after);
  const columns = new Int32Array(13).fill(-1);
  months.forEach((m, i) => {
    columns[m] = i;
  });
  const width = Math.max(1, months.length);
  const size = Math.max(1, rowIds.length) * width;
  const wBefore = new Float64Array(size);
  const wAfter = new Float64Array(size);
  const pBefore = new Float64Array(size);
  const pAfter = new Float64Array(size);
  const n = new Int32Array(size);
  // Bit 1: in the published state, bit 2: in the draft.
  const seen = new Uint8Array(size);
  return {
    addSlots({ isDraft, from, to }) {
      const s = isDraft ? after : before;
      const rows = isDraft ? rowsAfter : rowsBefore;
      const w = isDraft ? wAfter : wBefore;
      const p = isDraft ? pAfter : pBefore;
      const leafCount = s.model.leaves.length;
      const { scores } = s;
      const end = Math.min(to, scores.length);
      for (let k = from; k < end; k++) {
        const score = scores[k];
        if (score === undefined) continue;
        // Slot k is (unit × leaves + leaf) × 13 + month.
        const col = columns[k % 13]!;
        if (col < 0) continue;
        const at = rows[Math.floor(k / 13) % leafCount]! * width + col;
        w[at] = w[at]! + score.weighted;
        p[at] = p[at]! + score.points;
        if (isDraft) {
          seen[at] = seen[at]! | 2;
          n[at] = n[at]! + 1;
        } else seen[at] = seen[at]! | 1;
      }
    },
    finish() {
      const { units, gradeChanges, maxAbsDelta } = unitDeltas(before, after, {
        periods,
        draftPeriods,
        count: months.length,
      });
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
            weightedDelta: wAfter[at]! - wBefore[at]!,
            meanPointsDelta: (pAfter[at]! - pBefore[at]!) / Math.max(1, n[at]!),
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
    },
  };
}
