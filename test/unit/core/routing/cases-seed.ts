/** @module Loads the 2026 case seed documents, the demo units as unit documents and the 2026 calendar for case tests, and a 催办 → 督办 ladder. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { RuleSet, SlaPolicy, Unit, Workflow } from '../../../../schemas/types.gen.ts';
import type { WorkingCalendar } from '../../../../engine/core/calendar/calendar.ts';
import { compileCalendar } from '../../../../engine/core/calendar/calendar.ts';
import type { LadderStep } from '../../../../engine/core/routing/ladder.ts';
import type {
  Actor,
  CaseState,
  TimerState,
  TransitionResult,
} from '../../../../engine/core/workflow/index.ts';
import { applyTransition, type CompiledWorkflow, openCase } from '../../../../engine/core/workflow/index.ts';

const root = resolve(import.meta.dirname, '../../../..');
const read = (path: string) => JSON.parse(readFileSync(resolve(root, path), 'utf8'));

/** A 催办 → 督办 ladder on the handle timer: remind at 80 %, tier-1 supervision at the deadline, tier 2 two working days after it. */
export const LADDER: LadderStep[] = [
  { id: 'remind', action: 'remind', timer: 'handle', fraction: 0.8 },
  { id: 'supervise-1', action: 'supervise', level: 1, timer: 'handle', fraction: 1 },
  {
    id: 'supervise-2',
    action: 'supervise',
    level: 2,
    timer: 'handle',
    afterDeadline: { amount: 2, unit: 'workingDays' },
  },
];

/** A fresh copy of seeds/rulesets/cases-2026.json. */
export function loadCaseSeed(): RuleSet {
  return read('seeds/rulesets/cases-2026.json') as RuleSet;
}

/** seeds/units.json as unit documents. */
export function unitDocuments(): Unit[] {
  const types: Record<string, Unit['type']> = { city_office: 'cityOffice', third_party: 'thirdParty' };
  return (read('seeds/units.json') as Record<string, string | null>[]).map((u) => ({
    kind: 'unit',
    id: u.id!,
    schemaVersion: 1,
    name: { en: u.nameEn ?? u.name!, zh: u.name! },
    type: types[u.kind!] ?? (u.kind as Unit['type']),
    ...(u.parentId ? { parentId: u.parentId } : {}),
    ...(u.peerGroup ? { peerGroups: [u.peerGroup] } : {}),
  }));
}

/** The case seed merged with the demo units and the 2026 calendar: a complete rule set. */
export function fullCaseRuleSet(): RuleSet {
  // `partOf` is a seed-file marker (the loader merges the file into that rule set), not rule-set content.
  const { partOf: _partOf, ...seed } = loadCaseSeed() as RuleSet & { partOf?: string };
  return {
    ...seed,
    version: { number: 3, status: 'draft' },
    documents: [...unitDocuments(), ...seed.documents],
    calendars: [read('seeds/calendars/cn-2026.json')],
  };
}

let calendar: WorkingCalendar | undefined;
/** The compiled cn-2026 calendar. */
export function cn2026(): WorkingCalendar {
  calendar ??= compileCalendar(read('seeds/calendars/cn-2026.json'));
  return calendar;
}

/** The seed workflow document. */
export function seedWorkflow(): Workflow {
  return loadCaseSeed().documents.find((d) => d.kind === 'workflow') as Workflow;
}

/** A seed SLA policy by id. */
export function seedPolicy(id: string): SlaPolicy {
  return loadCaseSeed().documents.find((d) => d.kind === 'slaPolicy' && d.id === id) as SlaPolicy;
}

/** A timer that started at `startedAt` and runs (first run, no pauses or extensions unless given). */
export const running = (
  name: TimerState['name'],
  startedAt: string,
  extra: Partial<TimerState> = {},
): TimerState => ({
  name,
  status: 'running',
  run: 1,
  startedAt,
  pauses: [],
  extensions: [],
  ...extra,
});

export const dispatcher: Actor = { role: 'dispatcher', userId: 'dispatcher' };
export const supervisor: Actor = { role: 'supervisor', userId: 'supervisor' };
export const reviewer: Actor = { role: 'reviewer', userId: 'reviewer' };
export const citizen: Actor = { role: 'citizen' };
/** A user of a unit. */
export const unitUser = (unitId: string): Actor => ({ role: 'unit', userId: `${unitId}.user`, unitId });

/** One step of a scripted case. */
export interface Step {
  action: string;
  actor: Actor;
  at: string;
  input?: Record<string, unknown>;
}

/** `act(state, action, actor, at, input?)`: applies one action to `state` in `wf`. */
export const actOn =
  (wf: CompiledWorkflow) =>
  (state: CaseState, action: string, actor: Actor, at: string, input?: Step['input']): TransitionResult =>
    applyTransition(wf, state, { action, actor, at, ...(input ? { input } : {}) });

/** Applies steps in order; returns the final state and every event, effect and intermediate state. */
export function drive(
  wf: CompiledWorkflow,
  start: TransitionResult,
  steps: readonly Step[],
): {
  state: CaseState;
  events: TransitionResult['events'];
  effects: TransitionResult['effects'][];
  states: string[];
} {
  let state = start.state;
  const events = [...start.events];
  const effects: TransitionResult['effects'][] = [];
  const states = [state.state];
  for (const step of steps) {
    const r = applyTransition(wf, state, step);
    state = r.state;
    events.push(...r.events);
    effects.push(r.effects);
    states.push(state.state);
  }
  return { state, events, effects, states };
}

/** Opens case `caseId` for `leadUnitId` at `opened` under the seed's standard SLA policy and drives it through `steps`. */
export function driveStandardCase(
  wf: CompiledWorkflow,
  caseId: string,
  leadUnitId: string,
  opened: string,
  steps: readonly Step[],
): ReturnType<typeof drive> {
  const policy = seedPolicy('sla-standard');
  const start = openCase(wf, {
    caseId,
    at: opened,
    routing: { leadUnitId, priority: 'normal', slaPolicyId: policy.id, ruleSetVersion: 1 },
    pauseInStates: policy.pauseInStates ?? [],
    data: { category: 'urban.street-vending' },
  });
  return drive(wf, start, steps);
}
