/** @module Sending a draft without errors to review. */
import { RuleError } from '../../core/errors.ts';
import { auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import {
  type VersionDetail,
  text,
  isError,
  toSummary,
  requireVersion,
  requireStatus,
  transition,
  changeState,
} from './shared.ts';
import { boundedIssuesOf, issuesKey } from './issues.ts';

/** Sends a draft to review; 422 `ruleset.has_errors` (with `details.issues`) while validate/check report errors. */
export async function submitForReview(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; ifRevision?: number },
): Promise<VersionDetail> {
  const current = await requireVersion(deps.store, input);
  requireStatus(current, ['draft']);
  const issues = boundedIssuesOf(current.content, issuesKey(current));
  const errors = issues.filter(isError);
  if (errors.length > 0) {
    throw new RuleError(
      'ruleset.has_errors',
      text(
        `The draft has ${errors.length} error(s); fix them before submitting.`,
        `草稿有 ${errors.length} 个错误，请修正后再提交审核。`,
      ),
      { details: { issues: errors } },
    );
  }
  const actor = auditActor(input.actor);
  // The revision checked is the one validated: an edit in between makes the submit a conflict.
  const after = await transition(
    deps,
    {
      actor: input.actor,
      ref: input,
      ifRevision: input.ifRevision ?? current.revision,
      action: 'ruleSet.submit',
    },
    async (tx, v, at) => {
      return changeState(tx, v, ['draft'], { status: 'inReview', submittedBy: actor, submittedAt: at });
    },
  );
  return { ...toSummary(after), content: after.content, issues };
}
