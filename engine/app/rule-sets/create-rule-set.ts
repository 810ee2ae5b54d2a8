/** @module Creating a rule set: its content becomes version 1, a draft (also used by bundle import and seeding). */
import { ConflictError } from '../../core/errors.ts';
import type { RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import type { Repositories } from '../../ports/store.ts';
import { auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import {
  type RuleSetContent,
  type VersionDetail,
  text,
  contentOf,
  toDetail,
  insertDraft,
  requireId,
  nameOf,
} from './shared.ts';

/**
 * Inserts a new rule set with `content` as its version 1 draft, inside `tx`, with its audit record.
 * Used by {@link createRuleSet}, bundle import and seeding.
 */
export async function insertRuleSet(
  tx: Repositories,
  input: { actor: string; at: string; content: RuleSetContent; action?: string; details?: unknown },
): Promise<RuleSetVersionRecord> {
  const id = requireId(input.content);
  if (await tx.ruleSets.get(id)) {
    throw new ConflictError(
      'ruleset.exists',
      text(`Rule set "${id}" already exists.`, `规则集“${id}”已存在。`),
      {
        path: '/id',
      },
    );
  }
  await tx.ruleSets.insert({
    id,
    name: nameOf(input.content, id),
    createdBy: input.actor,
    createdAt: input.at,
  });
  return insertDraft(tx, {
    ruleSetId: id,
    number: 1,
    content: input.content,
    basedOn: null,
    actor: input.actor,
    at: input.at,
    action: input.action ?? 'ruleSet.create',
    details: input.details ?? { name: nameOf(input.content, id) },
  });
}

/** Creates a rule set; its content becomes version 1, a draft. 409 `ruleset.exists`. */
export async function createRuleSet(
  deps: AppDeps,
  input: { actor: Actor; ruleSet: unknown },
): Promise<VersionDetail> {
  const content = contentOf(input.ruleSet);
  const at = deps.clock.now().toISOString();
  const draft = await deps.store.transaction((tx) =>
    insertRuleSet(tx, { actor: auditActor(input.actor), at, content }),
  );
  return toDetail(draft);
}
