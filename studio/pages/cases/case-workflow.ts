/** @module The case workflow in force as the case pages show it (GET /api/cases/workflow): state, action and channel labels, badge colours and the filter options, loaded when the pages mount. */
import { createSignal } from 'solid-js';
import type { CaseWorkflow } from '../../api/cases.ts';
import { casesApi } from '../../api/cases.ts';
import { localText } from './messages.ts';

const [workflow, setWorkflow] = createSignal<CaseWorkflow | null>(null);

/**
 * Loads the workflow in force (pages call it on mount, so a newly published version shows on the
 * next visit). A failure keeps what was loaded before: labels then fall back to the names.
 */
export const loadCaseWorkflow = async (): Promise<void> => {
  try {
    setWorkflow(await casesApi.workflow());
  } catch {
    // Names stand in for labels.
  }
};

/** The workflow in force, or null before it is loaded. */
export const caseWorkflow = (): CaseWorkflow | null => workflow();

/** A state of the workflow in force. */
export const stateOf = (name: string): CaseWorkflow['states'][number] | undefined =>
  workflow()?.states.find((s) => s.name === name);

/** A state's label in the current language, or its name. */
export const stateLabel = (name: string): string => localText(stateOf(name)?.label) || name;

/** A declared action of the workflow in force. */
export const actionOf = (name: string): CaseWorkflow['actions'][number] | undefined =>
  workflow()?.actions.find((a) => a.name === name);

/** An action's label in the current language, or its name. */
export const actionLabel = (name: string): string => localText(actionOf(name)?.label) || name;

/** A channel's label in the current language (by code or alias), or the code. */
export const channelLabel = (code: string): string =>
  localText(workflow()?.channels.find((c) => c.code === code || c.aliases.includes(code))?.label) || code;

/** The states as filter options, in the document's order. */
export const stateOptions = (): { value: string; label: string }[] =>
  (workflow()?.states ?? []).map((s) => ({ value: s.name, label: localText(s.label) || s.name }));

/** The channels as filter options, in the document's order. */
export const channelOptions = (): { value: string; label: string }[] =>
  (workflow()?.channels ?? []).map((c) => ({ value: c.code, label: localText(c.label) || c.code }));
