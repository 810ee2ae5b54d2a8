/** @module A workflow action an outside system takes on a case through its plugin's signed webhook (the approval system's decision, 110's feedback), and the case port plugins get. */
import type {
  CaseIntakePort,
  PluginCaseActionInput,
  PluginCaseActionResult,
} from '../../ports/case-intake.ts';
import { createCaseIntake } from './create-case-intake.ts';
import { performCaseAction } from './perform-case-action.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';

/** The actor a plugin acts as: the role `plugin` only, no unit; history and audit name `plugin:<name>`. */
export function pluginActorOf(plugin: string): Actor {
  return {
    kind: 'apiKey',
    id: `plugin:${plugin}`,
    username: `plugin:${plugin}`,
    displayName: plugin,
    roles: ['plugin'],
    unitId: null,
  };
}

/**
 * Runs `action` on the case as the plugin: the same transition as a staff action (the workflow's
 * input schema, roles and guard decide; refusals are the usual 4xx), appended to the case's
 * events, projected, audited (`case.<action>` by `plugin:<name>`) and emitted to the outbox in
 * one transaction.
 */
export async function takePluginCaseAction(
  deps: AppDeps,
  input: PluginCaseActionInput,
): Promise<PluginCaseActionResult> {
  const detail = await performCaseAction(deps, {
    actor: pluginActorOf(input.plugin),
    id: input.caseId,
    action: input.action,
    input: input.input,
  });
  return { caseId: detail.id, caseNumber: detail.number, status: detail.status };
}

/** The case port plugins' webhooks use: intake (one case per channel and external id) and actions. */
export function createPluginCasePort(deps: AppDeps): CaseIntakePort {
  return {
    ...createCaseIntake(deps),
    takeCaseAction: (input) => takePluginCaseAction(deps, input),
  };
}
