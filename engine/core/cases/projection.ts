/** @module The case projection: the stored view fields (timers, SLA light, due time, who is waiting, next check) derived from a case state at an instant. */
import {
  type CaseTimers,
  computeDeadlines,
  ladderStatus,
  type SlaRules,
  slaStatus,
} from '../routing/index.ts';
import { availableActions, type CaseState, type CompiledWorkflow } from '../workflow/index.ts';

/** What the projection reads of a case's compiled rules (the version the case was opened under). */
export interface ProjectionRules extends SlaRules {
  workflow: CompiledWorkflow;
}

/** The view fields of a case record that follow from its state at one instant. */
export interface CaseProjection {
  /** Workflow state name. */
  status: string;
  priority: string;
  leadUnitId: string | null;
  assistingUnitIds: string[];
  state: CaseState;
  /** Deadlines of the timers (computeDeadlines), for display and the worker. */
  timers: Record<string, unknown>;
  slaLight: string;
  /** UTC ISO instant of the nearest running-timer deadline. */
  dueAt: string | null;
  /** Roles that have an action now (dispatcher, supervisor, reviewer, unit). */
  waitingRoles: string[];
  /** Units (lead or assisting) that have an action now. */
  waitingUnitIds: string[];
  supervisionLevel: number;
  /** UTC ISO instant at which the deadline worker should look again; null when no timer runs. */
  nextCheckAt: string | null;
  updatedAt: string;
}

const LIGHT_ORDER = ['none', 'green', 'yellow', 'red', 'overdue'];

/** The timers of `state` with the policy and calendar that judge them; null without a policy. */
export function caseTimersOf(
  rules: ProjectionRules,
  state: CaseState,
  slaPolicyId: string | null,
): CaseTimers | null {
  const policy = slaPolicyId ? rules.policies.get(slaPolicyId) : undefined;
  if (!policy) return null;
  const calendar = rules.calendars.get(policy.calendarId) ?? rules.defaultCalendar;
  return { timers: state.timers, priority: state.priority, policy, calendar };
}

/** Instants (UTC ISO) at which ladder steps of running timers fall due; `now` for steps already due. */
export function ladderInstants(caseTimers: CaseTimers, now: string): string[] {
  return ladderStatus(caseTimers, now).map((l) => (l.dueAt === null ? now : new Date(l.dueAt).toISOString()));
}

interface TimerView {
  timers: Record<string, unknown>;
  slaLight: string;
  dueAt: string | null;
  nextCheckAt: string | null;
}

/** Timers, the worst light, the nearest deadline and the next instant the deadline worker must look. */
function timerViewOf(caseTimers: CaseTimers, now: string): TimerView {
  const status = slaStatus(caseTimers, now);
  const deadlines = computeDeadlines(caseTimers, now);
  const view: TimerView = { timers: {}, slaLight: 'none', dueAt: null, nextCheckAt: null };
  const consider = (c: string) => {
    if (view.nextCheckAt === null || c < view.nextCheckAt) view.nextCheckAt = c;
  };
  for (const [name, st] of Object.entries(status)) {
    if (!st) continue;
    const deadline = deadlines[name as keyof typeof deadlines];
    view.timers[name] = {
      status: st.status,
      run: st.run,
      startedAt: st.startedAt,
      deadline: deadline?.deadline ?? st.deadline,
      // Counted over a day the calendar does not cover (its holidays are not known yet): may move.
      ...(deadline?.provisional ? { deadlineProvisional: true } : {}),
      light: st.light,
      elapsedFraction: Math.round(st.elapsedFraction * 1000) / 1000,
      warningLevel: st.warningLevel,
      isOverdue: st.isOverdue,
      onTime: st.onTime ?? null,
    };
    if (st.status === 'stopped') continue;
    if (LIGHT_ORDER.indexOf(st.light) > LIGHT_ORDER.indexOf(view.slaLight)) view.slaLight = st.light;
    const due = new Date(st.deadline).toISOString();
    if (view.dueAt === null || due < view.dueAt) view.dueAt = due;
    if (st.status !== 'running') continue;
    // Reached thresholds not yet noticed are found by the worker at once; notices are recorded once each.
    if (st.warningLevel > 0 || st.isOverdue) consider(now);
    for (const w of st.upcomingWarnings) consider(new Date(w.at).toISOString());
    if (!st.isOverdue) consider(due);
  }
  // Ladder steps (催办 / 督办): due ones are recorded by the worker at once, later ones are scheduled.
  for (const c of ladderInstants(caseTimers, now)) consider(c);
  return view;
}

/** Roles (and units) that have an action available in `state`: the queues the case shows in. */
function waitingOf(workflow: CompiledWorkflow, state: CaseState) {
  const waitingRoles: string[] = [];
  for (const role of ['dispatcher', 'supervisor', 'reviewer', 'plugin'] as const)
    if (availableActions(workflow, state, { role }).length > 0) waitingRoles.push(role);
  const units = [...new Set([state.leadUnitId, ...state.assistingUnitIds].filter((u): u is string => !!u))];
  const waitingUnitIds = units.filter(
    (unitId) => availableActions(workflow, state, { role: 'unit', unitId }).length > 0,
  );
  if (waitingUnitIds.length > 0) waitingRoles.push('unit');
  return { waitingRoles, waitingUnitIds };
}

/** The projection fields of a case in `state` at `now` (policy from the state's own `slaPolicyId`). */
export function projectCase(rules: ProjectionRules, state: CaseState, now: string): CaseProjection {
  const caseTimers = caseTimersOf(rules, state, state.slaPolicyId);
  const view =
    caseTimers && Object.keys(state.timers).length > 0
      ? timerViewOf(caseTimers, now)
      : { timers: {}, slaLight: 'none', dueAt: null, nextCheckAt: null };
  return {
    status: state.state,
    priority: state.priority,
    leadUnitId: state.leadUnitId,
    assistingUnitIds: state.assistingUnitIds,
    state,
    timers: view.timers,
    slaLight: view.slaLight,
    dueAt: view.dueAt,
    ...waitingOf(rules.workflow, state),
    supervisionLevel: state.supervisionLevel,
    nextCheckAt: rules.workflow.finals.has(state.state) ? null : view.nextCheckAt,
    updatedAt: state.updatedAt,
  };
}

/**
 * The first instant after `now` at which a running timer of an open case reaches a warning, its
 * deadline or a ladder step; null for closed cases and cases without a policy.
 */
export function laterCheck(
  rules: ProjectionRules,
  input: { state: CaseState; slaPolicyId: string | null },
  now: string,
): string | null {
  if (rules.workflow.finals.has(input.state.state)) return null;
  const caseTimers = caseTimersOf(rules, input.state, input.slaPolicyId);
  if (!caseTimers) return null;
  let next: string | null = null;
  for (const st of Object.values(slaStatus(caseTimers, now))) {
    if (st?.status !== 'running') continue;
    const candidates = [
      ...st.upcomingWarnings.map((w) => new Date(w.at).toISOString()),
      ...(st.isOverdue ? [] : [new Date(st.deadline).toISOString()]),
    ];
    for (const c of candidates) if (c > now && (next === null || c < next)) next = c;
  }
  for (const c of ladderInstants(caseTimers, now)) if (c > now && (next === null || c < next)) next = c;
  return next;
}
