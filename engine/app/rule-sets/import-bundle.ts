/** @module Importing a signed bundle: it replaces its source draft when that is unchanged here, else becomes a new draft. */
import type { Bundle } from '../../../schemas/types.gen.ts';
import { ConflictError, ValidationError } from '../../core/errors.ts';
import { verifyBundle } from '../../core/ruleset/bundle.ts';
import type { RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import { auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { keyRing, refuseInlineSecrets } from './bundle-signing.ts';
import { insertNextDraft } from './create-draft.ts';
import { insertRuleSet } from './create-rule-set.ts';
import { getVersion } from './get-version.ts';
import { saveDraftContent } from './save-draft-content.ts';
import { contentOf, type RuleSetContent, text, type VersionDetail } from './shared.ts';

type ImportResult = { mode: 'created' | 'replaced'; version: VersionDetail };

/** The bundle once its signature is verified; 400 with the verifier's issue otherwise. */
async function verified(deps: AppDeps, input: unknown): Promise<Bundle> {
  const result = verifyBundle(input, await keyRing(deps));
  if (!result.ok) {
    const issue = result.issue;
    throw new ValidationError(issue.code, text(issue.message, issue.messageZh ?? issue.message), {
      path: issue.path,
      details: { issues: [issue] },
    });
  }
  return input as Bundle;
}

/** The bundled content and its id; 400 `bundle.inline_secret` or `bundle.malformed`. */
function bundledContent(bundle: Bundle): { content: RuleSetContent; id: string } {
  const content: RuleSetContent = contentOf(bundle.ruleSet);
  refuseInlineSecrets(content);
  const id = content.id;
  if (typeof id !== 'string') {
    throw new ValidationError(
      'bundle.malformed',
      text('The bundled rule set has no id.', '导出包中的规则集缺少 id。'),
      {
        path: '/ruleSet/id',
      },
    );
  }
  return { content, id };
}

/** Replaces the local draft the bundle was exported from; 409 `bundle.draft_changed` when it was edited since. */
async function replaceSourceDraft(
  deps: AppDeps,
  input: { actor: Actor; id: string; local: RuleSetVersionRecord; exported: number; content: RuleSetContent },
  details: Record<string, unknown>,
): Promise<ImportResult> {
  const { id, local, exported } = input;
  if (local.revision !== exported) {
    throw new ConflictError(
      'bundle.draft_changed',
      text(
        `Draft ${id}@${local.number} changed here since it was exported (revision ${exported}, now ${local.revision}); import refused so those edits are not lost.`,
        `草稿 ${id}@${local.number} 在导出后已被修改（导出时修订号 ${exported}，当前 ${local.revision}），为避免覆盖修改，拒绝导入。`,
      ),
      { details: { exported, current: local.revision } },
    );
  }
  const version = await saveDraftContent(deps, {
    actor: input.actor,
    ruleSetId: id,
    number: local.number,
    ifRevision: exported,
    content: input.content,
    action: 'bundle.import',
    details: { ...details, mode: 'replaced' },
  });
  return { mode: 'replaced', version };
}

/** Inserts the bundled content as a new draft: version 1 of a new rule set, or the next version of a known one. */
async function insertAsDraft(
  deps: AppDeps,
  input: { actor: Actor; id: string; local: RuleSetVersionRecord | null; content: RuleSetContent },
  details: Record<string, unknown>,
): Promise<ImportResult> {
  const { id, content, local } = input;
  const actor = auditActor(input.actor);
  const at = deps.clock.now().toISOString();
  const created = await deps.store.transaction(async (tx) => {
    if (!(await tx.ruleSets.get(id)))
      return insertRuleSet(tx, {
        actor,
        at,
        content,
        action: 'bundle.import',
        details: { ...details, mode: 'created' },
      });
    return insertNextDraft(tx, {
      actor,
      at,
      ruleSetId: id,
      content,
      basedOn: local ? local.number : null,
      action: 'bundle.import',
      details: { ...details, mode: 'created' },
    });
  });
  const version = await getVersion(deps, { actor: input.actor, ruleSetId: id, number: created.number });
  return { mode: 'created', version };
}

/**
 * Imports a signed bundle. When its source version exists here and is still a draft, that draft is
 * replaced, but only if its revision is the exported one (409 `bundle.draft_changed`); otherwise the
 * content becomes a new draft (of a new rule set if the id is unknown).
 */
export async function importBundle(
  deps: AppDeps,
  input: { actor: Actor; bundle: unknown },
): Promise<ImportResult> {
  const bundle = await verified(deps, input.bundle);
  const { content, id } = bundledContent(bundle);
  const details = {
    sourceRevision: bundle.sourceRevision,
    keyId: bundle.signature.keyId,
    exportedAt: bundle.exportedAt,
  };
  const source = /^(.+)@(\d+)#r(\d+)$/.exec(bundle.sourceRevision);
  const sourceNumber = source && source[1] === id ? Number(source[2]) : null;
  const local = sourceNumber === null ? null : await deps.store.ruleSets.getVersion(id, sourceNumber);
  if (local && local.status === 'draft')
    return replaceSourceDraft(
      deps,
      { actor: input.actor, id, local, exported: Number(source![3]), content },
      details,
    );
  return insertAsDraft(deps, { actor: input.actor, id, local, content }, details);
}
