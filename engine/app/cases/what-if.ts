/** @module Case what-if (办件测算): replays the last N months of cases through a rule-set version's routing table and SLA policies, as a job with progress; audited. */
import type { LocalizedText } from '../../../schemas/types.gen.ts';
import { ValidationError } from '../../core/errors.ts';
import type { CaseInput } from '../../core/routing/routing.ts';
import {
  type CaseCursor,
  type CaseReplay,
  createWhatIfTally,
  nextCaseCursor,
  replayCase,
  replayWindow,
  routingRowNote,
  type WhatIfCase,
  type WhatIfDeadlineSummary,
  type WhatIfDecision,
  type WhatIfPeriod,
  type WhatIfTotals,
} from '../../core/routing/what-if.ts';
import type { TimerState } from '../../core/workflow/case-state.ts';
import type { CaseRecord } from '../../ports/cases.ts';
import type { Unit } from '../../ports/store.ts';
import { auditWhatIfRun } from '../audit.ts';
import type { VersionContent, WhatIfRunner } from '../../ports/what-if-runner.ts';
import { type CaseRules, caseRulesOf, rulesOfCase, caseRulesSourceOf, compileRules } from './rules.ts';
import type { AppDeps } from '../context.ts';
import { type JobView, startJob, yieldToLoop } from '../jobs.ts';
import type { Actor } from '../permissions.ts';
import { getVersion } from '../rule-sets/get-version.ts';

/** Cases read (and replayed) between two yields to the event loop. */
export const CASE_WHAT_IF_PAGE = 500;
/** Months replayed when the caller names none. */
export const DEFAULT_WHAT_IF_MONTHS = 3;
/** Changed cases listed one by one in the result (the counts cover all). */
const KEEP_CHANGED = 500;
/** Failures listed one by one (the count covers all). */
const KEEP_FAILURES = 20;

/** Input of {@link startCaseWhatIf}. */
export interface CaseWhatIfInput {
  actor: Actor;
  ruleSetId: string;
  /** The version to try (usually a draft). */
  number: number;
  /** Months back from now (1–24, default 3). */
  months?: number;
}

/** A unit as the result shows it: id and names. */
export interface WhatIfUnitRef {
  id: string;
  name: LocalizedText;
}

/** A case category as the result shows it. */
export interface WhatIfCategoryRef {
  code: string;
  name: LocalizedText;
}

/** Moved cases of one (from unit → to unit, category, old row → new row). */
export interface CaseWhatIfMove {
  fromUnit: WhatIfUnitRef;
  toUnit: WhatIfUnitRef;
  category: WhatIfCategoryRef;
  /** Row of the stored decision (null: fallback, manual dispatch). */
  fromRowId: string | null;
  /** Row of the draft's decision (null: fallback). */
  toRowId: string | null;
  count: number;
}

/** Cases whose deciding routing row changed, or whose row now names another unit. */
export interface CaseWhatIfRowChange {
  fromTableId: string | null;
  fromRowId: string | null;
  /** The old row's annotation. */
  fromRowNote: string | null;
  toTableId: string | null;
  toRowId: string | null;
  /** The draft row's annotation. */
  toRowNote: string | null;
  count: number;
  /** Of them, cases going to another lead unit. */
  moved: number;
}

/** One changed case (moved, or its deadline moved). */
export interface CaseWhatIfCase {
  caseId: string;
  number: string;
  category: WhatIfCategoryRef;
  receivedAt: string;
  fromUnit: WhatIfUnitRef;
  toUnit: WhatIfUnitRef;
  fromRowId: string | null;
  toRowId: string | null;
  isMoved: boolean;
  /** Handling deadline before and after; null when it could not be computed. */
  deadline: {
    basis: 'timer' | 'receipt';
    old: string;
    new: string;
    shiftWorkingHours: number;
    shiftHours: number;
    direction: 'earlier' | 'later' | 'same';
  } | null;
}

/** Result of a case what-if run. */
export interface CaseWhatIfResult {
  ruleSetId: string;
  number: number;
  /** Status of the version tried (`draft`, `published`, …). */
  status: string;
  window: { months: number; from: string; to: string };
  /** How a deadline is compared, `{en, zh}`. */
  basis: { en: string; zh: string };
  totals: {
    cases: number;
    moved: number;
    differentRow: number;
    priorityChanged: number;
    slaPolicyChanged: number;
    fallbackBefore: number;
    fallbackAfter: number;
    /** Cases received outside the tried version's period (see `periodMapping`). */
    dayMapped: number;
  };
  /**
   * Cases received outside the tried version's period (e.g. this year's cases under next year's
   * draft) are routed as of the same month and day in that period; null when none was.
   */
  periodMapping: {
    draftPeriod: WhatIfPeriod;
    mappedCases: number;
    text: { en: string; zh: string };
  } | null;
  moves: CaseWhatIfMove[];
  rowChanges: CaseWhatIfRowChange[];
  deadlines: WhatIfDeadlineSummary;
  changedCases: CaseWhatIfCase[];
  isChangedTruncated: boolean;
  failures: {
    count: number;
    items: { caseId: string; number: string; code: string; message: { en: string; zh: string } }[];
  };
}

const BASIS = {
  en: 'Handling deadline (handle timer): the case’s own timer when dispatched (with its extensions and pauses), else counted from receipt; old = the decision stored with the case under the version that decided it, new = the tried version’s routing and SLA policies. Shifts in office time on the tried version’s calendar.',
  zh: '办理时限（办理计时）：已派单的办件按其实际计时（含延期和暂停），未派单的从受理时起算；原时限按办件受理时所用版本和当时的派单结果计算，新时限按所测版本的派单表和时限策略计算。偏移量按所测版本的工作日历计工作时间。',
};

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The stored decision of a case (the routing stored at intake; projection fields for older rows). */
function storedDecision(record: CaseRecord): WhatIfDecision {
  const r = record.routing ?? {};
  return {
    leadUnitId: str(r.leadUnitId) ?? record.leadUnitId ?? '',
    priority: str(r.priority) ?? record.priority,
    slaPolicyId: str(r.slaPolicyId) ?? record.slaPolicyId ?? '',
    routingTableId: str(r.routingTableId),
    rowId: str(r.rowId),
    isFallback: r.isFallback === true,
  };
}

/** What intake routed on, rebuilt from the stored case (see `intakeCase`). */
export function routingInputOf(record: CaseRecord): CaseInput {
  const requesterType = str(record.requester?.type);
  const loc = record.location ?? {};
  return {
    category: record.category,
    channel: record.channel,
    text: record.text,
    ...(requesterType ? { requesterType } : {}),
    ...(str(loc.streetId) ? { streetId: str(loc.streetId)! } : {}),
    ...(str(loc.communityId) ? { communityId: str(loc.communityId)! } : {}),
    ...(str(loc.gridId) ? { gridId: str(loc.gridId)! } : {}),
  };
}

function whatIfCaseOf(record: CaseRecord): WhatIfCase {
  const handle = record.state?.timers?.handle as TimerState | undefined;
  return {
    caseId: record.id,
    number: record.number,
    category: record.category,
    receivedAt: record.createdAt,
    input: routingInputOf(record),
    stored: storedDecision(record),
    ...(handle ? { handleTimer: handle } : {}),
  };
}

/**
 * Starts a what-if of version `number` of `ruleSetId` over the cases received in the last
 * `months` months (up to now): each case is routed with that version's routing tables (as of its
 * receipt day) and its handling deadline recomputed with that version's SLA policies; the result
 * counts cases that would go to another lead unit (grouped by from unit → to unit, category and
 * old row → new row) and how deadlines move. Cases are read newest first in pages of
 * {@link CASE_WHAT_IF_PAGE} (keyset, see `nextCaseCursor`), yielding to the event loop between pages. Returns the job at once (poll `getJobView`); the run is
 * audited when it succeeds. Throws `ValidationError` `whatIf.bad_months` / `whatIf.no_case_rules`,
 * 403/404 from reading the version, `RuleError` when its case documents do not compile.
 */
export async function startCaseWhatIf(
  deps: AppDeps,
  input: CaseWhatIfInput,
): Promise<JobView<CaseWhatIfResult>> {
  const months = input.months ?? DEFAULT_WHAT_IF_MONTHS;
  const window = replayWindow(deps.clock.now().toISOString(), months);
  const version = await getVersion(deps, {
    actor: input.actor,
    ruleSetId: input.ruleSetId,
    number: input.number,
  });
  const content = version.content as Record<string, unknown>;
  const documents = (Array.isArray(content.documents) ? content.documents : []) as { kind?: string }[];
  if (!documents.some((d) => d.kind === 'routingTable') || !documents.some((d) => d.kind === 'workflow'))
    throw new ValidationError(
      'whatIf.no_case_rules',
      {
        en: `Version ${input.number} of "${input.ruleSetId}" has no routing table or workflow to replay cases with.`,
        zh: `规则集“${input.ruleSetId}”第 ${input.number} 版没有派单表或办件流程，无法测算办件。`,
      },
      { path: '/params/n' },
    );
  // Compiled here, so a draft that does not compile answers at once instead of failing the job.
  const draft = compileRules(input.ruleSetId, input.number, content);
  const period = content.period as Partial<WhatIfPeriod> | undefined;
  const draftPeriod =
    typeof period?.from === 'string' && typeof period.to === 'string'
      ? { from: period.from, to: period.to }
      : undefined;
  return startJob<CaseWhatIfResult>(deps, {
    kind: 'caseWhatIf',
    startedBy: input.actor.username,
    work: async (report) => {
      const result = await replayCases(deps, {
        draft,
        draftSource: {
          key: `${input.ruleSetId}@${input.number}:${version.sha256}`,
          ruleSetId: input.ruleSetId,
          number: input.number,
          content,
        },
        window,
        status: version.status,
        report,
        ...(draftPeriod ? { draftPeriod } : {}),
      });
      await auditWhatIfRun(deps, {
        actor: input.actor,
        target: `ruleSet:${input.ruleSetId}@${input.number}`,
        details: {
          kind: 'cases',
          months,
          from: window.from,
          to: window.to,
          cases: result.totals.cases,
          moved: result.totals.moved,
          deadlinesEarlier: result.deadlines.earlier,
          deadlinesLater: result.deadlines.later,
          failures: result.failures.count,
        },
      });
      return result;
    },
  });
}

/** Runs {@link startCaseWhatIf} to the end (CLI, bench, tests of the operation). */
export async function replayCases(
  deps: AppDeps,
  input: {
    draft: CaseRules;
    /** The draft's content: with it and `deps.whatIf`, the replay runs there (a worker thread). */
    draftSource?: VersionContent;
    window: { months: number; from: string; before: string; to: string };
    /** The draft's period: cases received outside it are routed as of the same day in it. */
    draftPeriod?: WhatIfPeriod;
    status?: string;
    report?: (p: { done: number; total: number; stage: { en: string; zh: string } }) => void;
  },
): Promise<CaseWhatIfResult> {
  const { draft, window } = input;
  const stage = { en: 'Replaying cases', zh: '正在重放办件' };
  if (deps.whatIf && input.draftSource)
    return summarise(deps, input, await replayOnRunner(deps, deps.whatIf, input.draftSource, input));
  const tally = createWhatIfTally({ keepChanged: KEEP_CHANGED });
  const failures: CaseWhatIfResult['failures'] = { count: 0, items: [] };
  const oldRules = new Map<string, Promise<CaseRules>>();
  const rulesOf = (record: CaseRecord): Promise<CaseRules> => {
    const key = `${record.ruleSetId}@${record.ruleSetVersion}`;
    let hit = oldRules.get(key);
    if (!hit) {
      hit = rulesOfCase(deps, record);
      oldRules.set(key, hit);
    }
    return hit;
  };
  const fail = (record: CaseRecord, error: { code: string; en: string; zh: string }) => {
    failures.count++;
    if (failures.items.length < KEEP_FAILURES)
      failures.items.push({
        caseId: record.id,
        number: record.number,
        code: error.code,
        message: { en: error.en, zh: error.zh },
      });
  };
  let done = 0;
  for await (const page of casePagesOf(deps, window)) {
    for (const record of page.items) {
      try {
        const replay = replayCase({
          case: whatIfCaseOf(record),
          oldRules: await rulesOf(record),
          draft,
          at: window.to,
          ...(input.draftPeriod ? { draftPeriod: input.draftPeriod } : {}),
        });
        tally.add(replay);
        if (replay.deadlineError) fail(record, replay.deadlineError);
      } catch (error) {
        const e = error as { code?: string; text?: { en: string; zh: string }; message?: string };
        fail(record, {
          code: e.code ?? 'whatIf.failed',
          en: e.text?.en ?? String(e.message),
          zh: e.text?.zh ?? String(e.message),
        });
      }
    }
    done += page.items.length;
    input.report?.({ done, total: Math.max(page.total, done), stage });
  }
  return summarise(deps, input, {
    summed: tally.result(),
    failures,
    oldRules: [...oldRules.values()],
  });
}

/**
 * The window's cases, {@link CASE_WHAT_IF_PAGE} at a time (keyset, see `nextCaseCursor`), with the
 * window's total as counted on the first page; yields to the event loop between pages.
 */
async function* casePagesOf(
  deps: AppDeps,
  window: { from: string; before: string },
): AsyncGenerator<{ items: CaseRecord[]; total: number }> {
  let total = -1;
  for (let cursor: CaseCursor = { before: window.before, skip: 0 }; ; ) {
    const page = await deps.store.cases.list({
      createdFrom: window.from,
      createdBefore: cursor.before,
      limit: CASE_WHAT_IF_PAGE,
      offset: cursor.skip,
    });
    if (total < 0) total = page.total;
    yield { items: page.items, total };
    if (page.items.length < CASE_WHAT_IF_PAGE) return;
    cursor = nextCaseCursor(cursor, page.items);
    await yieldToLoop();
  }
}

/**
 * Replays the window on `runner` (a worker thread): pages are read here and handed over with the
 * sources of the rules their cases were decided under; the runner keeps the tally.
 */
async function replayOnRunner(
  deps: AppDeps,
  runner: WhatIfRunner,
  draftSource: VersionContent,
  input: Parameters<typeof replayCases>[1],
): Promise<{ summed: WhatIfTotals; failures: CaseWhatIfResult['failures']; oldRules: Promise<CaseRules>[] }> {
  const { window } = input;
  const stage = { en: 'Replaying cases', zh: '正在重放办件' };
  const oldRules = new Map<string, Promise<CaseRules>>();
  const refs = new Map<string, { ruleSetId: string; number: number }>();
  const session = await runner.cases({
    draft: draftSource,
    at: window.to,
    ...(input.draftPeriod ? { draftPeriod: input.draftPeriod } : {}),
    keepChanged: KEEP_CHANGED,
    keepFailures: KEEP_FAILURES,
  });
  try {
    let done = 0;
    for await (const page of casePagesOf(deps, window)) {
      const cases = page.items.map((record) => {
        const rulesKey = `${record.ruleSetId}@${record.ruleSetVersion}`;
        refs.set(rulesKey, { ruleSetId: record.ruleSetId, number: record.ruleSetVersion });
        return { ...whatIfCaseOf(record), rulesKey };
      });
      await session.page(cases, (key) => caseRulesSourceOf(deps, refs.get(key)!));
      done += page.items.length;
      input.report?.({ done, total: Math.max(page.total, done), stage });
    }
    const { summed, failures } = await session.finish();
    // Names of categories and row notes come from the compiled rules here (compiled, not evaluated).
    for (const [key, ref] of refs) oldRules.set(key, caseRulesOf(deps, ref));
    return { summed, failures, oldRules: [...oldRules.values()] };
  } catch (error) {
    session.abandon();
    throw error;
  }
}

/** The result of a replay from its tally. */
async function summarise(
  deps: AppDeps,
  input: Parameters<typeof replayCases>[1],
  replayed: { summed: WhatIfTotals; failures: CaseWhatIfResult['failures']; oldRules: Promise<CaseRules>[] },
): Promise<CaseWhatIfResult> {
  const { draft, window } = input;
  const { summed, failures } = replayed;
  return {
    ruleSetId: draft.ruleSetId,
    number: draft.version,
    status: input.status ?? 'draft',
    window: { months: window.months, from: window.from, to: window.to },
    basis: BASIS,
    totals: {
      cases: summed.cases,
      moved: summed.moved,
      differentRow: summed.differentRow,
      priorityChanged: summed.priorityChanged,
      slaPolicyChanged: summed.slaPolicyChanged,
      fallbackBefore: summed.fallbackBefore,
      fallbackAfter: summed.fallbackAfter,
      dayMapped: summed.dayMapped,
    },
    periodMapping:
      input.draftPeriod && summed.dayMapped > 0
        ? {
            draftPeriod: input.draftPeriod,
            mappedCases: summed.dayMapped,
            text: {
              en: `${summed.dayMapped} cases received outside the version's period (${input.draftPeriod.from} – ${input.draftPeriod.to}) were routed as of the same month and day in it; their new deadlines use its limits on the calendar the case was timed on.`,
              zh: `${summed.dayMapped} 件办件的受理日期不在所测版本的有效期（${input.draftPeriod.from} 至 ${input.draftPeriod.to}）内，按有效期内同月同日派单；新时限按所测版本的时限、在办件原来计时所用的工作日历上计算。`,
            },
          }
        : null,
    ...(await named(deps, { draft, oldRules: replayed.oldRules, summed })),
    deadlines: summed.deadlines,
    isChangedTruncated: summed.isChangedTruncated,
    failures,
  };
}

/** Names (units, categories, row notes) for the ids of the tally. */
async function named(
  deps: AppDeps,
  input: {
    draft: CaseRules;
    oldRules: Promise<CaseRules>[];
    summed: ReturnType<ReturnType<typeof createWhatIfTally>['result']>;
  },
): Promise<Pick<CaseWhatIfResult, 'moves' | 'rowChanges' | 'changedCases'>> {
  const old = (await Promise.allSettled(input.oldRules))
    .filter((r): r is PromiseFulfilledResult<CaseRules> => r.status === 'fulfilled')
    .map((r) => r.value);
  const units = new Map<string, Unit>((await deps.store.units.list()).map((u) => [u.id, u]));
  const unit = (id: string): WhatIfUnitRef => {
    const u = units.get(id);
    return { id, name: u ? { zh: u.name, en: u.nameEn ?? u.name } : { zh: id, en: id } };
  };
  const category = (code: string): WhatIfCategoryRef => {
    for (const rules of [input.draft, ...old]) {
      const c = rules.categories.get(code);
      if (c) return { code, name: c.name };
    }
    return { code, name: { zh: code, en: code } };
  };
  const note = (rulesList: CaseRules[], tableId: string | null, rowId: string | null): string | null => {
    for (const rules of rulesList) {
      const n = routingRowNote(rules.routing, tableId, rowId);
      if (n !== undefined) return n;
    }
    return null;
  };
  const changedCase = (r: CaseReplay): CaseWhatIfCase => ({
    caseId: r.case.caseId,
    number: r.case.number,
    category: category(r.case.category),
    receivedAt: r.case.receivedAt,
    fromUnit: unit(r.from.leadUnitId),
    toUnit: unit(r.to.leadUnitId),
    fromRowId: r.from.rowId,
    toRowId: r.to.rowId,
    isMoved: r.isMoved,
    deadline: r.deadline
      ? {
          basis: r.deadline.basis,
          old: r.deadline.old,
          new: r.deadline.new,
          shiftWorkingHours: Math.round((r.deadline.shiftWorkingMinutes / 60) * 100) / 100,
          shiftHours: Math.round((r.deadline.shiftMinutes / 60) * 100) / 100,
          direction: r.deadline.direction,
        }
      : null,
  });
  return {
    moves: input.summed.moves.map((m) => ({
      fromUnit: unit(m.fromUnitId),
      toUnit: unit(m.toUnitId),
      category: category(m.category),
      fromRowId: m.fromRowId,
      toRowId: m.toRowId,
      count: m.count,
    })),
    rowChanges: input.summed.rowChanges.map((c) => ({
      fromTableId: c.fromTableId,
      fromRowId: c.fromRowId,
      fromRowNote: note([...old, input.draft], c.fromTableId, c.fromRowId),
      toTableId: c.toTableId,
      toRowId: c.toRowId,
      toRowNote: note([input.draft], c.toTableId, c.toRowId),
      count: c.count,
      moved: c.moved,
    })),
    changedCases: input.summed.changed.map(changedCase),
  };
}
