/** @module What-if evaluation under a step budget: the work the what-if worker thread runs (compiles the versions it is sent, replays scores or cases). */
import type { RuleSet } from '../../../schemas/types.gen.ts';
import { type CaseRules, compileRules } from '../../app/cases/rules.ts';
import { chainCalendars, compileCalendar } from '../../core/calendar/calendar.ts';
import { RuleError } from '../../core/errors.ts';
import { runWithBudget, StepBudget } from '../../core/rule-language.ts';
import {
  createWhatIfTally,
  replayCase,
  type WhatIfCase,
  type WhatIfTally,
  whatIfFailure,
} from '../../core/routing/what-if.ts';
import type { IndicatorInput } from '../../core/scoring/pipeline.ts';
import { compilePerformanceModel, type PerformanceModel } from '../../core/scoring/model.ts';
import { startWhatIf, type WhatIfResult } from '../../core/scoring/what-if.ts';
import type {
  CaseReplayFailure,
  CaseReplaySummary,
  CaseReplayTask,
  CaseRulesSource,
  VersionContent,
  WhatIfProgress,
} from '../../ports/what-if-runner.ts';

/** Steps (loop iterations) every rule a what-if evaluates may take together. */
export const WHAT_IF_RUN_STEPS = 1_000_000_000;

/** The error of a what-if whose rules ran out of their step budget (RuleError, 422 when answered directly). */
export const whatIfBudgetExceeded = (limit: number) =>
  new RuleError(
    'rule.budget_exceeded',
    {
      en: `The what-if's rules do too much work: they exceeded the budget of ${limit} steps (loop iterations). Make loops smaller or avoid nesting them over large arrays.`,
      zh: `模拟测算中的规则计算量过大：超过了 ${limit} 步（循环迭代）的预算。请缩小循环规模，或避免在大数组上嵌套循环。`,
    },
    { details: { limit } },
  );

/** A few compiled versions, most recent last (content under one key never changes). */
function lru<T>(size: number) {
  const kept = new Map<string, T>();
  return (key: string, make: () => T): T => {
    const hit = kept.get(key);
    if (hit !== undefined) {
      kept.delete(key);
      kept.set(key, hit);
      return hit;
    }
    const made = make();
    kept.set(key, made);
    while (kept.size > size) kept.delete(kept.keys().next().value as string);
    return made;
  };
}

const models = lru<PerformanceModel>(4);
const caseRules = lru<CaseRules>(8);

/** The scoring model of a version's content (its number set as the version's). */
function modelOf(v: VersionContent): PerformanceModel {
  return models(v.key, () => {
    const content = v.content as RuleSet & { version?: object };
    return compilePerformanceModel({
      ...content,
      version: { ...content.version, number: v.number } as never,
    });
  });
}

/**
 * Runs a score what-if step by step under one budget of `steps`, reporting after each step.
 * Throws `rule.budget_exceeded` when the budget ran out (even where the pipeline turned a failed
 * evaluation into an error cell: the figures would be partial).
 */
export function runScoreWhatIf(
  task: {
    published: VersionContent;
    draft: VersionContent;
    inputs: readonly IndicatorInput[];
    periods?: readonly string[];
  },
  steps: number,
  report: (progress: WhatIfProgress) => void,
): WhatIfResult {
  const budget = new StepBudget(steps);
  const run = runWithBudget(budget, () =>
    startWhatIf({
      published: modelOf(task.published),
      draft: modelOf(task.draft),
      sources: { derived: task.inputs },
      ...(task.periods ? { periods: task.periods } : {}),
    }),
  );
  report({ done: run.done, total: run.total, stage: run.stage });
  while (runWithBudget(budget, () => run.step())) {
    if (budget.exceeded) throw whatIfBudgetExceeded(steps);
    report({ done: run.done, total: run.total, stage: run.stage });
  }
  const result = runWithBudget(budget, () => run.result());
  if (budget.exceeded) throw whatIfBudgetExceeded(steps);
  report({ done: run.done, total: run.total, stage: run.stage });
  return result;
}

/** The compiled rules of a stored case's version, its calendars continued along its timeline (as `caseRulesOf` builds them). */
export function caseRulesFrom(source: CaseRulesSource): CaseRules {
  return caseRules(source.key, () => {
    const base = compileRules(source.ruleSetId, source.number, source.content as Record<string, unknown>);
    if (source.timelineCalendars.length === 0) return base;
    const extra = source.timelineCalendars.map((doc) => compileCalendar(doc));
    const calendars = new Map([...base.calendars].map(([id, c]) => [id, chainCalendars(c, extra)]));
    return {
      ...base,
      calendars,
      defaultCalendar: calendars.get(base.defaultCalendar.id) ?? base.defaultCalendar,
    };
  });
}

/** A case replay in progress: the draft compiled, rules of stored cases by key, the tally. */
export interface CaseReplayState {
  task: CaseReplayTask;
  draft: CaseRules;
  rules: Map<string, CaseRules | { error: { code: string; en: string; zh: string } }>;
  tally: WhatIfTally;
  failures: { count: number; items: CaseReplayFailure[] };
  budget: StepBudget;
  steps: number;
}

/** Starts a case replay: compiles the draft (uncached: a draft's content may change under its key). */
export function startCaseReplay(task: CaseReplayTask, steps: number): CaseReplayState {
  const draft = compileRules(
    task.draft.ruleSetId,
    task.draft.number,
    task.draft.content as Record<string, unknown>,
  );
  return {
    task,
    draft,
    rules: new Map(),
    tally: createWhatIfTally({ keepChanged: task.keepChanged }),
    failures: { count: 0, items: [] },
    budget: new StepBudget(steps),
    steps,
  };
}

/** Adds the rules (or the error reading them) of one key. */
export function addCaseRules(
  state: CaseReplayState,
  key: string,
  source: CaseRulesSource | null,
  error?: { code: string; en: string; zh: string },
): void {
  if (source === null) {
    state.rules.set(key, { error: error ?? whatIfFailure('unknown') });
    return;
  }
  try {
    state.rules.set(key, caseRulesFrom(source));
  } catch (e) {
    state.rules.set(key, { error: whatIfFailure(e) });
  }
}

/** Replays one page of cases into the tally; throws `rule.budget_exceeded` once the budget ran out. */
export function replayCasePage(
  state: CaseReplayState,
  cases: readonly (WhatIfCase & { rulesKey: string })[],
): void {
  const { task, failures } = state;
  const fail = (c: WhatIfCase, error: { code: string; en: string; zh: string }) => {
    failures.count++;
    if (failures.items.length < task.keepFailures)
      failures.items.push({
        caseId: c.caseId,
        number: c.number,
        code: error.code,
        message: { en: error.en, zh: error.zh },
      });
  };
  runWithBudget(state.budget, () => {
    for (const c of cases) {
      const old = state.rules.get(c.rulesKey);
      if (old === undefined || 'error' in old) {
        fail(c, old?.error ?? whatIfFailure(`no rules for ${c.rulesKey}`));
        continue;
      }
      try {
        const { rulesKey: _key, ...whatIfCase } = c;
        const replay = replayCase({
          case: whatIfCase,
          oldRules: old,
          draft: state.draft,
          at: task.at,
          ...(task.draftPeriod ? { draftPeriod: task.draftPeriod } : {}),
        });
        state.tally.add(replay);
        if (replay.deadlineError) fail(c, replay.deadlineError);
      } catch (error) {
        fail(c, whatIfFailure(error));
      }
      if (state.budget.exceeded) break;
    }
  });
  if (state.budget.exceeded) throw whatIfBudgetExceeded(state.steps);
}

/** The tally of a case replay. */
export function finishCaseReplay(state: CaseReplayState): CaseReplaySummary {
  return { summed: state.tally.result(), failures: state.failures };
}
