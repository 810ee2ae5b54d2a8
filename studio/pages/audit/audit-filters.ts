/** @module Audit-log filter helpers: the known actions and local-day bounds. */

/** Actions the server writes today (docs/api-rule-sets.md); the filter also takes any other text. */
export const knownActions = [
  'ruleSet.create',
  'ruleSet.draft.create',
  'ruleSet.content.replace',
  'ruleSet.document.put',
  'ruleSet.document.delete',
  'ruleSet.submit',
  'ruleSet.approve',
  'ruleSet.reject',
  'ruleSet.publish',
  'ruleSet.supersede',
  'ruleSet.archive',
  'bundle.import',
  'settings.bundleKey.create',
] as const;

/** Start (or end) of a local calendar day as an ISO instant, so the server compares instants. */
export const dayBoundary = (day: string, edge: 'start' | 'end'): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};
