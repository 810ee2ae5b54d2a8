/** @module Saving new content into a draft under optimistic concurrency, with its audit record (content replacement, document edits, bundle import). */
import { ValidationError } from '../../core/errors.ts';
import { hashRuleSet } from '../../core/ruleset/canonical.ts';
import { appendAudit, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import {
  type DraftWrite,
  type RuleSetContent,
  type VersionDetail,
  versionTarget,
  text,
  isError,
  isLocalized,
  toSummary,
  requireVersion,
  requireDraft,
  revisionConflict,
  requireRevision,
  nameOf,
} from './shared.ts';
import { boundedIssuesOf, issuesKey } from './issues.ts';

/**
 * Saves new draft content if the revision is still `ifRevision`; the audit record is written in the
 * same transaction. Shared by content replacement, document edits and bundle import.
 */
export async function saveDraftContent(
  deps: AppDeps,
  input: DraftWrite & { content: RuleSetContent; action: string; details?: Record<string, unknown> },
): Promise<VersionDetail> {
  if (input.content.id !== input.ruleSetId) {
    throw new ValidationError(
      'ruleset.id_mismatch',
      text(
        `The content's id must stay "${input.ruleSetId}".`,
        `内容中的 id 必须保持为“${input.ruleSetId}”。`,
      ),
      { path: '/id' },
    );
  }
  const sha256 = hashRuleSet(input.content);
  // Keyed by the revision the save creates: a read of the saved draft finds them.
  const issues = boundedIssuesOf(
    input.content,
    issuesKey({ ruleSetId: input.ruleSetId, number: input.number, revision: input.ifRevision + 1, sha256 }),
  );
  const at = deps.clock.now().toISOString();
  const saved = await deps.store.transaction(async (tx) => {
    const v = await requireVersion(tx, input);
    requireDraft(v);
    requireRevision(v, input.ifRevision);
    const ok = await tx.ruleSets.replaceContent({
      ruleSetId: v.ruleSetId,
      number: v.number,
      content: input.content,
      sha256,
      expectedRevision: input.ifRevision,
    });
    if (!ok) throw revisionConflict(input.ifRevision, v.revision + 1);
    if (isLocalized(input.content.name) && v.number === (await tx.ruleSets.lastNumber(v.ruleSetId)))
      await tx.ruleSets.rename(v.ruleSetId, nameOf(input.content, v.ruleSetId));
    await appendAudit(tx, {
      at,
      entry: {
        actor: auditActor(input.actor),
        action: input.action,
        target: versionTarget(v.ruleSetId, v.number),
        beforeHash: v.sha256,
        afterHash: sha256,
        details: { revision: v.revision + 1, issues: issues.filter(isError).length, ...input.details },
      },
    });
    return { ...v, content: input.content, sha256, revision: v.revision + 1 };
  });
  return { ...toSummary(saved), content: saved.content, issues };
}
