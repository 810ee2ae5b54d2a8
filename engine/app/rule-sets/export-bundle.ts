/** @module Exporting a version as a signed bundle, recorded in the audit log. */
import type { Bundle, RuleSet } from '../../../schemas/types.gen.ts';
import { hashRuleSet } from '../../core/ruleset/canonical.ts';
import { createBundle, signBundle } from '../../core/ruleset/bundle.ts';
import type { RuleSetVersionRecord } from '../../ports/rule-set-store.ts';
import { appendAudit, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { refuseInlineSecrets, signingKey } from './bundle-signing.ts';
import { getVersion } from './get-version.ts';
import { type VersionDetail, versionStateOf } from './shared.ts';

/** The schema's version block of a stored version (absent fields left out, as the schema wants). */
function versionBlock(v: VersionDetail | RuleSetVersionRecord): Record<string, unknown> {
  const block: Record<string, unknown> = { number: v.number, status: v.status };
  const { status: _status, supersededBy: _by, reviewComment: _comment, ...lifecycle } = versionStateOf(v);
  const optional = {
    basedOn: v.basedOn,
    createdBy: v.createdBy,
    createdAt: v.createdAt,
    ...lifecycle,
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
