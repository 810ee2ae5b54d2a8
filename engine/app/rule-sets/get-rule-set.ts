/** @module Reading one rule set with its visible versions. */
import type { AppDeps } from '../context.ts';
import { todayOf } from '../../core/time-zone.ts';
import type { Actor } from '../permissions.ts';
import { type RuleSetSummary, notFound } from './shared.ts';
import { findInForce } from './in-force.ts';
import { summarise } from './list-rule-sets.ts';

/** One rule set with its visible versions; 404 when unknown or nothing is visible. */
export async function getRuleSet(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string },
): Promise<RuleSetSummary> {
  if (!(await deps.store.ruleSets.get(input.ruleSetId))) throw notFound(input.ruleSetId);
  const summary = await summarise(
    deps,
    input.actor,
    input.ruleSetId,
    await findInForce(deps, todayOf(deps.clock.now())),
  );
  if (!summary) throw notFound(input.ruleSetId);
  return summary;
}
