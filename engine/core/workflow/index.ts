/** @module Case workflow: state from events, compiled state machine, pure transitions. */
export type { Actor, CaseEvent, CaseState, DurationUnit, TimerName, TimerState } from './case-state.ts';
export { applyCaseEvent, instantMs, replayCase } from './case-state.ts';
export type { AvailableAction, CompiledWorkflow, OpenCaseRouting, TransitionResult } from './workflow.ts';
export type { CaseEffect } from './workflow-effects.ts';
export { applyTransition, availableActions, compileWorkflow, openCase } from './workflow.ts';
export { checkWorkflowDocument } from './workflow-check.ts';
