/** @module Request helpers of the rule-set routes: the revision a write is based on (If-Match or body), ETag replies, and the body and answers of draft saves. */
import type { Context } from 'hono';
import { HttpRequestError } from '../../errors.ts';
import type { JsonSchema, RequestAuth } from '../../route.ts';
import { errorSchema } from '../../schemas.ts';
import { revisionProperty, versionDetailSchema, lifecycleErrors } from './schemas.ts';

export type VersionParams = { id: string; n: number };
export type DocumentParams = VersionParams & { kind: string; docId: string };

/** Reads the revision from If-Match (`"5"`, `W/"5"` or `5`), else from `fallback`. */
export function revisionOf(c: Context, fallback: number | undefined): number | undefined {
  const header = c.req.header('if-match');
  if (header !== undefined) {
    const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
    if (!match) {
      throw new HttpRequestError(400, 'ruleset.bad_if_match', {
        en: 'If-Match must be the ETag of the version, e.g. "5".',
        zh: 'If-Match 必须是版本的 ETag，例如 "5"。',
      });
    }
    return Number(match[1]);
  }
  return fallback;
}

export function requireRevision(c: Context, fallback: number | undefined): number {
  const revision = revisionOf(c, fallback);
  if (revision === undefined) {
    throw new HttpRequestError(428, 'ruleset.revision_required', {
      en: 'Send the revision you loaded as If-Match (the ETag) or as "revision".',
      zh: '请以 If-Match（即 ETag）或 "revision" 字段提供您加载时的修订号。',
    });
  }
  return revision;
}

/** The caller and the version a route's path names, as the operations take them. */
export const versionOf = (auth: RequestAuth | null, params: VersionParams) => ({
  actor: auth!.actor,
  ruleSetId: params.id,
  number: params.n,
});

/** The caller, the draft and the revision a save is based on (If-Match, else `revision`); 428 without one. */
export const draftSaveOf = (
  c: Context,
  auth: RequestAuth | null,
  params: VersionParams,
  revision: number | undefined,
) => ({ ...versionOf(auth, params), ifRevision: requireRevision(c, revision) });

/** A version reply with its ETag. */
export const withEtag = (c: Context, detail: { revision: number }, status: 200 | 201 = 200) =>
  c.json(detail, status, { ETag: `"${detail.revision}"` });

/** A body of an optional `revision` and the given properties. */
export const optionalRevisionBody = (
  extra: Record<string, JsonSchema> = {},
  required: string[] = [],
): JsonSchema => ({
  type: 'object',
  required,
  properties: { revision: revisionProperty, ...extra },
  additionalProperties: false,
});
/** 428 when a draft save names no revision. */
export const revisionRequired = { description: '`ruleset.revision_required`', schema: errorSchema };
/** Answers of a route that saves into a draft under optimistic locking. */
export const draftSavedResponses = {
  200: { description: 'The saved draft with its issues', schema: versionDetailSchema },
  ...lifecycleErrors,
  428: revisionRequired,
};
