/** @module The validate and score stages of one leaf for (unit, month), with the no-cases policy. */
import type { Issue } from '../errors.ts';
import { messageOf } from '../errors.ts';
import { isNoCasesInput, type NoCasesPolicy } from '../routing/metric-catalogue.ts';
import type { CompiledLeaf } from './model.ts';
import { entryIssues, periodOf, reportingMonth } from './model.ts';
import type { IndicatorInput, IndicatorScore, ScoreTrace, ScoringState, Validated } from './scoring-state.ts';
import { key3, slotOf } from './scoring-state.ts';

// Shared by every clean trace so scoring a year does not allocate 270k empty arrays; never mutated.
const NO_ISSUES: Issue[] = [];

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

type LeafQuery = {
  state: ScoringState;
  leaf: CompiledLeaf;
  unitId: string;
  unitIdx: number;
  month: number;
  period: string;
};

/** A missing score of the leaf for (unit, month), with its trace; the stages below fill it in. */
function missingScore(q: LeafQuery, report: number, input: IndicatorInput | undefined): IndicatorScore {
  const { state, leaf, unitId, month, period } = q;
  const { model } = state;
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
  return {
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
}

/** What the scoring rule reads: the validated entry, target, parameters and (when it asks) peers. */
function ruleData(
  q: LeafQuery,
  report: number,
  values: Record<string, unknown> | null,
  reportPeriod: string,
) {
  const { state, leaf, unitId, unitIdx } = q;
  const data: Record<string, unknown> = {
    entry: values,
    target: targetFor(leaf, unitIdx, report),
    params: leaf.params,
    unitId,
    period: reportPeriod,
    month: report,
    elapsed: report / 12,
  };
  if (leaf.peerFields.length > 0) data.peers = peersOf(state, leaf, unitId, report);
  return data;
}

/** Runs the rule (traced when asked); a throw marks the score `error` and returns `undefined`. */
function runRule(
  q: LeafQuery,
  data: Record<string, unknown>,
  score: IndicatorScore,
): { raw: unknown } | undefined {
  const { state, leaf } = q;
  const { trace } = score;
  try {
    if (state.traceRules) {
      const t = leaf.traced()(data, state.ctx);
      trace.ruleTrace = t.trace;
      return { raw: t.result };
    }
    return { raw: leaf.evaluate(data, state.ctx) };
  } catch (cause) {
    score.status = 'error';
    const message = messageOf(cause);
    trace.issues = [
      { path: '', code: (cause as { code?: string }).code ?? 'rule.error', message, severity: 'error' },
    ];
    return undefined;
  }
}

/** A rule's result read as points: a number, a pass/fail boolean, or `{score, vetoed?, reasons?}`. */
function pointsOf(
  leaf: CompiledLeaf,
  raw: unknown,
): { value: number; vetoedByRule: boolean; reasons: string[] } {
  if (typeof raw === 'number') return { value: raw, vetoedByRule: false, reasons: [] };
  if (typeof raw === 'boolean')
    return { value: raw ? leaf.maxScore : leaf.minScore, vetoedByRule: false, reasons: [] };
  if (typeof raw === 'object' && raw !== null && typeof (raw as { score?: unknown }).score === 'number') {
    const r = raw as { score: number; vetoed?: boolean; reasons?: unknown[] };
    return { value: r.score, vetoedByRule: r.vetoed === true, reasons: (r.reasons ?? []).map(String) };
  }
  return { value: Number.NaN, vetoedByRule: false, reasons: [] };
}

/** The validate and score stages of one leaf for (unit, month). */
export function scoreLeaf(q: LeafQuery): IndicatorScore | null {
  const { state, leaf, unitIdx, month } = q;
  const report = reportingMonth(leaf.period, month);
  if (report === null) return null;
  const { model } = state;
  const k = slotOf(model, unitIdx, leaf.index, report);
  const input = state.inputs[k];
  const score = missingScore(q, report, input);
  const { trace } = score;
  if (!input) return score;
  if (leaf.dataSource === 'caseMetrics' && isNoCasesInput(input.values))
    return noCasesScore(q, score, report);
  const v = validateInput(state, leaf, k, input);
  if (!v.ok) {
    score.status = 'invalid';
    trace.issues = v.issues;
    return score;
  }
  const data = ruleData(q, report, v.values, trace.reportPeriod);
  trace.inputs = data;
  const ran = runRule(q, data, score);
  if (!ran) return score;
  const { raw } = ran;
  trace.raw = raw;
  const read = pointsOf(leaf, raw);
  const { vetoedByRule, reasons } = read;
  let { value } = read;
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
function noCasesScore(q: LeafQuery, score: IndicatorScore, report: number): IndicatorScore {
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
