/** @module What-if runner port: evaluates a what-if's rules away from the request thread (a worker thread in main.ts), under a step budget and a time limit. */
import type { CalendarDocument } from '../core/calendar/calendar.ts';
import type { WhatIfCase, WhatIfPeriod, WhatIfTotals } from '../core/routing/what-if.ts';
import type { IndicatorInput } from '../core/scoring/pipeline.ts';
import type { WhatIfResult } from '../core/scoring/what-if.ts';

/** Progress of a run, as a job shows it. */
export interface WhatIfProgress {
  done: number;
  total: number;
  stage?: { en: string; zh: string };
}

/** A rule-set version's content to compile on the runner's side; `key` names it for the runner's cache (content under one key never changes). */
export interface VersionContent {
  key: string;
  ruleSetId: string;
  number: number;
  content: unknown;
}

/** A score what-if: a draft replayed over the published version's inputs (see `startWhatIf`). */
export interface ScoreWhatIfTask {
  published: VersionContent;
  draft: VersionContent;
  /** The published version's effective inputs (a snapshot). */
  inputs: readonly IndicatorInput[];
  /** History months (`YYYY-MM` of the published year); default every reported month. */
  periods?: readonly string[];
}

/** The rules a stored case was decided under: a published version and the calendars of the other versions of its timeline, nearest first. */
export interface CaseRulesSource extends VersionContent {
  timelineCalendars: CalendarDocument[];
}

/** A failure to replay one case. */
export interface CaseReplayFailure {
  caseId: string;
  number: string;
  code: string;
  message: { en: string; zh: string };
}

/** What a case replay session sums up. */
export interface CaseReplaySummary {
  summed: WhatIfTotals;
  failures: { count: number; items: CaseReplayFailure[] };
}

/** A case what-if: the cases are fed page by page; the runner keeps the tally. */
export interface CaseReplayTask {
  draft: VersionContent;
  /** The instant open pauses are counted up to (the time of the run). */
  at: string;
  draftPeriod?: WhatIfPeriod;
  /** Changed cases kept one by one (the counts cover all). */
  keepChanged: number;
  /** Failures kept one by one (the count covers all). */
  keepFailures: number;
}

/** A running case replay. Every call rejects with the run's error once it failed or timed out. */
export interface CaseReplaySession {
  /**
   * Replays one page. `rulesOf` gives the rules each case was decided under, by the key
   * `ruleSetId@number`; the session asks once per key (a rejection becomes a failure of those cases).
   */
  page(
    cases: readonly (WhatIfCase & { rulesKey: string })[],
    rulesOf: (key: string) => Promise<CaseRulesSource>,
  ): Promise<void>;
  /** The tally of every page replayed; ends the session. */
  finish(): Promise<CaseReplaySummary>;
  /** Ends the session without a result (after an error on the caller's side). */
  abandon(): void;
}

/** Runs what-if evaluations off the request thread, each bounded by steps and time. */
export interface WhatIfRunner {
  /** Runs a score what-if to its result; rejects with `whatIf.timeout`, `rule.budget_exceeded`, … */
  scores(task: ScoreWhatIfTask, report: (progress: WhatIfProgress) => void): Promise<WhatIfResult>;
  /** Opens a case replay session (waits for the runner to be free). */
  cases(task: CaseReplayTask): Promise<CaseReplaySession>;
}
