/**
 * @module SLA deadlines (办理时限) of a case's timers in working time over a compiled calendar: limits per priority, extensions, pauses, warnings, overdue.
 *
 * A timer's deadline is its start plus the priority's limit (working days keep the time of day, working
 * hours count office minutes), plus each approved extension in its own unit, then pushed back by the
 * office time the timer spent paused. Elapsed time is office time since the start minus paused office
 * time, so a case waiting for re-dispatch in a pause state is not charged to anyone.
 *
 * A policy with `clock: "natural"` (emergencies) counts 24×7 instead: working hours are clock hours,
 * working days are 24-hour days, and neither holidays nor office hours stop the clock.
 */
import type { Priority, SlaPolicy, SlaPolicyDuration } from '../../../schemas/types.gen.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import { DAY_MS } from '../calendar/time-zone.ts';
import { RuleError } from '../errors.ts';
import type { CaseState, TimerName, TimerState } from '../workflow/case-state.ts';
import { instantMs } from '../workflow/case-state.ts';

/** How a policy counts time: over the calendar's office hours (default) or 24×7. */
export type SlaClock = 'working' | 'natural';

/** What timing a case reads of a version's compiled rules: its SLA policies and working calendars by id. */
export interface SlaRules {
  policies: ReadonlyMap<string, SlaPolicy>;
  calendars: ReadonlyMap<string, WorkingCalendar>;
  /** Used when a policy names no calendar the rules know (the what-if also dates a case by it). */
  defaultCalendar: WorkingCalendar;
}

/** The clock a policy counts on (`working` when the document does not say). */
export function clockOf(policy: SlaPolicy): SlaClock {
  return policy.clock === 'natural' ? 'natural' : 'working';
}

/** Everything needed to judge a case's timers. */
export interface CaseTimers {
  timers: CaseState['timers'];
  priority: Priority;
  policy: SlaPolicy;
  /** The compiled calendar named by `policy.calendarId`. */
  calendar: WorkingCalendar;
}

/** Deadline of one timer. */
export interface TimerDeadline {
  timer: TimerName;
  run: number;
  startedAt: string;
  /** The limit of the case's priority. */
  limit: SlaPolicyDuration;
  /** Deadline as a local ISO instant of the calendar's zone. */
  deadline: string;
  /** Budget of the limit plus extensions: office minutes (calendar minutes for `calendarDays` limits). */
  budgetMinutes: number;
  /** Paused time counted so far (same unit as `budgetMinutes`). */
  pausedMinutes: number;
  /**
   * Present (true) when the deadline was counted over a day outside the calendar's coverage
   * (`outsideCoverage: weekendsOnly`): it may move once that year's holidays are known.
   */
  provisional?: true;
}

/** Warning colour of a timer: below the first threshold green, then yellow, red at the last of ≥ 2 thresholds, overdue past the deadline. */
export type SlaLight = 'green' | 'yellow' | 'red' | 'overdue';

/** Status of one timer at an instant. */
export interface TimerStatus extends TimerDeadline {
  status: TimerState['status'];
  elapsedMinutes: number;
  /** elapsed / budget (may exceed 1). */
  elapsedFraction: number;
  /** How many warning thresholds have been reached. */
  warningLevel: number;
  light: SlaLight;
  /** Running/paused: the deadline has passed. Stopped: it stopped after the deadline. */
  isOverdue: boolean;
  /** Stopped timers: whether they stopped by the deadline. */
  onTime?: boolean;
  /** Running timers: instants at which the thresholds not yet reached will be (for the deadline worker). */
  upcomingWarnings: { threshold: number; at: string }[];
}

const DEFAULT_THRESHOLDS = [0.8];

function limitOf(policy: SlaPolicy, priority: Priority, timer: TimerName): SlaPolicyDuration {
  const limits = policy.limits.find((l) => l.priority === priority);
  if (!limits)
    throw new RuleError(
      'sla.priority_missing',
      {
        en: `SLA policy "${policy.id}" has no limits for priority "${priority}"`,
        zh: `时限策略“${policy.id}”未设置“${priority}”优先级的时限`,
      },
      { details: { policyId: policy.id, priority } },
    );
  return limits[timer];
}

/**
 * `from` plus a duration on a policy's clock: over the calendar (working time) or, on a natural
 * clock, 24×7 (working hours as hours, working days as 24-hour days).
 */
export function addDuration(
  calendar: WorkingCalendar,
  from: number,
  d: { amount: number; unit: string },
  clock: SlaClock = 'working',
): number {
  if (clock === 'natural') return from + d.amount * (d.unit === 'workingHours' ? 3_600_000 : DAY_MS);
  if (d.unit === 'calendarDays') return from + d.amount * DAY_MS;
  if (d.unit === 'workingDays') {
    const whole = Math.floor(d.amount);
    const rest = d.amount - whole;
    const days = calendar.addWorkingDays(from, whole);
    return rest > 0 ? calendar.addWorkingHours(days, (rest * calendar.minutesPerWorkingDay) / 60) : days;
  }
  return calendar.addWorkingHours(from, d.amount);
}

function span(calendar: WorkingCalendar, isCalendarTime: boolean, a: number, b: number): number {
  return isCalendarTime ? (b - a) / 60_000 : calendar.workingTimeBetween(a, b);
}

/** Paused time of a timer up to `until`; without `until`, closed pauses count fully and an open one not at all. */
function pausedUpTo(
  calendar: WorkingCalendar,
  isCalendarTime: boolean,
  timer: TimerState,
  until: number | undefined,
): number {
  let total = 0;
  for (const p of timer.pauses) {
    const from = instantMs(p.from);
    const end = p.to === undefined ? (until ?? from) : instantMs(p.to);
    const to = until === undefined ? end : Math.min(end, until);
    if (to > from) total += span(calendar, isCalendarTime, from, to);
  }
  return total;
}

function deadlineOf(c: CaseTimers, timer: TimerState, at: number | undefined) {
  const limit = limitOf(c.policy, c.priority, timer.name);
  const clock = clockOf(c.policy);
  const isCalendarTime = clock === 'natural' || limit.unit === 'calendarDays';
  const start = instantMs(timer.startedAt);
  let base = addDuration(c.calendar, start, limit, clock);
  for (const ext of timer.extensions) base = addDuration(c.calendar, base, ext, clock);
  const end = timer.stoppedAt !== undefined ? instantMs(timer.stoppedAt) : at;
  const paused = pausedUpTo(c.calendar, isCalendarTime, timer, end);
  const deadline = isCalendarTime
    ? base + paused * 60_000
    : paused > 0
      ? c.calendar.addWorkingHours(base, paused / 60)
      : base;
  // The days judged for the deadline: from the start to the deadline, and the paused spans counted.
  // Natural-day limits never ask the calendar which days are worked.
  let judgedUpTo = deadline;
  for (const p of timer.pauses) {
    const to = p.to === undefined ? end : Math.min(instantMs(p.to), end ?? Number.POSITIVE_INFINITY);
    if (to !== undefined && to > judgedUpTo) judgedUpTo = to;
  }
  const provisional = !isCalendarTime && c.calendar.isProvisional(start, judgedUpTo);
  return {
    limit,
    isCalendarTime,
    start,
    end,
    deadline,
    budget: span(c.calendar, isCalendarTime, start, base),
    paused,
    provisional,
  };
}

/** Budget, elapsed time and deadline of one timer at `at` (ms), in the policy clock's minutes; for the ladder. */
export function measureTimer(
  c: CaseTimers,
  timer: TimerState,
  at: number,
): { deadline: number; budget: number; elapsed: number; isCalendarTime: boolean } {
  const d = deadlineOf(c, timer, at);
  const end = d.end ?? at;
  return {
    deadline: d.deadline,
    budget: d.budget,
    elapsed: span(c.calendar, d.isCalendarTime, d.start, end) - d.paused,
    isCalendarTime: d.isCalendarTime,
  };
}

function describe(c: CaseTimers, timer: TimerState, d: ReturnType<typeof deadlineOf>): TimerDeadline {
  return {
    timer: timer.name,
    run: timer.run,
    startedAt: timer.startedAt,
    limit: d.limit,
    deadline: c.calendar.toLocalIso(d.deadline),
    budgetMinutes: d.budget,
    pausedMinutes: d.paused,
    ...(d.provisional ? { provisional: true as const } : {}),
  };
}

/**
 * Deadlines of all timers of a case (running, paused or stopped). `at` counts an open pause up to
 * that instant (a paused timer's deadline moves on while it stays paused). Throws `RuleError`
 * `sla.priority_missing` when the policy has no limits for the case's priority.
 */
export function computeDeadlines(
  caseTimers: CaseTimers,
  at?: string,
): Partial<Record<TimerName, TimerDeadline>> {
  const atMs = at === undefined ? undefined : instantMs(at);
  const out: Partial<Record<TimerName, TimerDeadline>> = {};
  for (const timer of Object.values(caseTimers.timers)) {
    if (!timer) continue;
    out[timer.name] = describe(caseTimers, timer, deadlineOf(caseTimers, timer, atMs));
  }
  return out;
}

/**
 * Status of every timer of a case at `at`: elapsed fraction of the budget, warning level against the
 * policy's `warningThresholds` (default [0.8]), light, overdue, and for running timers when the next
 * warnings fall due. Throws like {@link computeDeadlines}.
 */
export function slaStatus(caseTimers: CaseTimers, at: string): Partial<Record<TimerName, TimerStatus>> {
  const atMs = instantMs(at);
  const thresholds = caseTimers.policy.warningThresholds ?? DEFAULT_THRESHOLDS;
  const out: Partial<Record<TimerName, TimerStatus>> = {};
  for (const timer of Object.values(caseTimers.timers)) {
    if (!timer) continue;
    const d = deadlineOf(caseTimers, timer, atMs);
    const end = d.end ?? atMs;
    const elapsed = span(caseTimers.calendar, d.isCalendarTime, d.start, end) - d.paused;
    const fraction = d.budget > 0 ? elapsed / d.budget : 1;
    const warningLevel = thresholds.filter((t) => fraction >= t).length;
    const isOverdue = end > d.deadline;
    const light: SlaLight = isOverdue
      ? 'overdue'
      : warningLevel === 0
        ? 'green'
        : thresholds.length >= 2 && warningLevel === thresholds.length
          ? 'red'
          : 'yellow';
    const upcomingWarnings =
      timer.status === 'running'
        ? thresholds
            .filter((t) => t > fraction)
            .map((t) => {
              const minutes = t * d.budget - elapsed;
              const when = d.isCalendarTime
                ? atMs + minutes * 60_000
                : caseTimers.calendar.addWorkingHours(atMs, minutes / 60);
              return { threshold: t, at: caseTimers.calendar.toLocalIso(when) };
            })
        : [];
    out[timer.name] = {
      ...describe(caseTimers, timer, d),
      status: timer.status,
      elapsedMinutes: elapsed,
      elapsedFraction: fraction,
      warningLevel,
      light,
      isOverdue,
      ...(timer.status === 'stopped' ? { onTime: !isOverdue } : {}),
      upcomingWarnings,
    };
  }
  return out;
}
