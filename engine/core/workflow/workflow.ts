/** @module Case state machine interpreted from a workflow document: compile, available actions and pure transitions (the static checks are in workflow-check.ts). */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import type {
  Priority,
  Workflow,
  WorkflowAction,
  WorkflowEffect,
  WorkflowTransition,
} from '../../../schemas/types.gen.ts';
import { ConflictError, PermissionError, RuleError, ValidationError } from '../errors.ts';
import type { CompiledRule, TraceNode, TracedRule } from '../rule-language.ts';
import { compile, compileTraced } from '../rule-language.ts';
import type { Actor, CaseEvent, CaseState } from './case-state.ts';
import { applyCaseEvent, instantMs } from './case-state.ts';
import {
  caseOnlyConjuncts,
  checkWorkflowDocument,
  newAjv,
  readsInput,
  type StateType,
  stateTypeOf,
  TIMER_EFFECTS,
} from './workflow-check.ts';
import {
  applyCaseEffect,
  applyTimerEffect,
  type CaseEffect,
  type CompiledEffect,
  notifyEffects,
  pauseClocksInPauseStates,
  restartClocksOnRedispatch,
  type Run,
} from './workflow-effects.ts';

export type { CaseEffect } from './workflow-effects.ts';

/** Result of {@link applyTransition}. */
export interface TransitionResult {
  state: CaseState;
  events: CaseEvent[];
  effects: CaseEffect[];
}

/** An action an actor may take now. */
export interface AvailableAction {
  action: string;
  /** Possible target states (several when guards choose). */
  to: string[];
  /** Whether a guard reads `input`, so the action may still be refused for the input given. */
  needsInput: boolean;
}

interface CompiledTransition {
  index: number;
  doc: WorkflowTransition;
  roles: ReadonlySet<string>;
  unitScope: 'lead' | 'assisting' | 'involved';
  guard: TracedRule | null;
  guardReadsInput: boolean;
  /** Of a guard `{and: [...]}` that reads the input: its conjuncts over the case and actor alone (null when none). */
  caseGuard: CompiledRule | null;
  effects: CompiledEffect[];
}

/** A declared action with its compiled input validator. */
export interface CompiledAction {
  readonly doc: WorkflowAction;
  /** Validates the action's input; null when the action declares no input schema. */
  readonly validate: ValidateFunction | null;
}

/** A compiled workflow. */
export interface CompiledWorkflow {
  readonly id: string;
  readonly doc: Workflow;
  readonly initial: string;
  readonly states: ReadonlySet<string>;
  readonly finals: ReadonlySet<string>;
  /** Type of every state (`closed` for finals, `open` by default). */
  readonly stateTypes: ReadonlyMap<string, StateType>;
  /** Declared actions by name (empty when the document declares none). */
  readonly actions: ReadonlyMap<string, CompiledAction>;
  /** Canonical channel code by code and alias; null when the document declares no channels (any code is accepted). */
  readonly channels: ReadonlyMap<string, string> | null;
  /** Transitions by source state, then action, in document order. */
  readonly byState: ReadonlyMap<string, ReadonlyMap<string, readonly CompiledTransition[]>>;
}

/**
 * Compiles a workflow document once. Throws `RuleError` `workflow.invalid` (details: the error
 * issues of {@link checkWorkflowDocument}) when the document has errors.
 */
export function compileWorkflow(doc: Workflow): CompiledWorkflow {
  const errors = checkWorkflowDocument(doc).filter((i) => i.severity !== 'warning');
  if (errors.length > 0)
    throw new RuleError(
      'workflow.invalid',
      { en: `Workflow "${doc.id}": ${errors[0]!.message}`, zh: `流程“${doc.id}”：${errors[0]!.messageZh}` },
      { path: errors[0]!.path, details: errors },
    );
  const byState = new Map<string, Map<string, CompiledTransition[]>>();
  doc.transitions.forEach((t, index) => {
    const compiled: CompiledTransition = {
      index,
      doc: t,
      roles: new Set(t.roles),
      unitScope: t.unitScope ?? 'lead',
      guard: t.guard === undefined ? null : compileTraced(t.guard),
      guardReadsInput: t.guard !== undefined && readsInput(t.guard),
      caseGuard: (() => {
        const caseOnly = t.guard !== undefined && readsInput(t.guard) ? caseOnlyConjuncts(t.guard) : null;
        return caseOnly === null ? null : compile(caseOnly);
      })(),
      effects: (t.effects ?? []).map((e) => ({
        doc: e,
        ...(e.amount !== undefined ? { amount: compile(e.amount) } : {}),
        ...(e.lead !== undefined ? { lead: compile(e.lead) } : {}),
        ...(e.assisting !== undefined ? { assisting: compile(e.assisting) } : {}),
        ...(e.value !== undefined ? { value: compile(e.value) } : {}),
        ...(e.target !== undefined ? { target: compile(e.target) } : {}),
      })),
    };
    if (!byState.has(t.from)) byState.set(t.from, new Map());
    const actions = byState.get(t.from)!;
    actions.set(t.action, [...(actions.get(t.action) ?? []), compiled]);
  });
  const declared = new Map<string, CompiledAction>();
  for (const a of doc.actions ?? [])
    declared.set(a.name, { doc: a, validate: a.input ? newAjv().compile(a.input.schema) : null });
  let channels: Map<string, string> | null = null;
  if (doc.channels !== undefined) {
    channels = new Map();
    for (const c of doc.channels)
      for (const code of [c.code, ...(c.aliases ?? [])]) channels.set(code, c.code);
  }
  return {
    id: doc.id,
    doc,
    initial: doc.initial,
    states: new Set(doc.states.map((s) => s.name)),
    finals: new Set(doc.final),
    stateTypes: new Map(doc.states.map((s) => [s.name, stateTypeOf(doc, s.name)])),
    actions: declared,
    channels,
    byState,
  };
}

/** What routing decided for a new case (all optional: a case may be opened before routing). */
export interface OpenCaseRouting {
  leadUnitId?: string | null;
  assistingUnitIds?: string[];
  priority?: Priority;
  slaPolicyId?: string | null;
  ruleSetVersion?: number | null;
}

/**
 * Opens a case in the workflow's initial state. `pauseInStates` comes from the case's SLA policy
 * (`slaPolicy.pauseInStates`), pinned at opening like the rule-set version.
 */
export function openCase(
  compiled: CompiledWorkflow,
  options: {
    caseId: string;
    at: string;
    routing?: OpenCaseRouting;
    pauseInStates?: string[];
    /** The SLA policy's `onRedispatch` (absent: `continue`). */
    onRedispatch?: 'fresh' | 'continue';
    data?: Record<string, unknown>;
  },
): TransitionResult {
  instantMs(options.at);
  const r = options.routing ?? {};
  const event: CaseEvent = {
    type: 'caseOpened',
    caseId: options.caseId,
    at: options.at,
    workflowId: compiled.id,
    state: compiled.initial,
    leadUnitId: r.leadUnitId ?? null,
    assistingUnitIds: r.assistingUnitIds ?? [],
    priority: r.priority ?? 'normal',
    slaPolicyId: r.slaPolicyId ?? null,
    ruleSetVersion: r.ruleSetVersion ?? null,
    pauseInStates: options.pauseInStates ?? [],
    ...(options.onRedispatch !== undefined ? { onRedispatch: options.onRedispatch } : {}),
    data: options.data ?? {},
  };
  return { state: applyCaseEvent(undefined, event), events: [event], effects: [] };
}

/** The `case` object rules see: the state plus derived fields. */
function caseView(state: CaseState): Record<string, unknown> {
  const pending = state.assistingUnitIds.filter((u) => !state.assistsRecorded.includes(u));
  return {
    caseId: state.caseId,
    state: state.state,
    leadUnitId: state.leadUnitId,
    assistingUnitIds: state.assistingUnitIds,
    assistsRecorded: state.assistsRecorded,
    pendingAssistingUnitIds: pending,
    pendingAssistCount: pending.length,
    priority: state.priority,
    slaPolicyId: state.slaPolicyId,
    supervisionLevel: state.supervisionLevel,
    flags: state.flags,
    data: state.data,
  };
}

function inScope(t: CompiledTransition, state: CaseState, actor: Actor): boolean {
  if (actor.role !== 'unit') return true;
  const unit = actor.unitId;
  if (unit === undefined) return false;
  const isLead = unit === state.leadUnitId;
  const isAssisting = state.assistingUnitIds.includes(unit);
  return t.unitScope === 'lead' ? isLead : t.unitScope === 'assisting' ? isAssisting : isLead || isAssisting;
}

function ruleData(state: CaseState, actor: Actor, input: Record<string, unknown>) {
  const unit = actor.unitId;
  return {
    case: caseView(state),
    input,
    actor: {
      ...actor,
      isLead: unit !== undefined && unit === state.leadUnitId,
      isAssisting: unit !== undefined && state.assistingUnitIds.includes(unit),
    },
  };
}

const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

function guardPasses(t: CompiledTransition, data: unknown): { ok: boolean; trace?: TraceNode } {
  if (t.guard === null) return { ok: true };
  try {
    const { result, trace } = t.guard(data);
    return { ok: truthy(result), trace };
  } catch {
    // A guard that cannot be evaluated on this input (e.g. a bad type) refuses the transition.
    return { ok: false };
  }
}

function caseGuardPasses(rule: CompiledRule, data: unknown): boolean {
  try {
    return truthy(rule(data));
  } catch {
    return false;
  }
}

/**
 * Actions `actor` may take on the case now: the role is allowed, a `unit` user belongs to the case as
 * the transition's unit scope requires, and guards that read only `case`/`actor` pass. Guards that
 * read `input` are left to {@link applyTransition} (`needsInput: true`), except that the conjuncts of
 * such a guard `{and: [...]}` over the case and actor alone (a return limit, an arbitrated unit) must
 * already hold.
 */
export function availableActions(
  compiled: CompiledWorkflow,
  caseState: CaseState,
  actor: Actor,
): AvailableAction[] {
  const out: AvailableAction[] = [];
  const actions = compiled.byState.get(caseState.state);
  if (!actions) return out;
  const data = ruleData(caseState, actor, {});
  for (const [action, transitions] of actions) {
    const to: string[] = [];
    let needsInput = false;
    for (const t of transitions) {
      if (!t.roles.has(actor.role) || !inScope(t, caseState, actor)) continue;
      if (t.guardReadsInput) {
        if (t.caseGuard !== null && !caseGuardPasses(t.caseGuard, data)) continue;
        needsInput = true;
      } else if (!guardPasses(t, data).ok) continue;
      if (!to.includes(t.doc.to)) to.push(t.doc.to);
    }
    if (to.length > 0) out.push({ action, to, needsInput });
  }
  return out;
}

/**
 * Takes an action on a case (pure). Picks the first transition from the current state with that
 * action whose roles include the actor's, whose unit scope fits a `unit` actor and whose guard passes;
 * emits `transitioned`, the events of its effects in order, then `timerPaused`/`timerResumed` when the
 * case enters or leaves one of its `pauseInStates`; folds them into the new state; lists the effects
 * the app must run. Throws: `ValidationError` `case.bad_instant` / `workflow.time_order` (at before the
 * last event) / `workflow.guard_failed` (details: guard traces) / `workflow.effect_value`;
 * `ConflictError` `workflow.action_unavailable` (no such action in this state, incl. final states);
 * `PermissionError` `workflow.role_forbidden` / `workflow.unit_scope`.
 */
export function applyTransition(
  compiled: CompiledWorkflow,
  caseState: CaseState,
  request: { action: string; actor: Actor; input?: Record<string, unknown>; at: string },
): TransitionResult {
  const { action, actor, at } = request;
  const input = request.input ?? {};
  if (instantMs(at) < instantMs(caseState.updatedAt))
    throw new ValidationError(
      'workflow.time_order',
      { en: 'The action is dated before the case was last changed', zh: '操作时间早于办件的上次变更时间' },
      { details: { at, updatedAt: caseState.updatedAt } },
    );
  const candidates = compiled.byState.get(caseState.state)?.get(action) ?? [];
  if (candidates.length === 0)
    throw new ConflictError(
      'workflow.action_unavailable',
      {
        en: `Action "${action}" is not possible in state "${caseState.state}"`,
        zh: `状态“${caseState.state}”下不能执行动作“${action}”`,
      },
      { details: { action, state: caseState.state } },
    );
  const byRole = candidates.filter((t) => t.roles.has(actor.role));
  if (byRole.length === 0)
    throw new PermissionError(
      'workflow.role_forbidden',
      {
        en: `Role "${actor.role}" may not take action "${action}"`,
        zh: `角色“${actor.role}”无权执行动作“${action}”`,
      },
      {
        details: { action, role: actor.role, allowed: [...new Set(candidates.flatMap((t) => [...t.roles]))] },
      },
    );
  const scoped = byRole.filter((t) => inScope(t, caseState, actor));
  if (scoped.length === 0)
    throw new PermissionError(
      'workflow.unit_scope',
      {
        en: `Unit "${actor.unitId ?? '?'}" is not a ${byRole[0]!.unitScope} unit of this case`,
        zh: `单位“${actor.unitId ?? '?'}”不是本办件的${byRole[0]!.unitScope === 'assisting' ? '协办' : '主办'}单位`,
      },
      { details: { action, unitId: actor.unitId ?? null, scope: byRole[0]!.unitScope } },
    );
  checkInput(compiled, action, input);
  const data = ruleData(caseState, actor, input);
  const failures: { transitionId?: string; to: string; trace?: TraceNode }[] = [];
  let chosen: CompiledTransition | undefined;
  for (const t of scoped) {
    const g = guardPasses(t, data);
    if (g.ok) {
      chosen = t;
      break;
    }
    failures.push({
      ...(t.doc.id !== undefined ? { transitionId: t.doc.id } : {}),
      to: t.doc.to,
      trace: g.trace,
    });
  }
  if (!chosen)
    throw new ValidationError(
      'workflow.guard_failed',
      { en: `The conditions of action "${action}" are not met`, zh: `不满足动作“${action}”的条件` },
      { details: { action, failures } },
    );
  return runTransition(compiled, caseState, chosen, { actor, input, at, data });
}

/** Validates an action's input against the input schema its declaration gives (`workflow.invalid_input`). */
function checkInput(compiled: CompiledWorkflow, action: string, input: Record<string, unknown>): void {
  const validate = compiled.actions.get(action)?.validate;
  if (!validate || validate(input)) return;
  const errors = validate.errors ?? [];
  const first = errors[0];
  const missing = first?.keyword === 'required' ? String(first.params.missingProperty) : undefined;
  const path = `/input${first?.instancePath ?? ''}${missing !== undefined ? `/${missing}` : ''}`;
  const label = compiled.actions.get(action)!.doc.label;
  throw new ValidationError(
    'workflow.invalid_input',
    {
      en: `The input of "${label.en}" is not valid at ${path}: ${first?.message ?? 'invalid'}`,
      zh: `“${label.zh}”的填写内容不符合要求（${path}）${missing !== undefined ? '：缺少必填项' : ''}`,
    },
    {
      path,
      details: errors.map((e) => ({
        path: `/input${e.instancePath}`,
        keyword: e.keyword,
        message: e.message,
      })),
    },
  );
}

function runTransition(
  compiled: CompiledWorkflow,
  before: CaseState,
  t: CompiledTransition,
  ctx: { actor: Actor; input: Record<string, unknown>; at: string; data: unknown },
): TransitionResult {
  const { actor, input, at, data } = ctx;
  const base = { caseId: before.caseId, at };
  const events: CaseEvent[] = [
    {
      ...base,
      type: 'transitioned',
      actor,
      action: t.doc.action,
      from: before.state,
      to: t.doc.to,
      ...(t.doc.id !== undefined ? { transitionId: t.doc.id } : {}),
      ...(t.doc.metric !== undefined ? { metric: t.doc.metric } : {}),
      leadUnitId: before.leadUnitId,
      input,
    },
  ];
  const run: Run = { state: applyCaseEvent(before, events[0]!), events, effects: [], base };
  const notifies: WorkflowEffect[] = [];
  for (const e of t.effects) {
    if (e.doc.type === 'notify') notifies.push(e.doc);
    else if (TIMER_EFFECTS.has(e.doc.type)) applyTimerEffect(run, e, data);
    else applyCaseEffect(run, e, data, actor);
  }
  restartClocksOnRedispatch(run, before);
  pauseClocksInPauseStates(run, compiled.stateTypes, before);
  notifyEffects(run, notifies);
  return { state: run.state, events: run.events, effects: run.effects };
}
