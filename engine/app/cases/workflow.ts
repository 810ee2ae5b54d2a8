/** @module The case workflow as people see it: each action's declaration (label, tone, input form) beside the actions a caller may take, and the workflow in force with its states, actions (and who may take them) and channels. */
import type { LocalizedText, WorkflowAction } from '../../../schemas/types.gen.ts';
import type { AvailableAction } from '../../core/workflow/index.ts';
import { activeCaseRules, type CaseRules } from './rules.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';

/** How an action is shown: its label, help, tone and input form, as the workflow document declares it. */
export interface ActionDeclaration {
  label: LocalizedText;
  description: LocalizedText | null;
  tone: 'primary' | 'neutral' | 'danger';
  /** The input form (JSON Schema + optional UI schema); null when the action asks for nothing. */
  input: { schema: Record<string, unknown>; uiSchema: Record<string, unknown> | null } | null;
}

/** An action the caller may take now, with its declaration. */
export type DeclaredAction = AvailableAction & ActionDeclaration;

/** A state of the workflow in force. */
export interface WorkflowStateView {
  name: string;
  label: LocalizedText;
  type: 'open' | 'paused' | 'closed';
  colour: string | null;
  public: boolean;
}

/** An action of the workflow in force, with the roles whose transitions take it. */
export interface WorkflowActionView extends ActionDeclaration {
  name: string;
  roles: string[];
}

/** The workflow in force on a day: what the studio needs to show statuses, actions and channels. */
export interface CaseWorkflowView {
  ruleSetId: string;
  version: number;
  workflowId: string;
  name: LocalizedText;
  initial: string;
  final: string[];
  states: WorkflowStateView[];
  actions: WorkflowActionView[];
  channels: { code: string; label: LocalizedText; aliases: string[] }[];
}

/**
 * The declaration of `action` in the rules' workflow. A workflow that declares no actions (or not
 * this one) still answers: the action's name as its label, neutral, no input form.
 */
export function declarationOf(rules: CaseRules, action: string): ActionDeclaration {
  const doc: WorkflowAction | undefined = rules.workflow.actions.get(action)?.doc;
  return {
    label: doc?.label ?? { en: action, zh: action },
    description: doc?.description ?? null,
    tone: doc?.tone ?? 'neutral',
    input: doc?.input ? { schema: doc.input.schema, uiSchema: doc.input.uiSchema ?? null } : null,
  };
}

/** The available actions with their declarations from the same rule-set version as the case. */
export function declareActions(rules: CaseRules, actions: readonly AvailableAction[]): DeclaredAction[] {
  return actions.map((a) => ({ ...a, ...declarationOf(rules, a.action) }));
}

/** The workflow view of compiled case rules. */
export function workflowViewOf(rules: CaseRules): CaseWorkflowView {
  const doc = rules.workflowDoc;
  const roles = new Map<string, Set<string>>();
  for (const t of doc.transitions) {
    const set = roles.get(t.action) ?? new Set<string>();
    for (const role of t.roles) set.add(role);
    roles.set(t.action, set);
  }
  // Declared actions in document order, then any transition action the document does not declare.
  const names = [...(doc.actions ?? []).map((a) => a.name), ...roles.keys()].filter(
    (name, i, all) => all.indexOf(name) === i,
  );
  return {
    ruleSetId: rules.ruleSetId,
    version: rules.version,
    workflowId: doc.id,
    name: doc.name,
    initial: doc.initial,
    final: [...doc.final],
    states: doc.states.map((s) => ({
      name: s.name,
      label: s.label,
      type: rules.workflow.stateTypes.get(s.name) ?? 'open',
      colour: s.colour ?? null,
      public: s.public ?? true,
    })),
    actions: names.map((name) => ({
      name,
      ...declarationOf(rules, name),
      roles: [...(roles.get(name) ?? [])],
    })),
    channels: (doc.channels ?? []).map((c) => ({ code: c.code, label: c.label, aliases: c.aliases ?? [] })),
  };
}

/**
 * The case workflow in force on `at` (YYYY-MM-DD, default the clock's today), resolved as intake
 * resolves it. Throws `NotFoundError` `case.no_rules` when no published version carries one.
 */
export async function getCaseWorkflow(
  deps: AppDeps,
  input: { actor: Actor; at?: string },
): Promise<CaseWorkflowView> {
  return workflowViewOf(await activeCaseRules(deps, input.at));
}
