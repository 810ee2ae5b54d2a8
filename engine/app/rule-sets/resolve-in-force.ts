/** @module Resolving the published version a result is computed under, as of a day. */
import type { RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import type { AppDeps } from '../context.ts';
import { timelineOf, parseVersionRef } from './shared.ts';
import {
  inForceOn,
  requireDay,
  ambiguousOn,
  type RuleSetCapability,
  hasCapability,
  publishedVersions,
} from './in-force.ts';

/**
 * The published version a result is computed under, resolved **as of** `at` (YYYY-MM-DD: the first
 * day of an entry's period, the day a case was received — never simply today):
 * - `ruleSetId` of the form `id@n` names one published (or archived, once published) version exactly;
 * - `ruleSetId` alone: that rule set's version in force on `at`;
 * - neither: the version in force on `at` that carries what the caller `needs` (indicators or a
 *   workflow). Versions of one timeline never overlap, so a single timeline gives one answer;
 *   when several timelines qualify, `deps.timeline` chooses, else 409 `ruleset.ambiguous_active`.
 * Returns null when nothing qualifies.
 */
export async function resolveInForce(
  deps: AppDeps,
  input: { at: string; needs: RuleSetCapability; ruleSetId?: string },
): Promise<RuleSetVersionRecord | null> {
  requireDay(input.at);
  if (input.ruleSetId?.includes('@')) {
    const ref = parseVersionRef(input.ruleSetId, '/ruleSetId');
    const exact = await deps.store.ruleSets.getVersion(ref.ruleSetId, ref.number);
    return exact && exact.publishedAt !== null ? exact : null;
  }
  let candidates = inForceOn(await publishedVersions(deps), input.at).filter((v) =>
    input.ruleSetId !== undefined ? v.ruleSetId === input.ruleSetId : hasCapability(v, input.needs),
  );
  if (new Set(candidates.map(timelineOf)).size > 1 && deps.timeline !== undefined)
    candidates = candidates.filter((v) => timelineOf(v) === deps.timeline);
  if (candidates.length > 1) throw ambiguousOn(input.at, candidates, true);
  return candidates[0] ?? null;
}
