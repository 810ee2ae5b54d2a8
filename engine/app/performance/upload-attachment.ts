/** @module An attachment stored once per content hash (`POST /api/performance/attachments`). */
import type { LocalizedText } from '../../core/errors.ts';
import { ValidationError } from '../../core/errors.ts';
import { sha256Hex } from '../../core/ruleset/canonical.ts';
import { appendAudit, auditActor } from '../audit.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Largest attachment accepted (bytes). */
export const MAX_ATTACHMENT_BYTES = 700 * 1024;

/** Stores a file once per content hash (sha256); uploading the same bytes again stores nothing new. */
export async function uploadAttachment(
  deps: AppDeps,
  input: { actor: Actor; name: string; mime: string; content: Uint8Array },
): Promise<{ sha256: string; name: string; mime: string; size: number; isDuplicate: boolean }> {
  if (input.content.byteLength === 0 || input.content.byteLength > MAX_ATTACHMENT_BYTES)
    throw new ValidationError(
      'attachment.bad_size',
      t(
        `An attachment must hold 1 byte to ${MAX_ATTACHMENT_BYTES} bytes.`,
        `附件大小须在 1 字节到 ${MAX_ATTACHMENT_BYTES} 字节之间。`,
      ),
      { path: '/contentBase64' },
    );
  const sha256 = sha256Hex(input.content);
  const at = deps.clock.now().toISOString();
  const meta = {
    sha256,
    name: input.name,
    mime: input.mime,
    size: input.content.byteLength,
    uploadedBy: auditActor(input.actor),
    uploadedAt: at,
  };
  const isNew = await deps.store.transaction(async (tx) => {
    const stored = await tx.ledger.putAttachment(meta, input.content);
    await appendAudit(tx, {
      at,
      entry: {
        actor: meta.uploadedBy,
        action: 'attachment.upload',
        target: `attachment:${sha256}`,
        details: { name: meta.name, size: meta.size, isDuplicate: !stored },
      },
    });
    return stored;
  });
  return { sha256, name: meta.name, mime: meta.mime, size: meta.size, isDuplicate: !isNew };
}
