/**
 * @module Case metrics per unit and month from case event histories (data source `caseMetrics` of indicators).
 *
 * Metrics rely on the workflow's `metric` tags, not on action names, so a yearly workflow change does
 * not break them. Attribution: `returned` / `handled` go to the acting unit (else the lead unit before
 * the transition); a `returnRejected` (wrongful return) to the unit whose return was rejected; ratings,
 * redo and supervision (every `escalated` event, whatever its level) to the lead unit at the time; an
 * overdue handling timer to the lead unit while it ran, in the month of its deadline. Months are local
 * months of the SLA calendar. The catalogue of these metrics with zh/en names is `metric-catalogue.ts`.
 */
import type { SlaPolicy } from '../../../schemas/types.gen.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import type { CaseEvent, CaseState } from '../workflow/case-state.ts';
import { applyCaseEvent } from '../workflow/case-state.ts';
import { slaStatus } from './sla.ts';

/** Metrics of one unit in one month. Rates are null when their denominator is 0. */
export interface UnitCaseMetrics {
  unitId: string;
  /** `YYYY-MM`. */
  month: string;
  /** Dispatches (派单) to the unit as lead: every `assigned` event naming it. */
  dispatched: number;
  /** Handling completions (办结). */
  handled: number;
  /** Completions with a handle timer, and of those the ones by the deadline. */
  handledWithTimer: number;
  handledOnTime: number;
  onTimeRate: number | null;
  returned: number;
  /** Returns the dispatcher rejected (错退). */
  wrongfulReturns: number;
  /** returned / dispatched. */
  returnRate: number | null;
  /** wrongfulReturns / returned. */
  wrongfulReturnRate: number | null;
  rated: number;
  satisfied: number;
  satisfactionRate: number | null;
  /** Redo orders (重办) after review. */
  redo: number;
  /** redo / handled. */
  redoRate: number | null;
  /** Supervision escalations (督办): every `escalated` event, whatever its level. */
  supervisionCount: number;
  /**
   * Handling timers that went overdue (超期) while the unit was lead, once per case and timer run, in the
   * month of the deadline: recorded by the deadline worker (`slaOverdue`) or, when it was not, seen at a
   * late completion.
   */
  overdueCount: number;
  /** Mean office hours from handle-timer start to completion, pauses excluded; null without timed completions. */
  avgHandlingWorkingHours: number | null;
}

/** A deadline notice of the deadline worker: a timer run passed its deadline while running. */
export interface SlaOverdueNotice {
  type: 'slaOverdue';
  caseId: string;
  /** When the worker recorded it. */
  at: string;
  timer: string;
  run: number;
  /** The deadline passed (ISO instant); absent in a malformed notice, then `at` stands for it. */
  deadline?: string;
}

/** What a metric history holds: the case's core events and the deadline worker's overdue notices. */
export type CaseMetricEvent = CaseEvent | SlaOverdueNotice;

/** Inputs of {@link computeCaseMetrics}. */
export interface CaseMetricsInput {
  /** Each case's full event history, oldest first, starting with `caseOpened`; may hold `slaOverdue` notices. */
  histories: readonly (readonly CaseMetricEvent[])[];
  policies: readonly SlaPolicy[];
  /** Compiled calendars by id; the first one also buckets months of cases without a policy. */
  calendars: readonly WorkingCalendar[];
  /** Only this month (`YYYY-MM`); all months when absent. */
  month?: string;
}

interface Acc {
  dispatched: number;
  handled: number;
  handledWithTimer: number;
  handledOnTime: number;
  handlingMinutes: number;
  returned: number;
  wrongfulReturns: number;
  rated: number;
  satisfied: number;
  redo: number;
  supervisionCount: number;
  overdueCount: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

const emptyAcc = (): Acc => ({
  dispatched: 0,
  handled: 0,
  handledWithTimer: 0,
  handledOnTime: 0,
  handlingMinutes: 0,
  returned: 0,
  wrongfulReturns: 0,
  rated: 0,
  satisfied: 0,
  redo: 0,
  supervisionCount: 0,
  overdueCount: 0,
});

/** What every replay shares: SLA policies and calendars by id, and the unit-month buckets. */
interface Tally {
  input: CaseMetricsInput;
  policies: ReadonlyMap<string, SlaPolicy>;
  calendars: ReadonlyMap<string, WorkingCalendar>;
  /** The counters of (unit, month); null for no unit or a month outside `input.month`. */
  bucket(unitId: string | null | undefined, month: string): Acc | null;
}

/** One case's replay so far. */
interface Replay {
  state: CaseState | undefined;
  lastReturner: string | null;
  pendingHandled: { unitId: string | null; month: string } | null;
  /** Handle-timer runs already counted as overdue, so a notice and a late completion count once. */
  overdueRuns: Set<number>;
}

/** The month of an instant in the calendar of the case's SLA policy (else the first calendar). */
function monthOfInstant(t: Tally, r: Replay, at: string): string {
  const policy = r.state?.slaPolicyId ? t.policies.get(r.state.slaPolicyId) : undefined;
  const calendar = (policy && t.calendars.get(policy.calendarId)) ?? t.input.calendars[0];
  return calendar ? calendar.localDate(at).slice(0, 7) : at.slice(0, 7);
}

function countOverdue(
  t: Tally,
  r: Replay,
  q: { unitId: string | null; run: number; deadline: string },
): void {
  if (r.overdueRuns.has(q.run)) return;
  r.overdueRuns.add(q.run);
  const a = t.bucket(q.unitId, monthOfInstant(t, r, q.deadline));
  if (a) a.overdueCount++;
}

/** Counts a pending completion, on time or not by the handle timer as it stands now. */
function settleHandled(t: Tally, r: Replay): void {
  const { state, pendingHandled } = r;
  if (!pendingHandled || !state) return;
  const { unitId, month } = pendingHandled;
  r.pendingHandled = null;
  const policy = state.slaPolicyId ? t.policies.get(state.slaPolicyId) : undefined;
  const calendar = policy ? t.calendars.get(policy.calendarId) : undefined;
  const timer = state.timers.handle;
  const status =
    policy && calendar && timer
      ? slaStatus({ timers: { handle: timer }, priority: state.priority, policy, calendar }, state.updatedAt)
          .handle
      : undefined;
  // A late completion the deadline worker did not record is overdue all the same.
  if (status?.isOverdue) countOverdue(t, r, { unitId, run: status.run, deadline: status.deadline });
  const a = t.bucket(unitId, month);
  if (!a) return;
  a.handled++;
  if (!status) return;
  a.handledWithTimer++;
  if (!status.isOverdue) a.handledOnTime++;
  a.handlingMinutes += status.elapsedMinutes;
}

type Transition = Extract<CaseEvent, { type: 'transitioned' }>;

/** The metric a transition carries: returns, wrongful returns, completions, ratings, redos. */
function countTransition(t: Tally, r: Replay, event: Transition, month: string): void {
  const actorUnit = event.actor.role === 'unit' ? (event.actor.unitId ?? null) : null;
  switch (event.metric) {
    case 'returned': {
      r.lastReturner = actorUnit ?? event.leadUnitId;
      const a = t.bucket(r.lastReturner, month);
      if (a) a.returned++;
      break;
    }
    case 'returnRejected': {
      const a = t.bucket(r.lastReturner ?? event.leadUnitId, month);
      if (a) a.wrongfulReturns++;
      break;
    }
    case 'handled':
      r.pendingHandled = { unitId: actorUnit ?? event.leadUnitId, month };
      break;
    case 'ratedSatisfied':
    case 'ratedUnsatisfied': {
      const a = t.bucket(event.leadUnitId, month);
      if (a) {
        a.rated++;
        if (event.metric === 'ratedSatisfied') a.satisfied++;
      }
      break;
    }
    case 'redo': {
      const a = t.bucket(event.leadUnitId, month);
      if (a) a.redo++;
      break;
    }
  }
}

/** Replays one case's history into the tally. */
function replayHistory(t: Tally, history: readonly CaseMetricEvent[]): void {
  const r: Replay = { state: undefined, lastReturner: null, pendingHandled: null, overdueRuns: new Set() };
  for (const event of history) {
    if (event.type === 'slaOverdue') {
      if (event.timer === 'handle' && r.state)
        countOverdue(t, r, {
          unitId: r.state.leadUnitId,
          run: event.run,
          deadline: event.deadline ?? event.at,
        });
      continue;
    }
    // A transition's effects share its instant; settle a completion once they are all applied.
    if (event.type === 'transitioned') settleHandled(t, r);
    r.state = applyCaseEvent(r.state, event);
    const month = monthOfInstant(t, r, event.at);
    if (event.type === 'assigned') {
      if (event.leadUnitId !== null) {
        const a = t.bucket(event.leadUnitId, month);
        if (a) a.dispatched++;
      }
    } else if (event.type === 'caseOpened') {
      // The routing decision is not yet a dispatch; `assigned` counts that.
    } else if (event.type === 'escalated') {
      const a = t.bucket(r.state.leadUnitId, month);
      if (a) a.supervisionCount++;
    } else if (event.type === 'transitioned' && event.metric) countTransition(t, r, event, month);
  }
  settleHandled(t, r);
}

/** The published figures of one unit-month's counters. */
function metricsOf(key: string, a: Acc): UnitCaseMetrics {
  const [month, unitId] = key.split('\u0000') as [string, string];
  return {
    unitId,
    month,
    dispatched: a.dispatched,
    handled: a.handled,
    handledWithTimer: a.handledWithTimer,
    handledOnTime: a.handledOnTime,
    onTimeRate: ratio(a.handledOnTime, a.handledWithTimer),
    returned: a.returned,
    wrongfulReturns: a.wrongfulReturns,
    returnRate: ratio(a.returned, a.dispatched),
    wrongfulReturnRate: ratio(a.wrongfulReturns, a.returned),
    rated: a.rated,
    satisfied: a.satisfied,
    satisfactionRate: ratio(a.satisfied, a.rated),
    redo: a.redo,
    redoRate: ratio(a.redo, a.handled),
    supervisionCount: a.supervisionCount,
    overdueCount: a.overdueCount,
    avgHandlingWorkingHours: a.handledWithTimer > 0 ? a.handlingMinutes / 60 / a.handledWithTimer : null,
  };
}

/**
 * Computes per-unit, per-month case metrics by replaying each history. Pure; throws like
 * `replayCase` on a corrupt history. Sorted by month, then unit id.
 */
export function computeCaseMetrics(input: CaseMetricsInput): UnitCaseMetrics[] {
  const acc = new Map<string, Acc>();
  const tally: Tally = {
    input,
    policies: new Map(input.policies.map((p) => [p.id, p])),
    calendars: new Map(input.calendars.map((c) => [c.id, c])),
    bucket(unitId, month) {
      if (!unitId || (input.month !== undefined && month !== input.month)) return null;
      const key = `${month}\u0000${unitId}`;
      let a = acc.get(key);
      if (!a) {
        a = emptyAcc();
        acc.set(key, a);
      }
      return a;
    },
  };
  for (const history of input.histories) replayHistory(tally, history);
  return [...acc.entries()]
    .map(([key, a]) => metricsOf(key, a))
    .sort((x, y) =>
      x.month === y.month
        ? x.unitId < y.unitId
          ? -1
          : x.unitId > y.unitId
            ? 1
            : 0
        : x.month < y.month
          ? -1
          : 1,
    );
}
