/** @module Score what-if operation: replay a draft (this year's or next year's) over the published version's ledger history, as a job with progress or awaited. */
import type { RuleSet } from '../../schemas/types.gen.ts';
import { type LocalizedText, RuleError, ValidationError } from '../core/errors.ts';
import { runWithBudget, StepBudget } from '../core/rule-language.ts';
import { compilePerformanceModel, type PerformanceModel } from '../core/scoring/model.ts';
import type { IndicatorInput } from '../core/scoring/pipeline.ts';
import { movePeriod, startWhatIf, type WhatIfResult, type WhatIfRun } from '../core/scoring/what-if.ts';
import { auditWhatIfRun } from './audit.ts';
import type { AppDeps } from './context.ts';
import { type JobProgress, type JobView, startJob, yieldToLoop } from './jobs.ts';
import { loadScoring } from './performance/scoring-state.ts';
import type { ScoreWhatIfTask } from '../ports/what-if-runner.ts';
import type { Actor } from './permissions.ts';
import { getVersion } from './rule-sets/get-version.ts';
import type { VersionDetail } from './rule-sets/shared.ts';

/** Input of a score what-if. */
export interface ScoreWhatIfInput {
  actor: Actor;
  /** Rule set whose published version (in force) and ledger history are replayed; default the assessment set in force. */
  ruleSetId?: string;
  /** Rule set of the draft; default `ruleSetId` (a new version of the same set). */
  draftRuleSetId?: string;
  draftVersion: number;
  /** History months (`YYYY-MM`), or the draft's months (mapped back month-of-year); default every reported month. */
  periods?: string[];
}

/** Kind of a score what-if job. */
export const SCORE_WHAT_IF_JOB = 'scoreWhatIf';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Steps every rule of one what-if run here (without `deps.whatIf`) may take together. */
const IN_PROCESS_STEPS = 1_000_000_000;
const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Everything resolved before the computation starts (so a bad request fails at once, not as a job). */
interface Prepared {
  run: WhatIfRun;
  /** The same run as a task for `deps.whatIf` (the worker compiles both versions itself). */
  task: ScoreWhatIfTask;
  /** Audit target: the draft version. */
  target: string;
}

function historyPeriods(
  periods: readonly string[] | undefined,
  history: number,
  draft: number,
): string[] | undefined {
  if (periods === undefined) return undefined;
  return periods.map((p, i) => {
    const year = Number(p.slice(0, 4));
    if (!PERIOD.test(p) || (year !== history && year !== draft))
      throw new ValidationError(
        'performance.bad_period',
        t(
          `Give months as YYYY-MM of the history year ${history} or of the draft's year ${draft}.`,
          `月份须为历史年度 ${history} 或草案年度 ${draft} 的 YYYY-MM。`,
        ),
        { path: `/periods/${i}` },
      );
    return movePeriod(p, history);
  });
}

// Compiling a draft (its forms' JSON Schemas above all) is the one piece of a what-if that cannot be
// split into steps, so a draft is compiled once per content: a few recent ones are kept.
const compiledDrafts = new Map<string, PerformanceModel>();
const KEPT_DRAFTS = 4;

function compiledDraft(draft: VersionDetail): PerformanceModel {
  const key = `${draft.ruleSetId}@${draft.number}:${draft.sha256}`;
  const hit = compiledDrafts.get(key);
  if (hit) return hit;
  const model = compilePerformanceModel({
    ...(draft.content as unknown as RuleSet),
    version: { ...(draft.content as { version?: object }).version, number: draft.number } as never,
  });
  compiledDrafts.set(key, model);
  while (compiledDrafts.size > KEPT_DRAFTS)
    compiledDrafts.delete(compiledDrafts.keys().next().value as string);
  return model;
}

async function prepare(deps: AppDeps, input: ScoreWhatIfInput): Promise<Prepared> {
  const loaded = await loadScoring(deps, { ruleSetId: input.ruleSetId });
  const draft = await getVersion(deps, {
    actor: input.actor,
    ruleSetId: input.draftRuleSetId ?? loaded.ruleSetId,
    number: input.draftVersion,
  });
  const draftModel = compiledDraft(draft);
  const periods = historyPeriods(input.periods, loaded.model.year, draftModel.year);
  // A snapshot of the effective inputs (input objects are never changed, only replaced): entries
  // submitted while the job runs do not move its figures. Every source's list is read alike.
  const inputs = (loaded.state.inputs as readonly (IndicatorInput | undefined)[]).filter(
    (x): x is IndicatorInput => x !== undefined,
  );
  const run = startWhatIf({
    published: loaded.model,
    draft: draftModel,
    sources: { derived: inputs },
    periods,
    reuseValidation: loaded.state,
  });
  const task: ScoreWhatIfTask = {
    published: {
      key: `${loaded.ruleSetId}@${loaded.version}`,
      ruleSetId: loaded.ruleSetId,
      number: loaded.version,
      content: loaded.content,
    },
    draft: {
      key: `${draft.ruleSetId}@${draft.number}:${draft.sha256}`,
      ruleSetId: draft.ruleSetId,
      number: draft.number,
      content: draft.content,
    },
    inputs,
    ...(periods ? { periods } : {}),
  };
  return { run, task, target: `ruleSet:${draft.ruleSetId}@${draft.number}` };
}

/**
 * Runs a prepared what-if step by step, reporting progress after each step and yielding to the
 * event loop between steps (a step is a few milliseconds of scoring), and returns its result.
 */
export async function driveWhatIf(
  run: WhatIfRun,
  report: (progress: JobProgress) => void = () => {},
  steps = IN_PROCESS_STEPS,
): Promise<WhatIfResult> {
  // One budget for every step (each step runs inside it, whatever budget the caller's request had):
  // the scoring pipeline turns a failed evaluation into an error cell, so an exhausted budget would
  // otherwise give partial figures as a result.
  const budget = new StepBudget(steps);
  const over = () => {
    if (budget.exceeded)
      throw new RuleError(
        'rule.budget_exceeded',
        t(
          `The what-if's rules do too much work: they exceeded the budget of ${steps} steps (loop iterations). Make loops smaller or avoid nesting them over large arrays.`,
          `模拟测算中的规则计算量过大：超过了 ${steps} 步（循环迭代）的预算。请缩小循环规模，或避免在大数组上嵌套循环。`,
        ),
        { details: { limit: steps } },
      );
  };
  report({ done: run.done, total: run.total, stage: run.stage });
  while (runWithBudget(budget, () => run.step())) {
    over();
    report({ done: run.done, total: run.total, stage: run.stage });
    await yieldToLoop();
  }
  const result = runWithBudget(budget, () => run.result());
  over();
  return result;
}

/**
 * Computes a prepared what-if: on `deps.whatIf` (a worker thread, bounded by steps and time) when
 * the wiring gives one, else here, yielding between steps.
 */
function compute(
  deps: AppDeps,
  prepared: Prepared,
  report: (progress: JobProgress) => void = () => {},
): Promise<WhatIfResult> {
  if (!deps.whatIf) return driveWhatIf(prepared.run, report);
  // The run here was only prepared (a scan), so it knows how many steps the runner will take.
  report({
    done: 0,
    total: prepared.run.total,
    stage: { en: 'Waiting for the evaluator', zh: '等待计算资源' },
  });
  return deps.whatIf.scores(prepared.task, report);
}

async function finish(deps: AppDeps, input: ScoreWhatIfInput, prepared: Prepared, result: WhatIfResult) {
  await auditWhatIfRun(deps, {
    actor: input.actor,
    target: prepared.target,
    details: {
      kind: 'score',
      periods: result.periods,
      periodMapping: result.periodMapping,
      maxAbsDelta: result.maxAbsDelta,
      gradeChanges: result.gradeChanges,
      noHistory: result.noHistory,
    },
  });
  return result;
}

/**
 * Scores a draft version over the ledger history and returns per-unit and per-indicator deltas vs
 * the published version (awaited; the computation still yields between steps). A draft of another
 * year is replayed over the history with months matched month-of-year, as the result states.
 */
export async function runWhatIf(deps: AppDeps, input: ScoreWhatIfInput): Promise<WhatIfResult> {
  const prepared = await prepare(deps, input);
  return finish(deps, input, prepared, await compute(deps, prepared));
}

/**
 * Starts {@link runWhatIf} as a job and returns its view at once (poll `GET /api/jobs/{id}` for
 * progress and the result). Unknown versions and bad months fail here, before any job starts.
 */
export async function startScoreWhatIf(
  deps: AppDeps,
  input: ScoreWhatIfInput,
): Promise<JobView<WhatIfResult>> {
  const prepared = await prepare(deps, input);
  return startJob(deps, {
    kind: SCORE_WHAT_IF_JOB,
    startedBy: input.actor.username,
    work: async (report) => finish(deps, input, prepared, await compute(deps, prepared, report)),
  });
}
