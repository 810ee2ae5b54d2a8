/** @module The published version in force on a day. */
import type { AppDeps } from '../context.ts';
import { todayOf } from '../../core/time-zone.ts';
import { type VersionDetail, toDetail } from './shared.ts';
import { findInForce, requireDay, ambiguousOn } from './in-force.ts';

/**
 * The published version in force on `at` (YYYY-MM-DD; default today in the district's time zone), or
 * null. Publishing keeps at most one version of each rule set in force per day; several rule sets
 * (e.g. assessment and cases) may be in force together, so name `ruleSetId` when there can be more
 * than one: without it, 409 `ruleset.ambiguous_active` lists them.
 */
export async function getActiveRuleSet(
  deps: AppDeps,
  input: { at?: string; ruleSetId?: string } = {},
): Promise<VersionDetail | null> {
  const at = requireDay(input.at ?? todayOf(deps.clock.now()));
  const inForce = (await findInForce(deps, at)).filter(
    (v) => input.ruleSetId === undefined || v.ruleSetId === input.ruleSetId,
  );
  if (inForce.length > 1) throw ambiguousOn(at, inForce, false);
  return inForce[0] ? toDetail(inForce[0]) : null;
}
