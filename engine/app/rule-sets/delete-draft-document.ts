/** @module Removing one document of a draft. */
import { NotFoundError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import { type DraftWrite, type VersionDetail, text, readDraft, documentsOf } from './shared.ts';
import { saveDraftContent } from './save-draft-content.ts';

/** Removes one document of a draft; 404 `ruleset.document_not_found`. */
export async function deleteDraftDocument(
  deps: AppDeps,
  input: DraftWrite & { kind: string; docId: string },
): Promise<VersionDetail> {
  const v = await readDraft(deps, input, input.ifRevision);
  const documents = documentsOf(v.content);
  const kept = documents.filter((d) => !(d?.kind === input.kind && d?.id === input.docId));
  if (kept.length === documents.length) {
    throw new NotFoundError(
      'ruleset.document_not_found',
      text(`No ${input.kind} "${input.docId}" in this draft.`, `草稿中没有 ${input.kind}“${input.docId}”。`),
    );
  }
  return saveDraftContent(deps, {
    actor: input.actor,
    ruleSetId: input.ruleSetId,
    number: input.number,
    ifRevision: input.ifRevision,
    content: { ...v.content, documents: kept },
    action: 'ruleSet.document.delete',
    details: { kind: input.kind, id: input.docId },
  });
}
