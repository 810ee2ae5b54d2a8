/** @module Bundle operations: export a version as a signed bundle, import a bundle as a draft. */
import type { RuleSet } from '../../schemas/types.gen.ts';
import { ConflictError, type LocalizedText, ValidationError } from '../core/errors.ts';
import { hashRuleSet } from '../core/ruleset/canonical.ts';
import {
  type BundleKey,
  createBundle,
  findInlineSecrets,
  signBundle,
  verifyBundle,
} from '../core/ruleset/bundle.ts';
import type { Bundle } from '../../schemas/types.gen.ts';
import type { RuleSetVersionRecord } from '../ports/rule-set-store.ts';
import { appendAudit, auditActor } from './audit.ts';
import type { AppDeps } from './context.ts';
import type { Actor } from './permissions.ts';
import {
  contentOf,
  getVersion,
  insertNextDraft,
  insertRuleSet,
  type RuleSetContent,
  saveDraftContent,
  type VersionDetail,
} from './rule-sets.ts';

/** Settings key of the generated signing key. */
export const BUNDLE_KEY_SETTING = 'bundle.key';

const text = (en: string, zh: string): LocalizedText => ({ en, zh });

/** The key bundles are signed with: the configured one, else the installation's generated key (made once). */
async function signingKey(deps: AppDeps): Promise<BundleKey> {
  if (deps.bundleKey) return deps.bundleKey;
  const stored = await deps.store.settings.get(BUNDLE_KEY_SETTING);
  if (stored !== null) return JSON.parse(stored) as BundleKey;
  const at = deps.clock.now().toISOString();
  const fresh = { keyId: `local-${deps.tokens.randomHex(4)}`, secret: deps.tokens.randomHex(32) };
  const value = await deps.store.transaction(async (tx) => {
    const kept = await tx.settings.putIfAbsent(BUNDLE_KEY_SETTING, JSON.stringify(fresh), at);
    const key = JSON.parse(kept) as BundleKey;
    if (key.keyId === fresh.keyId) {
      await appendAudit(tx, {
        at,
        entry: {
          actor: 'system',
          action: 'settings.bundleKey.create',
          target: 'settings:bundle.key',
          details: { keyId: key.keyId },
        },
      });
    }
    return key;
  });
  return value;
}

/** Keys a bundle may be verified with. */
async function keyRing(deps: AppDeps): Promise<BundleKey[]> {
  const ring: BundleKey[] = [];
  if (deps.bundleKey) ring.push(deps.bundleKey);
  const stored = await deps.store.settings.get(BUNDLE_KEY_SETTING);
  if (stored !== null) ring.push(JSON.parse(stored) as BundleKey);
  if (ring.length === 0) ring.push(await signingKey(deps));
  return ring;
}

function refuseInlineSecrets(ruleSet: unknown): void {
  const issues = findInlineSecrets(ruleSet);
  if (issues.length > 0) {
    throw new ValidationError(
      'bundle.inline_secret',
      text(
        'Plugin bindings hold secrets written inline; store them in the secret store and refer to them as {"$secret": "NAME"}.',
        '插件绑定中含有明文密钥；请存入密钥库并以 {"$secret": "名称"} 引用。',
      ),
      { path: issues[0]!.path, details: { issues } },
    );
  }
}

/** The schema's version block of a stored version (absent fields left out, as the schema wants). */
function versionBlock(v: VersionDetail | RuleSetVersionRecord): Record<string, unknown> {
  const block: Record<string, unknown> = { number: v.number, status: v.status };
  const optional = {
    basedOn: v.basedOn,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    submittedBy: v.submittedBy,
    submittedAt: v.submittedAt,
    approvedBy: v.approvedBy,
    approvedAt: v.approvedAt,
    publishedBy: v.publishedBy,
    publishedAt: v.publishedAt,
    effectiveFrom: v.effectiveFrom,
    effectiveTo: v.effectiveTo,
    archivedAt: v.archivedAt,
    sha256: v.sha256,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== null) block[key] = value;
  return block;
}

/** `sourceRevision` of a version: `<ruleSetId>@<number>#r<revision>`. */
export const sourceRevisionOf = (v: { ruleSetId: string; number: number; revision: number }): string =>
  `${v.ruleSetId}@${v.number}#r${v.revision}`;

/**
 * Exports a version as a signed bundle and records the export in the audit log (who took which
 * version out, signed with which key); 400 `bundle.inline_secret` when a plugin binding holds a
 * secret inline.
 */
export async function exportBundle(
  deps: AppDeps,
  input: { actor: Actor; ruleSetId: string; number: number },
): Promise<Bundle> {
  const v = await getVersion(deps, input);
  refuseInlineSecrets(v.content);
  const ruleSet = { ...v.content, version: versionBlock(v) } as unknown as RuleSet;
  const key = await signingKey(deps);
  const exportedAt = deps.clock.now().toISOString();
  const sourceRevision = sourceRevisionOf(v);
  const bundle = signBundle(createBundle({ ruleSet, exportedAt, sourceRevision }), key);
  await deps.store.transaction((tx) =>
    appendAudit(tx, {
      at: exportedAt,
      entry: {
        actor: auditActor(input.actor),
        action: 'bundle.export',
        target: `ruleSet:${v.ruleSetId}@${v.number}`,
        afterHash: hashRuleSet(v.content),
        details: { sourceRevision, status: v.status, keyId: key.keyId },
      },
    }),
  );
  return bundle;
}

/**
 * Imports a signed bundle. When its source version exists here and is still a draft, that draft is
 * replaced, but only if its revision is the exported one (409 `bundle.draft_changed`); otherwise the
 * content becomes a new draft (of a new rule set if the id is unknown).
 */
export async function importBundle(
  deps: AppDeps,
  input: { actor: Actor; bundle: unknown },
): Promise<{ mode: 'created' | 'replaced'; version: VersionDetail }> {
  const verified = verifyBundle(input.bundle, await keyRing(deps));
  if (!verified.ok) {
    const issue = verified.issue;
    throw new ValidationError(issue.code, text(issue.message, issue.messageZh ?? issue.message), {
      path: issue.path,
      details: { issues: [issue] },
    });
  }
  const bundle = input.bundle as Bundle;
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
  const details = {
    sourceRevision: bundle.sourceRevision,
    keyId: bundle.signature.keyId,
    exportedAt: bundle.exportedAt,
  };
  const source = /^(.+)@(\d+)#r(\d+)$/.exec(bundle.sourceRevision);
  const sourceNumber = source && source[1] === id ? Number(source[2]) : null;
  const local = sourceNumber === null ? null : await deps.store.ruleSets.getVersion(id, sourceNumber);

  if (local && local.status === 'draft') {
    const exported = Number(source![3]);
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
      content,
      action: 'bundle.import',
      details: { ...details, mode: 'replaced' },
    });
    return { mode: 'replaced', version };
  }

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
