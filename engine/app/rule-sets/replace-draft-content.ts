/** @module Replacing the whole content of a draft. */
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { type VersionDetail, contentOf } from './shared.ts';
import { saveDraftContent } from './save-draft-content.ts';

/** Replaces the whole content of a draft; 409 `ruleset.revision_conflict` when `ifRevision` is stale. */
export function replaceDraftContent(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; ifRevision: number; content: unknown },
): Promise<VersionDetail> {
  return saveDraftContent(deps, {
    ...input,
    content: contentOf(input.content),
    action: 'ruleSet.content.replace',
  });
}
