/** @module Reading one version with its content and issues. */
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { type VersionDetail, toDetail, requireVersion, requireReadable } from './shared.ts';

/** One version with content and issues; 403 `ruleset.draft_forbidden` for unpublished versions unless allowed. */
export async function getVersion(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number },
): Promise<VersionDetail> {
  const v = await requireVersion(deps.store, input);
  requireReadable(input.actor, v);
  return toDetail(v);
}
