/** @module Scoring pipeline: raw → validate → score (cap/floor) → weight → adjust → veto → grade → rank, full and incremental, with traces. */
import type { Issue } from '../errors.ts';
import type { EvalContext, TraceNode } from '../rule-language.ts';
import { isNoCasesInput, type NoCasesPolicy } from '../routing/metric-catalogue.ts';
import type { CompiledLeaf, PerformanceModel, ResolvedPolicy } from './model.ts';
import { entryIssues, monthOf, periodOf, reportingMonth, yearOf } from './model.ts';
import { roundDecimal } from './operators/rounding.ts';

export type { CompiledLeaf, PerformanceModel } from './model.ts';
export { compilePerformanceModel } from './model.ts';

/** Values for one (unit, indicator, period): a form entry, a third-party delivery or a derived input. */
export interface IndicatorInput {
  unitId: string;
  indicatorId: string;
  /** `YYYY-MM`: the month reported (quarterly data: the quarter's last month). */
  period: string;
  values: Record<string, unknown>;
  /** ISO time; the latest submission for a key wins (amendments). */
  submittedAt?: string;
  /** Submitted after the deadline (counts a late-entry deduction). */
  late?: boolean;
  /** Rule-set version the entry was validated against. */
  ruleSetVersion?: number;
}

/** A ledger entry (填报记录). */
export interface Entry extends IndicatorInput {
  submittedAt: string;
  ruleSetVersion: number;
}

/** Everything scores are computed from. */
export interface ScoringSources {
  entries?: readonly Entry[];
  /** Values delivered by third parties or plugins. */
  thirdParty?: readonly IndicatorInput[];
  /** Values derived outside the pipeline (e.g. case metrics). */
  derived?: readonly IndicatorInput[];
}

/**
 * Status of an indicator score. `noCases` (无办件): a `caseMetrics` leaf whose unit had nothing to
 * measure in the month; its points follow the leaf's `whenNoCases` policy (see `ScoreTrace.noCases`).
 */
export type ScoreStatus = 'scored' | 'missing' | 'invalid' | 'error' | 'noCases';

/** How a no-cases score was made. */
export interface NoCasesTrace {
  /** The leaf's policy. */
  policy: NoCasesPolicy;
  /** What was done: the policy, or `exclude` when `carryForward` found no earlier month with cases. */
  applied: NoCasesPolicy;
  /** `carryForward`: the month (`YYYY-MM`) whose points were carried; else null. */
  carriedFrom: string | null;
}

/** "Why this score". */
export interface ScoreTrace {
  /** `ruleSetId@version` of the rule set that scored it. */
  ruleSet: string;
  scoringRuleId: string | null;
  /** Report month used (quarterly/yearly leaves reuse the last report). */
  reportPeriod: string;
  /** The data the rule read (entry with computed fields, target, params, peers). */
  inputs: Record<string, unknown> | null;
  /** The input scored (the ledger entry or delivered value), null when missing. */
  entry: IndicatorInput | null;
  /** The rule's raw result before cap/floor. */
  raw: unknown;
  capHit: 'cap' | 'floor' | null;
  /** Weights applied in the weight stage (scored leaves only). */
  weight: { nominal: number; effective: number } | null;
  vetoReason: string | null;
  issues: Issue[];
  /** Status `noCases`: the policy applied. An `exclude`d leaf is left out of the roll-up (weight null). */
  noCases?: NoCasesTrace;
  /** Operator-by-operator trace; filled by `explainScore` (or with `traceRules`). */
  ruleTrace?: TraceNode;
}

/** Score of one leaf for (unit, month). */
export interface IndicatorScore {
  unitId: string;
  indicatorId: string;
  period: string;
  role: CompiledLeaf['role'];
  status: ScoreStatus;
  /** Points after cap/floor, in [minScore, maxScore]. */
  points: number;
  maxScore: number;
  /** For scored leaves: points in the unit's total (weight × points / maxScore × totalScore). */
  weighted: number;
  /** For scored leaves: weighted maximum − weighted points. */
  pointsLost: number;
  /** For veto leaves: whether it failed. */
  vetoed: boolean;
  trace: ScoreTrace;
}

/** Trace of a unit's result. */
export interface ResultTrace {
  ruleSet: string;
  stages: readonly string[];
  bonus: { raw: number; capped: number; cap: number; items: string[] };
  deduction: { raw: number; capped: number; cap: number; items: string[]; lateEntries: number };
  vetoReasons: string[];
  /** Total at the time the rank stage ran. */
  rankedOn: number;
}

/** Result of a unit for a month. */
export interface UnitResult {
  unitId: string;
  period: string;
  /** Σ weighted points of the scored leaves (0…totalScore). */
  weightedTotal: number;
  bonus: number;
  deduction: number;
  total: number;
  vetoed: boolean;
  gradeId: string | null;
  /** Competition rank in each of the unit's peer groups. */
  ranks: Record<string, number>;
  /** Scored leaves the unit had for the month. */
  indicatorCount: number;
  trace: ResultTrace;
}

/** Options of a computation. */
export interface ScoringOptions {
  /** Months to compute (`YYYY-MM`); default January up to the latest reported month. */
  periods?: readonly string[];
  /** Attach operator traces to every score (slow; `explainScore` does it for one). */
  traceRules?: boolean;
  /** Working calendar for working-day operators; default Monday–Friday. */
  calendar?: { isWorkingDay(isoDate: string): boolean };
  /**
   * A state computed from the same sources under another model (what-if): entries of leaves whose
   * form is unchanged take its validation results instead of validating again.
   */
  reuseValidation?: ScoringState;
}

/** Monday–Friday, for working-day operators when no calendar is given. */
export const WEEKDAY_CALENDAR = {
  isWorkingDay(isoDate: string): boolean {
    const day = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`).getUTCDay();
    return day !== 0 && day !== 6;
  },
};

interface Validated {
  ok: boolean;
  values: Record<string, unknown> | null;
  issues: Issue[];
}

/** Everything computed so far, kept for incremental recomputation. */
export interface ScoringState {
  readonly model: PerformanceModel;
  readonly traceRules: boolean;
  readonly ctx: EvalContext;
  /** Computed months, ascending. */
  periods: string[];
  /** Effective input (latest submission) per slot; read with {@link inputOf}. */
  readonly inputs: (IndicatorInput | undefined)[];
  /** Leaf scores per slot; read with {@link scoreOf} / {@link allScores}. */
  readonly scores: (IndicatorScore | undefined)[];
  /** Unit results by `unit|period`. */
  readonly results: Map<string, UnitResult>;
  readonly validated: (Validated | undefined)[];
  readonly peerCache: Map<string, Record<string, number[]>>;
}

/** Changes returned by {@link recomputeAffected}. */
export interface ScoreChanges {
  scores: IndicatorScore[];
  results: UnitResult[];
}

const key3 = (a: string, b: string, c: string | number) => `${a}|${b}|${c}`;

// Shared by every clean trace so scoring a year does not allocate 270k empty arrays; never mutated.
const NO_ISSUES: Issue[] = [];

/** Slot of (unit, leaf, month) in the state's arrays: 13 per unit × leaf so months index directly. */
const slotOf = (model: PerformanceModel, unitIdx: number, leafIdx: number, month: number) =>
  (unitIdx * model.leaves.length + leafIdx) * 13 + month;

function slotByIds(model: PerformanceModel, unitId: string, indicatorId: string, month: number): number {
  const u = model.unitIndex.get(unitId);
  const leaf = model.leafById.get(indicatorId);
  if (u === undefined || !leaf || !(month >= 1 && month <= 12)) return -1;
  return slotOf(model, u, leaf.index, month);
}

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

/** The validate stage: JSON Schema of the form, cross-field checks, computed fields. */
function validateInput(state: ScoringState, leaf: CompiledLeaf, k: number, input: IndicatorInput): Validated {
  const cached = state.validated[k];
  if (cached) return cached;
  let result: Validated;
  const form = leaf.dataSource === 'form' ? leaf.form : null;
  if (!form) result = { ok: true, values: input.values, issues: NO_ISSUES };
  else if (!form.validate(input.values))
    result = { ok: false, values: null, issues: entryIssues(form.validate.errors) };
  else {
    let values = input.values;
    if (form.computed.length > 0) {
      values = { ...values };
      for (const c of form.computed) values[c.field] = c.rule(values);
    }
    const failed: Issue[] = [];
    for (const c of form.checks)
      if (c.rule(values) !== true)
        failed.push({
          path: c.path,
          code: 'entry.check',
          message: c.message.en,
          messageZh: c.message.zh,
          severity: 'error',
        });
    result =
      failed.length > 0
        ? { ok: false, values: null, issues: failed }
        : { ok: true, values, issues: NO_ISSUES };
  }
  state.validated[k] = result;
  return result;
}

function peersOf(
  state: ScoringState,
  leaf: CompiledLeaf,
  unitId: string,
  month: number,
): Record<string, number[]> {
  const group = state.model.units.get(unitId)?.peerGroups[0] ?? 'all';
  const k = key3(leaf.id, group, month);
  const cached = state.peerCache.get(k);
  if (cached) return cached;
  const out: Record<string, number[]> = {};
  for (const f of leaf.peerFields) out[f] = [];
  for (const peer of state.model.peerGroups.get(group) ?? [unitId]) {
    if (!leaf.owners.has(peer)) continue;
    const pk = slotOf(state.model, state.model.unitIndex.get(peer)!, leaf.index, month);
    const input = state.inputs[pk];
    if (!input) continue;
    const v = validateInput(state, leaf, pk, input);
    if (!v.ok || !v.values) continue;
    for (const f of leaf.peerFields) {
      const x = v.values[f];
      if (typeof x === 'number' && Number.isFinite(x)) out[f]!.push(x);
    }
  }
  state.peerCache.set(k, out);
  return out;
}

function targetFor(leaf: CompiledLeaf, unitIdx: number, month: number): number | undefined {
  const t = leaf.targetByUnit[unitIdx];
  if (!t) return undefined;
  return t.monthly ? t.monthly[month - 1] : t.value;
}

/** The validate and score stages of one leaf for (unit, month). */
function scoreLeaf(q: {
  state: ScoringState;
  leaf: CompiledLeaf;
  unitId: string;
  unitIdx: number;
  month: number;
  period: string;
}): IndicatorScore | null {
  const { state, leaf, unitId, unitIdx, month, period } = q;
  const report = reportingMonth(leaf.period, month);
  if (report === null) return null;
  const { model } = state;
  const k = slotOf(model, unitIdx, leaf.index, report);
  const input = state.inputs[k];
  const trace: ScoreTrace = {
    ruleSet: model.ruleSetRef,
    scoringRuleId: leaf.scoringRuleId,
    reportPeriod: report === month ? period : periodOf(model.year, report),
    inputs: null,
    entry: input ?? null,
    raw: null,
    capHit: null,
    weight: null,
    vetoReason: null,
    issues: NO_ISSUES,
  };
  const score: IndicatorScore = {
    unitId,
    indicatorId: leaf.id,
    period,
    role: leaf.role,
    status: 'missing',
    // A missing adjustment item adds or takes nothing; a missing weighted indicator earns its floor.
    points: leaf.role === 'bonus' || leaf.role === 'deduction' ? 0 : leaf.minScore,
    maxScore: leaf.maxScore,
    weighted: 0,
    pointsLost: 0,
    vetoed: false,
    trace,
  };
  if (!input) return score;
  if (leaf.dataSource === 'caseMetrics' && isNoCasesInput(input.values))
    return noCasesScore(q, score, report);
  const v = validateInput(state, leaf, k, input);
  if (!v.ok) {
    score.status = 'invalid';
    trace.issues = v.issues;
    return score;
  }
  const data: Record<string, unknown> = {
    entry: v.values,
    target: targetFor(leaf, unitIdx, report),
    params: leaf.params,
    unitId,
    period: trace.reportPeriod,
    month: report,
    elapsed: report / 12,
  };
  if (leaf.peerFields.length > 0) data.peers = peersOf(state, leaf, unitId, report);
  trace.inputs = data;
  let raw: unknown;
  try {
    if (state.traceRules) {
      const t = leaf.traced()(data, state.ctx);
      raw = t.result;
      trace.ruleTrace = t.trace;
    } else raw = leaf.evaluate(data, state.ctx);
  } catch (cause) {
    score.status = 'error';
    const message = cause instanceof Error ? cause.message : String(cause);
    trace.issues = [
      { path: '', code: (cause as { code?: string }).code ?? 'rule.error', message, severity: 'error' },
    ];
    return score;
  }
  trace.raw = raw;
  let value: number;
  let vetoedByRule = false;
  let reasons: string[] = [];
  if (typeof raw === 'number') value = raw;
  else if (typeof raw === 'boolean') value = raw ? leaf.maxScore : leaf.minScore;
  else if (
    typeof raw === 'object' &&
    raw !== null &&
    typeof (raw as { score?: unknown }).score === 'number'
  ) {
    const r = raw as { score: number; vetoed?: boolean; reasons?: unknown[] };
    value = r.score;
    vetoedByRule = r.vetoed === true;
    reasons = (r.reasons ?? []).map(String);
  } else value = Number.NaN;
  if (!Number.isFinite(value)) {
    score.status = 'error';
    trace.issues = [
      {
        path: '',
        code: 'score.not_a_number',
        message: `The rule returned ${JSON.stringify(raw)}`,
        severity: 'error',
      },
    ];
    return score;
  }
  if (value > leaf.maxScore) {
    value = leaf.maxScore;
    trace.capHit = 'cap';
  } else if (value < leaf.minScore) {
    value = leaf.minScore;
    trace.capHit = 'floor';
  }
  score.status = 'scored';
  score.points = value;
  if (leaf.role === 'veto' && (vetoedByRule || value <= model.policy.veto.failAtOrBelow)) {
    score.vetoed = true;
    trace.vetoReason = reasons.length > 0 ? reasons.join(', ') : `${leaf.name.zh} (${leaf.id})`;
  }
  return score;
}

/**
 * A unit-month with nothing to measure (无办件): points by the leaf's `whenNoCases` policy, never the
 * plain 0 of a missing report. `carryForward` rescores earlier reports of the year, latest first, and
 * takes the first that had cases (or was itself carried); without one the leaf is excluded.
 */
function noCasesScore(
  q: Parameters<typeof scoreLeaf>[0],
  score: IndicatorScore,
  report: number,
): IndicatorScore {
  const { leaf, state } = q;
  const policy = leaf.whenNoCases;
  const isAdjustment = leaf.role === 'bonus' || leaf.role === 'deduction';
  let applied: NoCasesPolicy = policy;
  let carriedFrom: string | null = null;
  let points = 0;
  let carried: IndicatorScore | null = null;
  if (policy === 'carryForward') {
    for (let m = report - 1; m >= 1 && carried === null; m--) {
      if (reportingMonth(leaf.period, m) !== m) continue;
      const earlier = scoreLeaf({ ...q, month: m, period: periodOf(state.model.year, m) });
      if (
        !earlier ||
        earlier.status === 'missing' ||
        earlier.status === 'invalid' ||
        earlier.status === 'error'
      )
        continue;
      // A no-cases month has already looked further back: take what it found, or stop.
      if (earlier.status === 'noCases' && earlier.trace.noCases?.applied !== 'carryForward') break;
      carried = earlier;
    }
    if (carried) {
      points = carried.points;
      carriedFrom = carried.trace.noCases?.carriedFrom ?? carried.trace.reportPeriod;
    } else applied = 'exclude';
  } else if (policy === 'fullScore') points = isAdjustment ? 0 : leaf.maxScore;
  else if (policy === 'zero') points = isAdjustment ? 0 : leaf.minScore;
  score.status = 'noCases';
  score.points = points;
  score.trace.inputs = {
    entry: score.trace.entry?.values ?? null,
    unitId: q.unitId,
    period: score.trace.reportPeriod,
  };
  score.trace.noCases = { policy, applied, carriedFrom };
  if (leaf.role === 'veto' && applied !== 'exclude') {
    const isFailed = carried ? carried.vetoed : points <= state.model.policy.veto.failAtOrBelow;
    if (isFailed) {
      score.vetoed = true;
      score.trace.vetoReason = carried?.trace.vetoReason ?? `${leaf.name.zh} (${leaf.id})`;
    }
  }
  return score;
}

/** A no-cases score left out of the roll-up, bonus, deduction and veto stages. */
const isExcluded = (s: IndicatorScore): boolean =>
  s.status === 'noCases' && s.trace.noCases?.applied === 'exclude';

const round = (x: number, decimals: number) => roundDecimal(x, decimals, 'half_up');

type Weight = NonNullable<ScoreTrace['weight']>;

// Weight records are immutable values, so consecutive scores of a leaf with the same effective weight
// (every unit that has the whole tree) share one instead of allocating one per score.
const weightCache = new WeakMap<PerformanceModel, (Weight | undefined)[]>();

function weightOf(model: PerformanceModel, leaf: CompiledLeaf, effective: number): Weight {
  let cache = weightCache.get(model);
  if (!cache) {
    cache = [];
    weightCache.set(model, cache);
  }
  const last = cache[leaf.index];
  if (last && Object.is(last.effective, effective)) return last;
  const w: Weight = Object.freeze({ nominal: leaf.nominalWeight, effective });
  cache[leaf.index] = w;
  return w;
}

/**
 * The weight stage: renormalised roll-up of the unit's scored leaves (`byLeaf`, by leaf index), city →
 * district → unit. Present children are summed in tree order and weights multiplied down each path
 * in the same order as a recursive walk, so the figures are bit-for-bit those of one.
 */
function rollUp(model: PerformanceModel, byLeaf: readonly (IndicatorScore | undefined)[]): number {
  const { order, childStart, childRef, childWeight, rootRef, rootWeight, nodeIds } = model.rollUp;
  const n = nodeIds.length;
  const ratio = new Float64Array(n);
  const sumW = new Float64Array(n);
  // 0: absent, 1: present, 2: present and reached from a root.
  const state = new Uint8Array(n);
  const eff = new Float64Array(n);
  for (let i = 0; i < order.length; i++) {
    const node = order[i]!;
    let sw = 0;
    let sum = 0;
    let any = false;
    for (let j = childStart[node]!; j < childStart[node + 1]!; j++) {
      const ref = childRef[j]!;
      let r: number;
      if (ref >= 0) {
        const s = byLeaf[ref];
        if (s === undefined) continue;
        r = s.maxScore > 0 ? s.points / s.maxScore : 0;
      } else {
        if (state[~ref] === 0) continue;
        r = ratio[~ref]!;
      }
      const w = childWeight[j]!;
      sw += w;
      sum += w * r;
      any = true;
    }
    if (!any || sw <= 0) continue;
    state[node] = 1;
    sumW[node] = sw;
    ratio[node] = sum / sw;
  }
  let sw = 0;
  let sum = 0;
  for (let i = 0; i < rootRef.length; i++) {
    const ref = rootRef[i]!;
    let r: number;
    if (ref >= 0) {
      const s = byLeaf[ref];
      if (s === undefined) continue;
      r = s.maxScore > 0 ? s.points / s.maxScore : 0;
    } else {
      if (state[~ref] === 0) continue;
      r = ratio[~ref]!;
    }
    const w = rootWeight[i]!;
    sw += w;
    sum += w * r;
  }
  if (sw <= 0) return 0;
  const { totalScore } = model.policy;
  const toLeaf = (leafIdx: number, weight: number) => {
    const s = byLeaf[leafIdx]!;
    const max = weight * totalScore;
    s.weighted = s.maxScore > 0 ? (max * s.points) / s.maxScore : 0;
    s.pointsLost = max - s.weighted;
    s.trace.weight = weightOf(model, model.leaves[leafIdx]!, weight);
  };
  for (let i = 0; i < rootRef.length; i++) {
    const ref = rootRef[i]!;
    if (ref >= 0) {
      if (byLeaf[ref] !== undefined) toLeaf(ref, rootWeight[i]! / sw);
    } else if (state[~ref] !== 0) {
      state[~ref] = 2;
      eff[~ref] = rootWeight[i]! / sw;
    }
  }
  // Parents before children: the reverse of the children-first order.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    if (state[node] !== 2) continue;
    const weight = eff[node]!;
    const s = sumW[node]!;
    for (let j = childStart[node]!; j < childStart[node + 1]!; j++) {
      const ref = childRef[j]!;
      if (ref >= 0) {
        if (byLeaf[ref] !== undefined) toLeaf(ref, (weight * childWeight[j]!) / s);
      } else if (state[~ref] !== 0) {
        state[~ref] = 2;
        eff[~ref] = (weight * childWeight[j]!) / s;
      }
    }
  }
  return (totalScore * sum) / sw;
}

function gradeOf(policy: ResolvedPolicy, total: number): string | null {
  for (const g of policy.grades) if (total >= g.minScore) return g.id;
  return policy.grades.at(-1)?.id ?? null;
}

/** Every stage after score for one unit and month, except the cross-unit ranking itself. */
function computeUnit(
  state: ScoringState,
  unitId: string,
  month: number,
  only?: CompiledLeaf,
): UnitResult | null {
  const { model } = state;
  const { policy } = model;
  const period = periodOf(model.year, month);
  const leaves = model.leavesByUnit.get(unitId) ?? [];
  const unitIdx = model.unitIndex.get(unitId)!;
  const byLeaf: (IndicatorScore | undefined)[] = new Array(model.leaves.length);
  let scoredCount = 0;
  const bonusItems: IndicatorScore[] = [];
  const deductionItems: IndicatorScore[] = [];
  const vetoes: IndicatorScore[] = [];
  let lateEntries = 0;
  let any = false;
  for (const leaf of leaves) {
    const k = slotOf(model, unitIdx, leaf.index, month);
    // Incremental runs re-score only the leaf the input belongs to; the others are read back.
    const score =
      only === undefined || only === leaf
        ? scoreLeaf({ state, leaf, unitId, unitIdx, month, period })
        : state.scores[k];
    state.scores[k] = score ?? undefined;
    if (!score) continue;
    any = true;
    if (isExcluded(score)) continue;
    if (score.trace.entry?.late === true && score.trace.reportPeriod === period) lateEntries++;
    if (leaf.role === 'scored') {
      byLeaf[leaf.index] = score;
      scoredCount++;
    } else if (leaf.role === 'bonus') bonusItems.push(score);
    else if (leaf.role === 'deduction') deductionItems.push(score);
    else vetoes.push(score);
  }
  if (!any) return null;
  const result: UnitResult = {
    unitId,
    period,
    weightedTotal: 0,
    bonus: 0,
    deduction: 0,
    total: 0,
    vetoed: false,
    gradeId: null,
    ranks: {},
    indicatorCount: scoredCount,
    trace: {
      ruleSet: model.ruleSetRef,
      stages: policy.pipeline,
      bonus: { raw: 0, capped: 0, cap: policy.bonusCap, items: [] },
      deduction: { raw: 0, capped: 0, cap: policy.deductionCap, items: [], lateEntries },
      vetoReasons: [],
      rankedOn: 0,
    },
  };
  for (const stage of policy.pipeline) {
    switch (stage) {
      case 'weight':
        result.weightedTotal = round(rollUp(model, byLeaf), policy.decimals);
        result.total = result.weightedTotal;
        break;
      case 'adjust': {
        const b = result.trace.bonus;
        for (const s of bonusItems)
          if (s.points > 0) {
            b.raw += s.points;
            b.items.push(s.indicatorId);
          }
        b.capped = Math.min(b.raw, policy.bonusCap);
        const d = result.trace.deduction;
        for (const s of deductionItems)
          if (s.points > 0) {
            d.raw += s.points;
            d.items.push(s.indicatorId);
          }
        d.raw += lateEntries * policy.lateEntryDeduction;
        d.capped = Math.min(d.raw, policy.deductionCap);
        result.bonus = round(b.capped, policy.decimals);
        result.deduction = round(d.capped, policy.decimals);
        if (!result.vetoed)
          result.total = round(Math.max(0, result.total + result.bonus - result.deduction), policy.decimals);
        break;
      }
      case 'veto': {
        const failed = vetoes.filter((v) => v.vetoed);
        if (failed.length > 0) {
          result.vetoed = true;
          result.trace.vetoReasons = failed.map((v) => v.trace.vetoReason ?? v.indicatorId);
          result.total = policy.veto.score;
        }
        break;
      }
      case 'grade':
        result.gradeId =
          result.vetoed && policy.veto.gradeId !== null ? policy.veto.gradeId : gradeOf(policy, result.total);
        break;
      case 'rank':
        result.trace.rankedOn = result.total;
        break;
      default:
        break;
    }
  }
  if (!policy.pipeline.includes('rank')) result.trace.rankedOn = result.total;
  return result;
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
