/** @module Replacing the whole content of a draft. */
import type { AppDeps } from '../context.ts';
import { type DraftWrite, type VersionDetail, contentOf } from './shared.ts';
import { saveDraftContent } from './save-draft-content.ts';

/** Replaces the whole content of a draft; 409 `ruleset.revision_conflict` when `ifRevision` is stale. */
export function replaceDraftContent(
  deps: AppDeps,
  input: DraftWrite & { content: unknown },
): Promise<VersionDetail> {
  return saveDraftContent(deps, {
    ...input,
    content: contentOf(input.content),
    action: 'ruleSet.content.replace',
  });
}
