/**
 * @module Case what-if (办件测算), the pure part: re-routes one stored case with other rules, compares its handling deadline, and tallies moves by unit, category and routing row.
 *
 * The deadline compared is the `handle` timer (办理时限) of the case: the case's own timer (its
 * start, approved extensions and pauses) when it was dispatched, else a timer started at receipt.
 * The old deadline uses the routing decision stored with the case and the SLA policies of the
 * version that decided it; the new one uses the draft's decision and policies, over the calendar
 * the policy names. A shift is measured in office time on the draft's calendar (working hours);
 * a deadline that moved only outside office time (e.g. a calendar-days limit onto a Sunday)
 * counts by its wall-clock shift.
 *
 * Across years (a draft for next year over this year's cases): a case received outside the draft's
 * period is routed as of the same month and day in the draft's period (rows valid only next year
 * apply), and its new deadline is counted with the draft's limits on the calendar the case was
 * timed on, so the comparison shows the change of rules, not next year's holidays.
 */
import type { Priority } from '../../../schemas/types.gen.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import { RuleError, ValidationError } from '../errors.ts';
import type { DecisionTable } from '../tables/types.ts';
import type { TimerState } from '../workflow/case-state.ts';
import { instantMs } from '../workflow/case-state.ts';
import type { CaseInput, CompiledRouting } from './routing.ts';
import { computeDeadlines, type SlaRules } from './sla.ts';

/** The parts of a version's compiled case rules the what-if reads (the app's `CaseRules` has them). */
export interface WhatIfRules extends SlaRules {
  routing: CompiledRouting;
}

/** A routing decision as the what-if compares it. */
export interface WhatIfDecision {
  leadUnitId: string;
  priority: string;
  slaPolicyId: string;
  routingTableId: string | null;
  rowId: string | null;
  isFallback: boolean;
}

/** One stored case, as much as the replay needs. */
export interface WhatIfCase {
  caseId: string;
  number: string;
  category: string;
  /** Receipt instant (UTC ISO). */
  receivedAt: string;
  /** What routing reads (`case.*`), rebuilt as intake built it. */
  input: CaseInput;
  /** The decision stored with the case at intake. */
  stored: WhatIfDecision;
  /** The case's `handle` timer, when it has been dispatched. */
  handleTimer?: TimerState;
}

/** Old and new handling deadline of one case. */
export interface WhatIfDeadline {
  /** `timer`: the case's own handle timer; `receipt`: a timer started when the case was received. */
  basis: 'timer' | 'receipt';
  /** Local ISO instants with offset. */
  old: string;
  new: string;
  /** Office time from old to new on the draft's calendar, in minutes (negative: earlier). */
  shiftWorkingMinutes: number;
  /** Wall-clock time from old to new, in minutes. */
  shiftMinutes: number;
  /** Sign of the shift: office time first, wall clock when office time did not change. */
  direction: 'earlier' | 'later' | 'same';
}

/** The replay of one case. */
export interface CaseReplay {
  case: Pick<WhatIfCase, 'caseId' | 'number' | 'category' | 'receivedAt'>;
  from: WhatIfDecision;
  to: WhatIfDecision;
  /** The draft names another lead unit. */
  isMoved: boolean;
  /** The local date the draft's rows were judged as of (the receipt day, or it mapped into the draft's period). */
  routingDay: string;
  /** The receipt day lay outside the draft's period and was mapped into it. */
  isDayMapped: boolean;
  /** Null when a deadline could not be computed (e.g. a policy without limits for the priority). */
  deadline: WhatIfDeadline | null;
  /** Why the deadline is missing, `{code, en, zh}`. */
  deadlineError?: { code: string; en: string; zh: string };
}

/** Why a what-if step failed, `{code, en, zh}`: a Baton error's code and texts, else `whatIf.failed` and the message. */
export const whatIfFailure = (error: unknown): { code: string; en: string; zh: string } => {
  const e = error as { code?: string; text?: { en: string; zh: string }; message?: string };
  return {
    code: e.code ?? 'whatIf.failed',
    en: e.text?.en ?? String(e.message ?? error),
    zh: e.text?.zh ?? String(e.message ?? error),
  };
};

function handleDeadline(input: {
  rules: WhatIfRules;
  decision: WhatIfDecision;
  timer: TimerState;
  at: string;
  /** Counts on this calendar instead of the one the policy names. */
  calendar?: WorkingCalendar;
}): { deadline: string; calendar: WorkingCalendar } {
  const policy = input.rules.policies.get(input.decision.slaPolicyId);
  if (!policy)
    throw new ValidationError(
      'whatIf.unknown_sla_policy',
      {
        en: `The rules have no SLA policy "${input.decision.slaPolicyId}".`,
        zh: `规则中没有时限策略“${input.decision.slaPolicyId}”。`,
      },
      { details: { slaPolicyId: input.decision.slaPolicyId } },
    );
  const calendar =
    input.calendar ?? input.rules.calendars.get(policy.calendarId) ?? input.rules.defaultCalendar;
  const deadlines = computeDeadlines(
    { timers: { handle: input.timer }, priority: input.decision.priority as Priority, policy, calendar },
    input.at,
  );
  return { deadline: deadlines.handle!.deadline, calendar };
}

const PRIORITIES: readonly string[] = ['urgent', 'high', 'normal', 'low'];
const isBlank = (v: unknown): boolean => v === '' || v === null || v === undefined;

/**
 * The decision {@link routeCase} gives, without its trace (the replay needs unit, row, priority and
 * policy only, and the trace costs more than the match): the same tables in the same order, the
 * same fallback and the same `routing.bad_output` error.
 */
export function decideRouting(compiled: CompiledRouting, caseInput: CaseInput, asOf: string): WhatIfDecision {
  const category = typeof caseInput.category === 'string' ? caseInput.category : '';
  const data = {
    case: {
      ...caseInput,
      categoryGroup: compiled.categories.get(category)?.group ?? category.split('.')[0] ?? '',
    },
  };
  for (const { doc, table } of compiled.tables) {
    const result = table.evaluate(data, { asOf: asOf.slice(0, 10) });
    const value = result.value as Record<string, unknown> | null;
    if (!value || typeof value.leadUnit !== 'string' || value.leadUnit === '') continue;
    const decided = result.matchedRows[0]!;
    const priority = isBlank(value.priority) ? compiled.fallback.priority : String(value.priority);
    const slaPolicyId = isBlank(value.slaPolicyId)
      ? compiled.fallback.slaPolicyId
      : String(value.slaPolicyId);
    if (
      !PRIORITIES.includes(priority) ||
      (compiled.slaPolicies.size > 0 && !compiled.slaPolicies.has(slaPolicyId))
    )
      throw new RuleError(
        'routing.bad_output',
        {
          en: `Routing table "${doc.id}" row ${decided + 1} gives an unknown priority or SLA policy`,
          zh: `派单表“${doc.id}”第 ${decided + 1} 行的优先级或时限策略无效`,
        },
        { details: { priority, slaPolicyId } },
      );
    return {
      leadUnitId: value.leadUnit,
      priority,
      slaPolicyId,
      routingTableId: doc.id,
      rowId: (doc.table as unknown as DecisionTable).rules[decided]?.id ?? null,
      isFallback: false,
    };
  }
  return {
    leadUnitId: compiled.fallback.leadUnitId,
    priority: compiled.fallback.priority,
    slaPolicyId: compiled.fallback.slaPolicyId,
    routingTableId: null,
    rowId: null,
    isFallback: true,
  };
}

/** A rule set's period, ISO dates (both inclusive). */
export interface WhatIfPeriod {
  from: string;
  to: string;
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * `day` (YYYY-MM-DD) itself when it lies in `period`, else the same month and day in the period's
 * first year (days before it) or last year (days after it); 29 February becomes the 28th in a
 * common year. Month-of-year mapping, as the score what-if maps periods.
 */
export function mapDayIntoPeriod(day: string, period: WhatIfPeriod): string {
  if (day >= period.from && day <= period.to) return day;
  const year = Number((day < period.from ? period.from : period.to).slice(0, 4));
  const monthDay = day.slice(5) === '02-29' && !isLeap(year) ? '02-28' : day.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** The local date (YYYY-MM-DD) routing rows are judged as of: the receipt day on the rules' calendar. */
export const routingDayOf = (rules: WhatIfRules, receivedAt: string): string =>
  rules.defaultCalendar.toLocalIso(receivedAt).slice(0, 10);

/**
 * Routes `c` with the draft and compares the result with its stored decision: lead unit, row, and
 * the handling deadline (old rules: `oldRules`, the version that decided the case). `at` counts an
 * open pause of the case's timer up to that instant (the time of the run). Throws only when the
 * draft's routing throws (`routing.bad_output`); a deadline that cannot be computed is reported
 * in `deadlineError`.
 */
export function replayCase(input: {
  case: WhatIfCase;
  oldRules: WhatIfRules;
  draft: WhatIfRules;
  at: string;
  /** The draft's period; cases received outside it are mapped into it (see the module notes). */
  draftPeriod?: WhatIfPeriod;
}): CaseReplay {
  const c = input.case;
  const receiptDay = routingDayOf(input.draft, c.receivedAt);
  const routingDay = input.draftPeriod ? mapDayIntoPeriod(receiptDay, input.draftPeriod) : receiptDay;
  const isDayMapped = routingDay !== receiptDay;
  const to = decideRouting(input.draft.routing, c.input, routingDay);
  const timer: TimerState = c.handleTimer ?? {
    name: 'handle',
    status: 'running',
    run: 1,
    startedAt: c.receivedAt,
    pauses: [],
    extensions: [],
  };
  let deadline: WhatIfDeadline | null = null;
  let deadlineError: CaseReplay['deadlineError'];
  try {
    const old = handleDeadline({ rules: input.oldRules, decision: c.stored, timer, at: input.at });
    const now = handleDeadline({
      rules: input.draft,
      decision: to,
      timer,
      at: input.at,
      ...(isDayMapped ? { calendar: old.calendar } : {}),
    });
    const working = Math.round(now.calendar.workingTimeBetween(old.deadline, now.deadline));
    const wall = Math.round((instantMs(now.deadline) - instantMs(old.deadline)) / 60_000);
    const sign = working !== 0 ? Math.sign(working) : Math.sign(wall);
    deadline = {
      basis: c.handleTimer ? 'timer' : 'receipt',
      old: old.deadline,
      new: now.deadline,
      shiftWorkingMinutes: working,
      shiftMinutes: wall,
      direction: sign < 0 ? 'earlier' : sign > 0 ? 'later' : 'same',
    };
  } catch (error) {
    deadlineError = whatIfFailure(error);
  }
  return {
    case: { caseId: c.caseId, number: c.number, category: c.category, receivedAt: c.receivedAt },
    from: c.stored,
    to,
    isMoved: to.leadUnitId !== c.stored.leadUnitId,
    routingDay,
    isDayMapped,
    deadline,
    ...(deadlineError ? { deadlineError } : {}),
  };
}

/** Moved cases of one (from unit, to unit, category, old row, new row). */
export interface WhatIfMoveGroup {
  fromUnitId: string;
  toUnitId: string;
  category: string;
  fromRowId: string | null;
  toRowId: string | null;
  count: number;
}

/** Cases whose deciding row changed, or whose row now gives another unit: old row → new row. */
export interface WhatIfRowChange {
  fromTableId: string | null;
  fromRowId: string | null;
  toTableId: string | null;
  toRowId: string | null;
  /** Cases with this pair. */
  count: number;
  /** Of them, cases that go to another lead unit. */
  moved: number;
}

/** Deadline moves over all replayed cases. */
export interface WhatIfDeadlineSummary {
  /** The timer compared. */
  timer: 'handle';
  earlier: number;
  later: number;
  same: number;
  /** Cases whose deadline could not be computed (see `failures`). */
  notComputed: number;
  /** Mean signed office-time shift of the deadlines that moved, in working hours (0 when none moved). */
  meanShiftWorkingHours: number;
  /** The office-time shift of largest size (signed), in working hours. */
  maxShiftWorkingHours: number;
  /** Mean and largest signed wall-clock shift of the deadlines that moved, in hours. */
  meanShiftHours: number;
  maxShiftHours: number;
}

/** What {@link createWhatIfTally} sums up. */
export interface WhatIfTotals {
  cases: number;
  moved: number;
  /** Decided by another routing row (moved or not). */
  differentRow: number;
  priorityChanged: number;
  slaPolicyChanged: number;
  /** Cases received outside the draft's period, routed as of the same day in it. */
  dayMapped: number;
  /** Cases the stored decision sent to manual dispatch (fallback) and the draft would. */
  fallbackBefore: number;
  fallbackAfter: number;
  moves: WhatIfMoveGroup[];
  rowChanges: WhatIfRowChange[];
  deadlines: WhatIfDeadlineSummary;
  /** The first replays that changed something (moved or deadline moved), in the order added. */
  changed: CaseReplay[];
  /** More changed cases than `changed` holds. */
  isChangedTruncated: boolean;
}

const round = (n: number, digits = 2): number => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

/** Counts a moved case in its (from unit, to unit, category, old row, new row) group. */
function addMove(moves: Map<string, WhatIfMoveGroup>, r: CaseReplay): void {
  const key = JSON.stringify([r.from.leadUnitId, r.to.leadUnitId, r.case.category, r.from.rowId, r.to.rowId]);
  const group = moves.get(key);
  if (group) group.count++;
  else
    moves.set(key, {
      fromUnitId: r.from.leadUnitId,
      toUnitId: r.to.leadUnitId,
      category: r.case.category,
      fromRowId: r.from.rowId,
      toRowId: r.to.rowId,
      count: 1,
    });
}

/** Counts a case routed by another row (or moved) under its (old table/row, new table/row). */
function addRowChange(rows: Map<string, WhatIfRowChange>, r: CaseReplay): void {
  const key = JSON.stringify([r.from.routingTableId, r.from.rowId, r.to.routingTableId, r.to.rowId]);
  const row = rows.get(key) ?? {
    fromTableId: r.from.routingTableId,
    fromRowId: r.from.rowId,
    toTableId: r.to.routingTableId,
    toRowId: r.to.rowId,
    count: 0,
    moved: 0,
  };
  row.count++;
  if (r.isMoved) row.moved++;
  rows.set(key, row);
}

/** Adds a moved deadline's shift (hours, working and wall-clock) to the sums and largest shifts. */
function addShift(
  shift: { sumWorking: number; sumWall: number; maxWorking: number; maxWall: number },
  deadline: { shiftWorkingMinutes: number; shiftMinutes: number },
): void {
  const working = deadline.shiftWorkingMinutes / 60;
  const wall = deadline.shiftMinutes / 60;
  shift.sumWorking += working;
  shift.sumWall += wall;
  if (Math.abs(working) > Math.abs(shift.maxWorking)) shift.maxWorking = working;
  if (Math.abs(wall) > Math.abs(shift.maxWall)) shift.maxWall = wall;
}

/**
 * Accumulates replays one by one (so cases can be read in pages) and sums them up. Moves are
 * grouped by (from unit, to unit, category, old row, new row), most cases first; row changes by
 * (old table/row, new table/row). Keeps the first `keepChanged` (default 500) changed replays.
 */
export function createWhatIfTally(options: { keepChanged?: number } = {}) {
  const keep = options.keepChanged ?? 500;
  const moves = new Map<string, WhatIfMoveGroup>();
  const rows = new Map<string, WhatIfRowChange>();
  const changed: CaseReplay[] = [];
  let changedCount = 0;
  const totals = {
    cases: 0,
    moved: 0,
    differentRow: 0,
    priorityChanged: 0,
    slaPolicyChanged: 0,
    dayMapped: 0,
  };
  let fallbackBefore = 0;
  let fallbackAfter = 0;
  const d = { earlier: 0, later: 0, same: 0, notComputed: 0 };
  const shift = { sumWorking: 0, sumWall: 0, maxWorking: 0, maxWall: 0 };
  return {
    add(r: CaseReplay): void {
      totals.cases++;
      if (r.isDayMapped) totals.dayMapped++;
      if (r.from.isFallback) fallbackBefore++;
      if (r.to.isFallback) fallbackAfter++;
      if (r.from.priority !== r.to.priority) totals.priorityChanged++;
      if (r.from.slaPolicyId !== r.to.slaPolicyId) totals.slaPolicyChanged++;
      const isOtherRow = r.from.routingTableId !== r.to.routingTableId || r.from.rowId !== r.to.rowId;
      if (isOtherRow) totals.differentRow++;
      if (r.isMoved) {
        totals.moved++;
        addMove(moves, r);
      }
      if (isOtherRow || r.isMoved) addRowChange(rows, r);
      if (r.deadline === null) d.notComputed++;
      else {
        d[r.deadline.direction]++;
        if (r.deadline.direction !== 'same') addShift(shift, r.deadline);
      }
      if (r.isMoved || (r.deadline !== null && r.deadline.direction !== 'same')) {
        changedCount++;
        if (changed.length < keep) changed.push(r);
      }
    },
    result(): WhatIfTotals {
      const movedDeadlines = d.earlier + d.later;
      const byCount = <T extends { count: number }>(a: T, b: T) => b.count - a.count;
      return {
        ...totals,
        fallbackBefore,
        fallbackAfter,
        moves: [...moves.values()].sort(byCount),
        rowChanges: [...rows.values()].sort(byCount),
        deadlines: {
          timer: 'handle',
          ...d,
          meanShiftWorkingHours: movedDeadlines > 0 ? round(shift.sumWorking / movedDeadlines) : 0,
          maxShiftWorkingHours: round(shift.maxWorking),
          meanShiftHours: movedDeadlines > 0 ? round(shift.sumWall / movedDeadlines) : 0,
          maxShiftHours: round(shift.maxWall),
        },
        changed: [...changed],
        isChangedTruncated: changedCount > changed.length,
      };
    },
  };
}

/** A {@link createWhatIfTally} accumulator. */
export type WhatIfTally = ReturnType<typeof createWhatIfTally>;

/**
 * The replay window: `months` whole calendar months back from `now` (same day and time of day,
 * clamped to the month's last day) up to and including `now`. `from` and `before` are UTC ISO
 * instants, `before` exclusive (one millisecond after `now`). Throws `ValidationError`
 * `whatIf.bad_months` unless 1 ≤ months ≤ 24 (an integer).
 */
export function replayWindow(
  now: string,
  months: number,
): { from: string; before: string; to: string; months: number } {
  if (!Number.isInteger(months) || months < 1 || months > 24)
    throw new ValidationError(
      'whatIf.bad_months',
      {
        en: `Months must be a whole number from 1 to 24, got ${months}.`,
        zh: `月数须为 1 至 24 的整数，实际为 ${months}。`,
      },
      { path: '/months' },
    );
  const ms = instantMs(now);
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const from = Date.UTC(
    y,
    m,
    Math.min(d.getUTCDate(), lastDay),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
  return {
    from: new Date(from).toISOString(),
    before: new Date(ms + 1).toISOString(),
    to: new Date(ms).toISOString(),
    months,
  };
}

/** The annotation (note) of a routing row, for display; undefined when unknown. */
export function routingRowNote(
  routing: CompiledRouting,
  tableId: string | null,
  rowId: string | null,
): string | undefined {
  if (rowId === null) return undefined;
  for (const { doc } of routing.tables) {
    if (tableId !== null && doc.id !== tableId) continue;
    const rules = (doc.table as { rules?: { id?: string; annotation?: string }[] }).rules ?? [];
    const row = rules.find((r) => r.id === rowId);
    if (row) return row.annotation;
  }
  return undefined;
}

/** Where the next page of a replay starts: cases created before `before` (exclusive), skipping `skip` of them. */
export interface CaseCursor {
  before: string;
  skip: number;
}

/**
 * The cursor after a full page of cases ordered newest first (by `createdAt`, then number): the next
 * page reads before the page's last instant plus one millisecond, skipping the cases of that instant
 * already read. Unlike a growing offset, each page costs the same however deep the replay goes;
 * cases sharing an instant across pages are neither lost nor read twice.
 */
export function nextCaseCursor(cursor: CaseCursor, page: readonly { createdAt: string }[]): CaseCursor {
  const last = page[page.length - 1]!.createdAt;
  let ties = 0;
  for (let i = page.length - 1; i >= 0 && page[i]!.createdAt === last; i--) ties++;
  const before = new Date(instantMs(last) + 1).toISOString();
  return { before, skip: (before === cursor.before ? cursor.skip : 0) + ties };
}
