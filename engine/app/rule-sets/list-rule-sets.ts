/** @module Listing rule sets with the versions the caller may see. */
import type { RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import type { AppDeps } from '../context.ts';
import { todayOf } from '../../core/time-zone.ts';
import type { Actor } from '../permissions.ts';
import { type RuleSetSummary, toSummary, canReadDrafts, isVisible } from './shared.ts';
import { findInForce } from './in-force.ts';

/** One rule set as the caller sees it, or null when nothing is visible to them. */
export async function summarise(
  deps: AppDeps,
  actor: Actor,
  id: string,
  inForce: readonly RuleSetVersionRecord[],
): Promise<RuleSetSummary | null> {
  const versions = (await deps.store.ruleSets.listVersions(id)).filter((v) => isVisible(actor, v));
  if (versions.length === 0 && !canReadDrafts(actor)) return null;
  const newest = versions[0];
  const record = await deps.store.ruleSets.get(id);
  return {
    id,
    name: newest?.content.name ?? record?.name ?? null,
    period: newest?.content.period ?? null,
    inForce: inForce.find((v) => v.ruleSetId === id)?.number ?? null,
    versions: versions.map(toSummary),
  };
}

/** Rule sets with the versions the caller may see; rule sets with nothing visible are left out. */
export async function listRuleSets(deps: AppDeps, input: { actor: Actor }): Promise<RuleSetSummary[]> {
  const inForce = await findInForce(deps, todayOf(deps.clock.now()));
  const out: RuleSetSummary[] = [];
  for (const record of await deps.store.ruleSets.list()) {
    const summary = await summarise(deps, input.actor, record.id, inForce);
    if (summary) out.push(summary);
  }
  return out;
}
