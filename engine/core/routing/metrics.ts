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

/**
 * Computes per-unit, per-month case metrics by replaying each history. Pure; throws like
 * `replayCase` on a corrupt history. Sorted by month, then unit id.
 */
export function computeCaseMetrics(input: CaseMetricsInput): UnitCaseMetrics[] {
  const policies = new Map(input.policies.map((p) => [p.id, p]));
  const calendars = new Map(input.calendars.map((c) => [c.id, c]));
  const acc = new Map<string, Acc>();
  const bucket = (unitId: string | null | undefined, month: string): Acc | null => {
    if (!unitId || (input.month !== undefined && month !== input.month)) return null;
    const key = `${month}\u0000${unitId}`;
    let a = acc.get(key);
    if (!a) {
      a = {
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
      };
      acc.set(key, a);
    }
    return a;
  };
  for (const history of input.histories) {
    let state: CaseState | undefined;
    let lastReturner: string | null = null;
    let pendingHandled: { unitId: string | null; month: string } | null = null;
    // Handle-timer runs already counted as overdue, so a notice and a late completion count once.
    const overdueRuns = new Set<number>();
    const monthOfInstant = (at: string): string => {
      const policy = state?.slaPolicyId ? policies.get(state.slaPolicyId) : undefined;
      const calendar = (policy && calendars.get(policy.calendarId)) ?? input.calendars[0];
      return calendar ? calendar.localDate(at).slice(0, 7) : at.slice(0, 7);
    };
    const countOverdue = (unitId: string | null, run: number, deadline: string) => {
      if (overdueRuns.has(run)) return;
      overdueRuns.add(run);
      const a = bucket(unitId, monthOfInstant(deadline));
      if (a) a.overdueCount++;
    };
    const settleHandled = () => {
      if (!pendingHandled || !state) return;
      const { unitId, month } = pendingHandled;
      pendingHandled = null;
      const policy = state.slaPolicyId ? policies.get(state.slaPolicyId) : undefined;
      const calendar = policy ? calendars.get(policy.calendarId) : undefined;
      const timer = state.timers.handle;
      const status =
        policy && calendar && timer
          ? slaStatus(
              { timers: { handle: timer }, priority: state.priority, policy, calendar },
              state.updatedAt,
            ).handle
          : undefined;
      // A late completion the deadline worker did not record is overdue all the same.
      if (status?.isOverdue) countOverdue(unitId, status.run, status.deadline);
      const a = bucket(unitId, month);
      if (!a) return;
      a.handled++;
      if (!status) return;
      a.handledWithTimer++;
      if (!status.isOverdue) a.handledOnTime++;
      a.handlingMinutes += status.elapsedMinutes;
    };
    for (const event of history) {
      if (event.type === 'slaOverdue') {
        if (event.timer === 'handle' && state)
          countOverdue(state.leadUnitId, event.run, event.deadline ?? event.at);
        continue;
      }
      // A transition's effects share its instant; settle a completion once they are all applied.
      if (event.type === 'transitioned') settleHandled();
      state = applyCaseEvent(state, event);
      const policy = state.slaPolicyId ? policies.get(state.slaPolicyId) : undefined;
      const calendar = (policy && calendars.get(policy.calendarId)) ?? input.calendars[0];
      const month = calendar ? calendar.localDate(event.at).slice(0, 7) : event.at.slice(0, 7);
      if (event.type === 'assigned') {
        if (event.leadUnitId !== null) {
          const a = bucket(event.leadUnitId, month);
          if (a) a.dispatched++;
        }
      } else if (event.type === 'caseOpened') {
        // The routing decision is not yet a dispatch; `assigned` counts that.
      } else if (event.type === 'escalated') {
        const a = bucket(state.leadUnitId, month);
        if (a) a.supervisionCount++;
      } else if (event.type === 'transitioned' && event.metric) {
        const actorUnit = event.actor.role === 'unit' ? (event.actor.unitId ?? null) : null;
        switch (event.metric) {
          case 'returned': {
            lastReturner = actorUnit ?? event.leadUnitId;
            const a = bucket(lastReturner, month);
            if (a) a.returned++;
            break;
          }
          case 'returnRejected': {
            const a = bucket(lastReturner ?? event.leadUnitId, month);
            if (a) a.wrongfulReturns++;
            break;
          }
          case 'handled':
            pendingHandled = { unitId: actorUnit ?? event.leadUnitId, month };
            break;
          case 'ratedSatisfied':
          case 'ratedUnsatisfied': {
            const a = bucket(event.leadUnitId, month);
            if (a) {
              a.rated++;
              if (event.metric === 'ratedSatisfied') a.satisfied++;
            }
            break;
          }
          case 'redo': {
            const a = bucket(event.leadUnitId, month);
            if (a) a.redo++;
            break;
          }
        }
      }
    }
    settleHandled();
  }
  return [...acc.entries()]
    .map(([key, a]) => {
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
    })
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
