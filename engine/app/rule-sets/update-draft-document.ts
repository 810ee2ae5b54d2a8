/** @module Adding, replacing or renaming one document of a draft. */
import { ConflictError, ValidationError } from '../../core/errors.ts';
import type { AppDeps } from '../context.ts';
import { type DraftWrite, type VersionDetail, text, readDraft, documentsOf } from './shared.ts';
import { saveDraftContent } from './save-draft-content.ts';

/**
 * Adds or replaces one document of a draft, found by `(kind, docId)`. A different `id` in the body
 * renames the document in place; 409 `ruleset.document_exists` when that id is taken.
 */
export async function updateDraftDocument(
  deps: AppDeps,
  input: DraftWrite & { kind: string; docId: string; document: unknown },
): Promise<VersionDetail> {
  if (typeof input.document !== 'object' || input.document === null || Array.isArray(input.document)) {
    throw new ValidationError(
      'ruleset.not_object',
      text('A document must be a JSON object.', '文档必须是 JSON 对象。'),
      {
        path: '/document',
      },
    );
  }
  const body = input.document as Record<string, unknown>;
  if (body.kind !== undefined && body.kind !== input.kind) {
    throw new ValidationError(
      'ruleset.document_mismatch',
      text(`The document's kind must be "${input.kind}".`, `文档类型必须是“${input.kind}”。`),
      { path: '/document/kind' },
    );
  }
  const document = { ...body, kind: input.kind, id: body.id ?? input.docId };
  const v = await readDraft(deps, input, input.ifRevision);
  const documents = [...documentsOf(v.content)];
  const index = documents.findIndex((d) => d?.kind === input.kind && d?.id === input.docId);
  if (document.id !== input.docId && documents.some((d) => d?.kind === input.kind && d?.id === document.id)) {
    throw new ConflictError(
      'ruleset.document_exists',
      text(
        `A ${input.kind} with id "${String(document.id)}" already exists.`,
        `已存在 id 为“${String(document.id)}”的 ${input.kind}。`,
      ),
      { path: '/document/id' },
    );
  }
  if (index === -1) documents.push(document);
  else documents[index] = document;
  return saveDraftContent(deps, {
    actor: input.actor,
    ruleSetId: input.ruleSetId,
    number: input.number,
    ifRevision: input.ifRevision,
    content: { ...v.content, documents },
    action: 'ruleSet.document.put',
    details: {
      kind: input.kind,
      id: document.id,
      ...(document.id !== input.docId ? { previousId: input.docId } : {}),
      isNew: index === -1,
    },
  });
}
