/** @module Creating the next draft of a rule set, copied from one of its versions (editing a published set, restoring an old version). */
import type { RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import type { Repositories } from '../../ports/store.ts';
import { auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { type RuleSetContent, type VersionDetail, toDetail, requireVersion, insertDraft } from './shared.ts';

/** Inserts the next version of a rule set as a draft copied from `content`, with its audit record. */
export async function insertNextDraft(
  tx: Repositories,
  input: {
    actor: string;
    at: string;
    ruleSetId: string;
    content: RuleSetContent;
    basedOn: number | null;
    action: string;
    details?: Record<string, unknown>;
  },
): Promise<RuleSetVersionRecord> {
  const number = (await tx.ruleSets.lastNumber(input.ruleSetId)) + 1;
  return insertDraft(tx, {
    ruleSetId: input.ruleSetId,
    number,
    content: input.content,
    basedOn: input.basedOn,
    actor: input.actor,
    at: input.at,
    action: input.action,
    details: { basedOn: input.basedOn, ...input.details },
  });
}

/**
 * Creates a new draft copied from any version of the same rule set: editing a published rule set
 * and restoring an old version both go through here.
 */
export async function createDraft(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; basedOn: number },
): Promise<VersionDetail> {
  const at = deps.clock.now().toISOString();
  const draft = await deps.store.transaction(async (tx) => {
    const source = await requireVersion(tx, { ruleSetId: input.ruleSetId, number: input.basedOn });
    return insertNextDraft(tx, {
      actor: auditActor(input.actor),
      at,
      ruleSetId: input.ruleSetId,
      content: source.content,
      basedOn: source.number,
      action: 'ruleSet.draft.create',
      details: { basedOnStatus: source.status },
    });
  });
  return toDetail(draft);
}
