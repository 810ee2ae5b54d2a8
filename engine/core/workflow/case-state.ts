/** @module Case state as a fold of its domain events: the one place that says how an event changes a case and its SLA timers. */
import type { Priority, Role } from '../../../schemas/types.gen.ts';
import { ValidationError } from '../errors.ts';

/** Name of an SLA timer (the limits of an SLA policy). */
export type TimerName = 'accept' | 'handle' | 'reply';

/** Unit of an SLA duration. */
export type DurationUnit = 'workingHours' | 'workingDays' | 'calendarDays';

/** Who takes an action. `unitId` scopes `unit` users to their unit. */
export interface Actor {
  role: Role;
  userId?: string;
  unitId?: string;
}

/**
 * Calendar-free facts of one SLA timer run: when it started and stopped, pause intervals and approved
 * extensions. Deadlines are computed from these by `engine/core/routing/sla.ts`.
 */
export interface TimerState {
  name: TimerName;
  status: 'running' | 'paused' | 'stopped';
  /** 1 for the first run; a restart (e.g. 重办) begins a new run. */
  run: number;
  startedAt: string;
  stoppedAt?: string;
  /** Pause intervals; only the last may be open (`to` absent), and only while `status` is `paused`. */
  pauses: { from: string; to?: string }[];
  extensions: { amount: number; unit: DurationUnit; at: string }[];
}

/** What a re-dispatch to another lead unit does to the accept and handle clocks (slaPolicy `onRedispatch`). */
export type RedispatchClocks = 'fresh' | 'continue';

/** How two cases are linked: this case was merged into the other, carries the other, or is related to it. */
export type CaseLinkRelation = 'mergedInto' | 'carries' | 'related';

/** A link from a case to another case (duplicate merge or relation), recorded by a `linked` event. */
export interface CaseLink {
  caseId: string;
  /** The other case's number (year and sequence, `YYYY-NNNNNN`), when known. */
  number: string | null;
  relation: CaseLinkRelation;
  at: string;
}

/** Current state of a case, derived from its events by {@link applyCaseEvent}. */
export interface CaseState {
  caseId: string;
  workflowId: string;
  /** Workflow state name. */
  state: string;
  /** Number of events applied. */
  version: number;
  openedAt: string;
  updatedAt: string;
  leadUnitId: string | null;
  assistingUnitIds: string[];
  /** Assisting units whose opinion (协办意见) is in. */
  assistsRecorded: string[];
  priority: Priority;
  slaPolicyId: string | null;
  /** Rule-set version the routing decision used. */
  ruleSetVersion: number | null;
  /** States in which running timers are paused (the SLA policy's `pauseInStates` and the workflow's `paused` states). */
  pauseInStates: string[];
  /**
   * `fresh`: when an action gives the case another lead unit, the new unit gets its own accept and
   * handle clocks (pinned from the SLA policy at opening; absent in histories opened before it existed = `continue`).
   */
  onRedispatch?: RedispatchClocks;
  /** Links to other cases (merged into, carrying, related); absent = none. */
  links?: CaseLink[];
  /** Highest supervision tier reached (0 = none, 1 = 督办). */
  supervisionLevel: number;
  /** Flags set by `set` effects, read by guards as `case.flags.*`. */
  flags: Record<string, unknown>;
  /** Intake data (category, channel, text, location, requester …). */
  data: Record<string, unknown>;
  timers: Partial<Record<TimerName, TimerState>>;
}

interface EventBase {
  caseId: string;
  /** ISO instant with `Z` or an offset. */
  at: string;
}

/** A domain event of a case; the app appends them to the case's event history. */
export type CaseEvent =
  | (EventBase & {
      type: 'caseOpened';
      workflowId: string;
      state: string;
      leadUnitId: string | null;
      assistingUnitIds: string[];
      priority: Priority;
      slaPolicyId: string | null;
      ruleSetVersion: number | null;
      pauseInStates: string[];
      onRedispatch?: RedispatchClocks;
      data: Record<string, unknown>;
    })
  | (EventBase & {
      type: 'transitioned';
      actor: Actor;
      action: string;
      from: string;
      to: string;
      transitionId?: string;
      metric?: string;
      /** Lead unit before the transition's effects (whom the action is charged to). */
      leadUnitId: string | null;
      input: Record<string, unknown>;
    })
  | (EventBase & { type: 'assigned'; leadUnitId: string | null; assistingUnitIds: string[] })
  | (EventBase & { type: 'timerStarted' | 'timerStopped' | 'timerPaused' | 'timerResumed'; timer: TimerName })
  | (EventBase & { type: 'timerExtended'; timer: TimerName; amount: number; unit: DurationUnit })
  | (EventBase & { type: 'escalated'; level: number; step?: string })
  | (EventBase & {
      type: 'linked';
      otherCaseId: string;
      otherNumber: string | null;
      relation: CaseLinkRelation;
    })
  | (EventBase & { type: 'flagSet'; field: string; value: unknown })
  | (EventBase & { type: 'assistRecorded'; unitId: string });

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch ms of an ISO instant with `Z` or an offset; throws `ValidationError` (`case.bad_instant`) otherwise. */
export function instantMs(at: string): number {
  const ms = typeof at === 'string' && INSTANT.test(at) ? Date.parse(at) : Number.NaN;
  if (Number.isNaN(ms))
    throw new ValidationError(
      'case.bad_instant',
      {
        en: `Not an ISO instant with a time zone: ${String(at)}`,
        zh: `不是带时区的 ISO 时间：${String(at)}`,
      },
      { details: { at } },
    );
  return ms;
}

function eventError(event: CaseEvent, en: string, zh: string): ValidationError {
  return new ValidationError('case.bad_event', { en, zh }, { details: { event } });
}

function applyTimer(
  timers: CaseState['timers'],
  event: CaseEvent & { timer: TimerName },
): CaseState['timers'] {
  const current = timers[event.timer];
  const at = event.at;
  switch (event.type) {
    case 'timerStarted':
      return {
        ...timers,
        [event.timer]: {
          name: event.timer,
          status: 'running',
          run: (current?.run ?? 0) + 1,
          startedAt: at,
          pauses: [],
          extensions: [],
        },
      };
    case 'timerStopped': {
      if (!current || current.status === 'stopped')
        throw eventError(event, `Timer ${event.timer} is not running`, `计时器 ${event.timer} 未在计时`);
      const pauses = current.pauses.map((p) => (p.to === undefined ? { from: p.from, to: at } : p));
      return { ...timers, [event.timer]: { ...current, status: 'stopped', stoppedAt: at, pauses } };
    }
    case 'timerPaused':
      if (current?.status !== 'running')
        throw eventError(event, `Timer ${event.timer} is not running`, `计时器 ${event.timer} 未在计时`);
      return {
        ...timers,
        [event.timer]: { ...current, status: 'paused', pauses: [...current.pauses, { from: at }] },
      };
    case 'timerResumed': {
      if (current?.status !== 'paused')
        throw eventError(event, `Timer ${event.timer} is not paused`, `计时器 ${event.timer} 未暂停`);
      const pauses = current.pauses.map((p) => (p.to === undefined ? { from: p.from, to: at } : p));
      return { ...timers, [event.timer]: { ...current, status: 'running', pauses } };
    }
    case 'timerExtended':
      if (!current || current.status === 'stopped')
        throw eventError(event, `Timer ${event.timer} is not running`, `计时器 ${event.timer} 未在计时`);
      return {
        ...timers,
        [event.timer]: {
          ...current,
          extensions: [...current.extensions, { amount: event.amount, unit: event.unit, at }],
        },
      };
    default:
      return timers;
  }
}

/**
 * Applies one event to a case state (pure; returns a new state). `caseOpened` needs `state` undefined;
 * every other event needs an opened case. Throws `ValidationError` (`case.bad_event`) on an event that
 * does not fit the state, so a corrupt history is noticed instead of silently replayed.
 */
export function applyCaseEvent(state: CaseState | undefined, event: CaseEvent): CaseState {
  if (event.type === 'caseOpened') {
    if (state !== undefined) throw eventError(event, 'The case is already open', '办件已创建');
    return {
      caseId: event.caseId,
      workflowId: event.workflowId,
      state: event.state,
      version: 1,
      openedAt: event.at,
      updatedAt: event.at,
      leadUnitId: event.leadUnitId,
      assistingUnitIds: [...event.assistingUnitIds],
      assistsRecorded: [],
      priority: event.priority,
      slaPolicyId: event.slaPolicyId,
      ruleSetVersion: event.ruleSetVersion,
      pauseInStates: [...event.pauseInStates],
      ...(event.onRedispatch !== undefined ? { onRedispatch: event.onRedispatch } : {}),
      supervisionLevel: 0,
      flags: {},
      data: event.data,
      timers: {},
    };
  }
  if (state === undefined) throw eventError(event, 'The case is not open', '办件尚未创建');
  const next: CaseState = { ...state, version: state.version + 1, updatedAt: event.at };
  switch (event.type) {
    case 'transitioned':
      return { ...next, state: event.to };
    case 'assigned':
      return {
        ...next,
        leadUnitId: event.leadUnitId,
        assistingUnitIds: [...event.assistingUnitIds],
        assistsRecorded: state.assistsRecorded.filter((u) => event.assistingUnitIds.includes(u)),
      };
    case 'escalated':
      return { ...next, supervisionLevel: Math.max(state.supervisionLevel, event.level) };
    case 'flagSet':
      return { ...next, flags: { ...state.flags, [event.field]: event.value } };
    case 'linked': {
      const links = (state.links ?? []).filter(
        (l) => !(l.caseId === event.otherCaseId && l.relation === event.relation),
      );
      const link: CaseLink = {
        caseId: event.otherCaseId,
        number: event.otherNumber,
        relation: event.relation,
        at: event.at,
      };
      return { ...next, links: [...links, link] };
    }
    case 'assistRecorded':
      return state.assistsRecorded.includes(event.unitId)
        ? next
        : { ...next, assistsRecorded: [...state.assistsRecorded, event.unitId] };
    default:
      return { ...next, timers: applyTimer(state.timers, event) };
  }
}

/** Folds a case's event history into its current state; throws like {@link applyCaseEvent}. */
export function replayCase(events: readonly CaseEvent[]): CaseState {
  let state: CaseState | undefined;
  for (const event of events) state = applyCaseEvent(state, event);
  if (state === undefined)
    throw new ValidationError('case.empty_history', {
      en: 'A case history starts with caseOpened',
      zh: '办件历史必须以 caseOpened 开始',
    });
  return state;
}
