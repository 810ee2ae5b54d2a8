/** @module Listing the versions of a rule set the caller may see. */
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { type VersionSummary, toSummary, notFound, canReadDrafts, isVisible } from './shared.ts';

/** Versions of a rule set the caller may see, newest first. */
export async function listVersions(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string },
): Promise<VersionSummary[]> {
  const versions = (await deps.store.ruleSets.listVersions(input.ruleSetId)).filter((v) =>
    isVisible(input.actor, v),
  );
  if (versions.length === 0 && !(await deps.store.ruleSets.get(input.ruleSetId)))
    throw notFound(input.ruleSetId);
  if (versions.length === 0 && !canReadDrafts(input.actor)) throw notFound(input.ruleSetId);
  return versions.map(toSummary);
}
