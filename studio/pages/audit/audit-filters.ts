/** @module Audit-log filter helpers: the known actions and local-day bounds. */

/**
 * Actions the server writes (docs/api-rule-sets.md, docs/plugins.md; the `action` of each
 * appendAudit in engine/app); workflow actions on cases (`case.<action>`) are not listed.
 */
export const knownActions = [
  'ruleSet.create',
  'ruleSet.draft.create',
  'ruleSet.content.replace',
  'ruleSet.document.put',
  'ruleSet.document.delete',
  'ruleSet.submit',
  'ruleSet.approve',
  'ruleSet.approveRefused',
  'ruleSet.whatIf',
  'ruleSet.reject',
  'ruleSet.publish',
  'ruleSet.supersede',
  'ruleSet.archive',
  'bundle.import',
  'bundle.export',
  'settings.bundleKey.create',
  'plugin.enable',
  'plugin.disable',
  'plugin.upgrade',
  'plugin.config',
  'plugin.credentials',
  'user.create',
  'user.enable',
  'user.disable',
  'user.resetPassword',
  'apiKey.create',
  'apiKey.revoke',
  'auth.login',
  'auth.loginFailed',
  'auth.logout',
] as const;

/** Start (or end) of a local calendar day as an ISO instant, so the server compares instants. */
export const dayBoundary = (day: string, edge: 'start' | 'end'): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const date = new Date(`${day}T${edge === 'start' ? '00:00:00.000' : '23:59:59.999'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};
