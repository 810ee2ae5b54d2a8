/** @module What a transition does beyond moving the state: the effects it applies (timers, units, flags, links, hand-offs, notices) and the clocks that follow the new state. */
import type { WorkflowEffect } from '../../../schemas/types.gen.ts';
import { ValidationError } from '../errors.ts';
import type { CompiledRule } from '../rule-language.ts';
import type { Actor, CaseEvent, CaseState, DurationUnit, TimerName } from './case-state.ts';
import { applyCaseEvent } from './case-state.ts';
import type { StateType } from './workflow-check.ts';

/** What an app must do after a transition (the events say what happened). */
export type CaseEffect =
  | {
      type: 'notify';
      recipients: string[];
      template?: string;
      /** Units behind `leadUnit` / `assistingUnits` after the transition. */
      unitIds: string[];
    }
  | { type: 'startTimer' | 'stopTimer' | 'pauseTimer' | 'resumeTimer'; timer: TimerName }
  | { type: 'extendTimer'; timer: TimerName; amount: number; unit: DurationUnit }
  | { type: 'escalate'; level: number }
  /** Link this case to another (`caseRef`: its id or number, as the rule gave it); the app records the other side. */
  | { type: 'link'; relation: 'mergedInto' | 'related'; caseRef: string }
  /** Hand the case to an outside system: the app emits the outbox event `case.handoff.<system>`. */
  | { type: 'handOff'; system: string; itemCode: string | null };

/** An effect with its rules compiled. */
export interface CompiledEffect {
  doc: WorkflowEffect;
  amount?: CompiledRule;
  lead?: CompiledRule;
  assisting?: CompiledRule;
  value?: CompiledRule;
  target?: CompiledRule;
}

function asUnitList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return [...new Set(list.filter((v) => v !== null && v !== undefined).map((v) => String(v).trim()))].filter(
    (v) => v !== '',
  );
}

/** One transition in progress: the state so far, the events that made it, the effects the app must carry out. */
export interface Run {
  state: CaseState;
  readonly events: CaseEvent[];
  readonly effects: CaseEffect[];
  readonly base: { caseId: string; at: string };
}

/** Applies an event to the run's state and records it. */
export function emit(run: Run, event: CaseEvent): void {
  run.state = applyCaseEvent(run.state, event);
  run.events.push(event);
}

/** The event each plain timer effect records. */
const TIMER_EVENTS = {
  startTimer: 'timerStarted',
  stopTimer: 'timerStopped',
  pauseTimer: 'timerPaused',
  resumeTimer: 'timerResumed',
} as const;

/** Records a plain timer effect: its event on the case, and the effect the app carries out. */
function timerEffect(run: Run, type: keyof typeof TIMER_EVENTS, timer: TimerName): void {
  emit(run, { ...run.base, type: TIMER_EVENTS[type], timer });
  run.effects.push({ type, timer });
}

/** A timer effect: start, stop, pause, resume or extend (a stopped timer is not stopped or extended again). */
export function applyTimerEffect(run: Run, e: CompiledEffect, data: unknown): void {
  const doc = e.doc;
  switch (doc.type) {
    case 'startTimer':
      timerEffect(run, 'startTimer', doc.timer!);
      break;
    case 'stopTimer': {
      const timer = run.state.timers[doc.timer!];
      if (timer && timer.status !== 'stopped') {
        timerEffect(run, 'stopTimer', doc.timer!);
      }
      break;
    }
    case 'pauseTimer':
      if (run.state.timers[doc.timer!]?.status === 'running') {
        timerEffect(run, 'pauseTimer', doc.timer!);
      }
      break;
    case 'resumeTimer':
      if (run.state.timers[doc.timer!]?.status === 'paused') {
        timerEffect(run, 'resumeTimer', doc.timer!);
      }
      break;
    case 'extendTimer': {
      const amount = e.amount!(data);
      if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0)
        throw new ValidationError(
          'workflow.effect_value',
          { en: 'The extension must be a positive number', zh: '延期时长必须为正数' },
          { details: { amount } },
        );
      const timer = run.state.timers[doc.timer!];
      if (timer && timer.status !== 'stopped') {
        emit(run, { ...run.base, type: 'timerExtended', timer: doc.timer!, amount, unit: doc.unit! });
        run.effects.push({ type: 'extendTimer', timer: doc.timer!, amount, unit: doc.unit! });
      }
      break;
    }
  }
}

/** An effect on the case itself: escalate, assign units, set a flag, record an assist, link, hand off. */
export function applyCaseEffect(run: Run, e: CompiledEffect, data: unknown, actor: Actor): void {
  const doc = e.doc;
  switch (doc.type) {
    case 'escalate':
      emit(run, { ...run.base, type: 'escalated', level: doc.level! });
      run.effects.push({ type: 'escalate', level: doc.level! });
      break;
    case 'assign': {
      const lead = e.lead ? e.lead(data) : run.state.leadUnitId;
      if (lead !== null && (typeof lead !== 'string' || lead === ''))
        throw new ValidationError(
          'workflow.effect_value',
          { en: 'The lead unit must be a unit id', zh: '主办单位必须是单位编码' },
          { details: { lead } },
        );
      const assisting = (e.assisting ? asUnitList(e.assisting(data)) : run.state.assistingUnitIds).filter(
        (u) => u !== lead,
      );
      emit(run, { ...run.base, type: 'assigned', leadUnitId: lead, assistingUnitIds: assisting });
      break;
    }
    case 'set':
      emit(run, { ...run.base, type: 'flagSet', field: doc.field!, value: e.value!(data) ?? null });
      break;
    case 'recordAssist':
      if (actor.unitId !== undefined && run.state.assistingUnitIds.includes(actor.unitId))
        emit(run, { ...run.base, type: 'assistRecorded', unitId: actor.unitId });
      break;
    case 'link': {
      const ref = e.target!(data);
      if ((typeof ref !== 'string' && typeof ref !== 'number') || String(ref).trim() === '')
        throw new ValidationError(
          'workflow.effect_value',
          { en: 'The linked case must be a case id or number', zh: '关联的办件必须是办件编号' },
          { details: { target: ref ?? null } },
        );
      const relation = doc.relation === 'related' ? 'related' : 'mergedInto';
      const caseRef = String(ref).trim();
      emit(run, { ...run.base, type: 'linked', otherCaseId: caseRef, otherNumber: null, relation });
      run.effects.push({ type: 'link', relation, caseRef });
      break;
    }
    case 'handOff': {
      const code = e.value ? e.value(data) : null;
      run.effects.push({
        type: 'handOff',
        system: doc.system!,
        itemCode: typeof code === 'string' && code.trim() !== '' ? code.trim() : null,
      });
      break;
    }
  }
}

/** Fresh clocks for a new lead unit when the policy says `onRedispatch: fresh`. */
export function restartClocksOnRedispatch(run: Run, before: CaseState): void {
  // A new lead unit on a policy with `onRedispatch: fresh` gets its own accept and handle clocks: the
  // previous unit's runs stop (their pauses closed) and new runs start, unless this transition started them.
  if (
    run.state.onRedispatch === 'fresh' &&
    before.leadUnitId !== null &&
    run.state.leadUnitId !== before.leadUnitId
  )
    for (const name of ['accept', 'handle'] as const) {
      const timer = run.state.timers[name];
      if (!timer || (timer.startedAt === run.base.at && timer.run > (before.timers[name]?.run ?? 0)))
        continue;
      if (timer.status !== 'stopped') {
        timerEffect(run, 'stopTimer', name);
      }
      timerEffect(run, 'startTimer', name);
    }
}

/** Pauses running timers in a pause state and resumes them on leaving one. */
export function pauseClocksInPauseStates(
  run: Run,
  stateTypes: ReadonlyMap<string, StateType>,
  before: CaseState,
): void {
  // In a pause state (the policy's `pauseInStates` or a state of type `paused`) no timer runs; leaving
  // one resumes what it paused. Elsewhere `pauseTimer` / `resumeTimer` effects decide.
  const pausesIn = (name: string) =>
    run.state.pauseInStates.includes(name) || stateTypes.get(name) === 'paused';
  const isPaused = pausesIn(run.state.state);
  const wasPaused = pausesIn(before.state);
  for (const name of Object.keys(run.state.timers) as TimerName[]) {
    const timer = run.state.timers[name]!;
    if (isPaused && timer.status === 'running') {
      timerEffect(run, 'pauseTimer', name);
    } else if (!isPaused && wasPaused && timer.status === 'paused') {
      timerEffect(run, 'resumeTimer', name);
    }
  }
}

/** The notify effects, addressed to the units the case has after the transition. */
export function notifyEffects(run: Run, notifies: WorkflowEffect[]): void {
  for (const doc of notifies) {
    const recipients = doc.recipients ?? [];
    const unitIds = [
      ...(recipients.includes('leadUnit') && run.state.leadUnitId !== null ? [run.state.leadUnitId] : []),
      ...(recipients.includes('assistingUnits') ? run.state.assistingUnitIds : []),
    ];
    run.effects.push({
      type: 'notify',
      recipients,
      ...(doc.template !== undefined ? { template: doc.template } : {}),
      unitIds,
    });
  }
}
