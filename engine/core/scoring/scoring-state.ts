/** @module Scoring state and the records it holds: inputs, leaf scores, unit results, traces, and the slot arithmetic the stages share. */
import type { Issue } from '../errors.ts';
import type { EvalContext, TraceNode } from '../rule-language.ts';
import type { NoCasesPolicy } from '../routing/metric-catalogue.ts';
import type { CompiledLeaf, PerformanceModel } from './model.ts';

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

export interface Validated {
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

export const key3 = (a: string, b: string, c: string | number) => `${a}|${b}|${c}`;

/** Slot of (unit, leaf, month) in the state's arrays: 13 per unit × leaf so months index directly. */
export const slotOf = (model: PerformanceModel, unitIdx: number, leafIdx: number, month: number) =>
  (unitIdx * model.leaves.length + leafIdx) * 13 + month;

export function slotByIds(
  model: PerformanceModel,
  unitId: string,
  indicatorId: string,
  month: number,
): number {
  const u = model.unitIndex.get(unitId);
  const leaf = model.leafById.get(indicatorId);
  if (u === undefined || !leaf || !(month >= 1 && month <= 12)) return -1;
  return slotOf(model, u, leaf.index, month);
}
