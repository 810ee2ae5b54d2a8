/** @module Who may read an attachment, and the refusal of an entry citing files the writer may not read or that were never uploaded. */
import type { LocalizedText } from '../../core/errors.ts';
import { ValidationError } from '../../core/errors.ts';
import { auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { readableUnits } from './scope.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/**
 * Whether `actor` may read attachment `sha256`. Roles that read every unit (admin, auditor, reviewer,
 * supervisor, dispatcher; `isUnitScoped` false) read all; a unit-scoped actor reads a file that it
 * or a user of its unit subtree uploaded (a repeat upload of the same bytes counts: the uploader
 * holds them), or that an entry of its unit subtree cites.
 */
export async function canReadAttachment(deps: AppDeps, actor: Actor, sha256: string): Promise<boolean> {
  const units = await readableUnits(deps, actor);
  if (units === null) return true;
  const self = auditActor(actor);
  const uploads = await deps.store.audit.list({
    action: 'attachment.upload',
    target: `attachment:${sha256}`,
    limit: 500,
    offset: 0,
    order: 'asc',
  });
  for (const uploader of new Set(uploads.items.map((record) => record.actor))) {
    if (uploader === self) return true;
    const user = await deps.store.users.getByUsername(uploader);
    if (user?.unitId && units.has(user.unitId)) return true;
  }
  for (const unitId of units) {
    const entries = await deps.store.ledger.listEntries({ unitId, includeSuperseded: true, limit: 5000 });
    if (entries.some((entry) => entry.attachments.includes(sha256))) return true;
  }
  return false;
}

/** Refuses (400 `attachment.not_found`) cited files not uploaded, or not readable by the writer. */
export async function requireAttachments(
  deps: AppDeps,
  actor: Actor,
  sha256s: readonly string[],
): Promise<void> {
  if (sha256s.length === 0) return;
  const found = new Set(await deps.store.ledger.hasAttachments(sha256s));
  // Another unit's file is "missing" too: citing its sha256 must not make it readable.
  const missing: string[] = [];
  for (const sha256 of sha256s)
    if (!found.has(sha256) || !(await canReadAttachment(deps, actor, sha256))) missing.push(sha256);
  if (missing.length > 0)
    throw new ValidationError(
      'attachment.not_found',
      t(`Upload the attachments first: ${missing.join(', ')}.`, `请先上传附件：${missing.join('、')}。`),
      { path: '/attachments', details: { missing } },
    );
}
