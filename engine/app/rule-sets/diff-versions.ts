/** @module The semantic diff between two versions. */
import { type DiffEntry, diffRuleSets, renderDiffText } from '../../core/ruleset/diff.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { type VersionRef, requireVersion, requireReadable } from './shared.ts';

/** Semantic diff from version `a` to version `b` (same or different rule sets). */
export async function diffVersions(
  deps: AppDeps,
  input: { actor: Actor; a: VersionRef; b: VersionRef; lang?: 'en' | 'zh' },
): Promise<{ a: VersionRef; b: VersionRef; changes: DiffEntry[]; text: string }> {
  const a = await requireVersion(deps.store, input.a);
  const b = await requireVersion(deps.store, input.b);
  requireReadable(input.actor, a);
  requireReadable(input.actor, b);
  const changes = diffRuleSets(a.content, b.content);
  return {
    a: { ruleSetId: a.ruleSetId, number: a.number },
    b: { ruleSetId: b.ruleSetId, number: b.number },
    changes,
    text: renderDiffText(changes, input.lang ?? 'en'),
  };
}
