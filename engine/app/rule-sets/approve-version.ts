/** @module Approving a version in review under the four-eyes rule (a refusal is audited on its own). */
import { PermissionError } from '../../core/errors.ts';
import { APPROVE_REFUSED_AUDIT_ACTION, appendAuditAlone, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import {
  type VersionDetail,
  versionTarget,
  text,
  toDetail,
  requireStatus,
  transition,
  changeState,
} from './shared.ts';

/** Approves a version in review; 403 `ruleset.four_eyes` when the approver wrote or submitted it. */
export async function approveVersion(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number; comment?: string; ifRevision?: number },
): Promise<VersionDetail> {
  const actor = auditActor(input.actor);
  const after = await transition(
    deps,
    {
      actor: input.actor,
      ref: input,
      ifRevision: input.ifRevision,
      action: 'ruleSet.approve',
      details: input.comment ? { comment: input.comment } : undefined,
    },
    async (tx, v, at) => {
      requireStatus(v, ['inReview']);
      if (actor === v.createdBy || actor === v.submittedBy) {
        throw new PermissionError(
          'ruleset.four_eyes',
          text(
            'Four-eyes rule: a version must be approved by an administrator other than its author and submitter.',
            '四眼原则：版本须由作者和提交人以外的另一名管理员审批。',
          ),
          { details: { createdBy: v.createdBy, submittedBy: v.submittedBy } },
        );
      }
      return changeState(tx, v, ['inReview'], { status: 'approved', approvedBy: actor, approvedAt: at });
    },
  ).catch(async (error: unknown) => {
    // The refusal rolled the transaction back; the attempt is still recorded, in its own write.
    if (error instanceof PermissionError && error.code === 'ruleset.four_eyes')
      await appendAuditAlone(deps, {
        actor,
        action: APPROVE_REFUSED_AUDIT_ACTION,
        target: versionTarget(input.ruleSetId, input.number),
        details: { reason: error.code, text: error.text, ...(error.details as object) },
      });
    throw error;
  });
  return toDetail(after);
}
