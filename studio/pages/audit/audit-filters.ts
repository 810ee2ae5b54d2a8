/** @module Audit-log filter helpers: the known actions and the bounds of a district day. */
import { fromZonedInput } from '../../lib/zoned-time.ts';

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
  'auth.loginThrottled',
  'case.intake',
  'entry.submit',
  'entry.amend',
  'entry.amendmentRequest',
  'entry.amendmentDecide',
  'attachment.upload',
  'thirdParty.submit',
  'derived.feed',
  'ledger.seed',
] as const;

/**
 * Start (or end) of a calendar day on the district's clocks (`zone`, the one display zone) as an
 * RFC 3339 instant, so the server compares instants and the filter means the district's day.
 */
export const dayBoundary = (day: string, edge: 'start' | 'end', zone?: string): string | undefined => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const asUtc = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(asUtc.getTime()) || asUtc.toISOString().slice(0, 10) !== day) return undefined;
  const start = fromZonedInput(`${day}T00:00:00`, zone);
  if (!start || Number.isNaN(Date.parse(start))) return undefined;
  if (edge === 'start') return start;
  // The last millisecond before the next day starts (a day is not always 24 h where clocks change).
  const next = new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const nextStart = fromZonedInput(`${next}T00:00:00`, zone);
  return nextStart ? new Date(Date.parse(nextStart) - 1).toISOString() : undefined;
};
