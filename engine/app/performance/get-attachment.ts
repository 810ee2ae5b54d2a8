/** @module An attachment's bytes and metadata, for those who may read it (`GET /api/performance/attachments/:sha256`). */
import { NotFoundError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { canReadAttachment } from './attachment-access.ts';

/** An attachment's bytes and metadata. */
export async function getAttachment(
  deps: AppDeps,
  input: { actor: Actor; sha256: string },
): Promise<{ meta: { sha256: string; name: string; mime: string; size: number }; content: Uint8Array }> {
  const found = await deps.store.ledger.getAttachment(input.sha256);
  // Out of scope answers like a missing file, so a sha256 does not tell whether another unit holds it.
  if (!found || !(await canReadAttachment(deps, input.actor, input.sha256)))
    throw new NotFoundError('attachment.not_found', { en: 'No such attachment.', zh: '附件不存在。' });
  return found;
}
