/** @module Sending a version in review (or approved) back to draft with a comment. */
import { ValidationError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { type VersionDetail, text, toDetail, transition, changeState } from './shared.ts';

/** Sends a version in review (or approved, not yet published) back to draft with a comment. */
export async function rejectVersion(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; comment: string; ifRevision?: number },
): Promise<VersionDetail> {
  const comment = input.comment?.trim() ?? '';
  if (comment === '') {
    throw new ValidationError(
      'ruleset.comment_required',
      text('Say why the version is rejected.', '请填写退回理由。'),
      { path: '/comment' },
    );
  }
  const after = await transition(
    deps,
    {
      actor: input.actor,
      ref: input,
      ifRevision: input.ifRevision,
      action: 'ruleSet.reject',
      details: { comment },
    },
    async (tx, v) => {
      return changeState(tx, v, ['inReview', 'approved'], {
        status: 'draft',
        submittedBy: null,
        submittedAt: null,
        approvedBy: null,
        approvedAt: null,
        reviewComment: comment,
      });
    },
  );
  return toDetail(after);
}
