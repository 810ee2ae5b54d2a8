/** @module Rule-set draft routes: creating rule sets and drafts (next period, restore), replacing content and editing documents under optimistic locking. */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import type { Operations } from '../../../../app/operations.ts';
import { defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { errorSchema } from '../../schemas.ts';
import {
  idParam,
  versionParams,
  documentParams,
  revisionProperty,
  versionDetailSchema,
  ruleSetBodySchema,
  lifecycleErrors,
  ruleSetNotFound,
} from './schemas.ts';
import {
  type VersionParams,
  type DocumentParams,
  draftSaveOf,
  versionOf,
  withEtag,
  optionalRevisionBody,
  revisionRequired,
  draftSavedResponses,
} from './shared.ts';

export function createRuleSetRoute(): RouteDefinition {
  return defineRoute<Record<string, unknown>>({
    method: 'post',
    path: '/api/rule-sets',
    bodyLimit: 'content',
    permission: 'ruleSets.edit',
    summary: 'Create a rule set; its content becomes version 1, a draft',
    tags: ['rule sets'],
    request: { body: ruleSetBodySchema },
    responses: {
      201: { description: 'Version 1 with its issues', schema: versionDetailSchema },
      400: { description: '`ruleset.invalid_id`', schema: errorSchema },
      409: { description: '`ruleset.exists`', schema: errorSchema },
    },
    handler: async ({ c, ops, auth, body }) =>
      withEtag(c, await ops.createRuleSet({ actor: auth!.actor, ruleSet: body }), 201),
  });
}

export function nextPeriodRoute(): RouteDefinition {
  return defineRoute<
    {
      newId: string;
      name?: { zh: string; en: string };
      period?: { from: string; to: string };
    },
    Record<string, unknown>,
    VersionParams
  >({
    method: 'post',
    path: '/api/rule-sets/:id/versions/:n/next-period',
    permission: 'ruleSets.edit',
    summary:
      'Prepare the next period of the timeline: a new rule set whose version 1 is a draft copy of this version for the period that follows',
    tags: ['rule sets'],
    request: {
      params: versionParams,
      body: {
        type: 'object',
        required: ['newId'],
        properties: {
          newId: {
            ...idParam,
            description: 'Id of the new rule set',
            examples: [`district-${sampleDates.nextYear}`],
          },
          name: {
            type: 'object',
            required: ['zh', 'en'],
            properties: {
              zh: { type: 'string', minLength: 1, maxLength: 200 },
              en: { type: 'string', minLength: 1, maxLength: 200 },
            },
            additionalProperties: false,
          },
          period: {
            type: 'object',
            required: ['from', 'to'],
            properties: {
              from: { type: 'string', format: 'date' },
              to: { type: 'string', format: 'date' },
            },
            additionalProperties: false,
          },
        },
        additionalProperties: false,
      },
    },
    responses: {
      201: { description: 'Version 1 of the new rule set, a draft', schema: versionDetailSchema },
      400: { description: '`ruleset.bad_period` / `ruleset.invalid_id`', schema: errorSchema },
      404: ruleSetNotFound,
      409: { description: '`ruleset.exists`', schema: errorSchema },
    },
    handler: async ({ c, ops, auth, params, body }) =>
      withEtag(
        c,
        await ops.prepareNextPeriod({
          ...versionOf(auth, params),
          newId: body.newId,
          ...(body.name ? { name: body.name } : {}),
          ...(body.period ? { period: body.period } : {}),
        }),
        201,
      ),
  });
}

export function createDraftRoute(): RouteDefinition {
  return defineRoute<{ basedOn: number }, Record<string, unknown>, { id: string }>({
    method: 'post',
    path: '/api/rule-sets/:id/drafts',
    permission: 'ruleSets.edit',
    summary: 'New draft copied from a version of this rule set',
    tags: ['rule sets'],
    request: {
      params: { type: 'object', required: ['id'], properties: { id: idParam } },
      body: {
        type: 'object',
        required: ['basedOn'],
        properties: { basedOn: { type: 'integer', minimum: 1 } },
        additionalProperties: false,
      },
    },
    responses: {
      201: { description: 'The new draft', schema: versionDetailSchema },
      404: ruleSetNotFound,
    },
    handler: async ({ c, ops, auth, params, body }) =>
      withEtag(
        c,
        await ops.createDraft({ actor: auth!.actor, ruleSetId: params.id, basedOn: body.basedOn }),
        201,
      ),
  });
}

/** A PUT saving one object of its body (`field`) into a draft under optimistic locking; answers the saved draft with its ETag. */
const draftSaveRoute = <Params extends VersionParams>(spec: {
  path: string;
  summary: string;
  params: JsonSchema;
  field: 'content' | 'document';
  save: (ctx: {
    ops: Operations;
    target: ReturnType<typeof draftSaveOf>;
    params: Params;
    value: Record<string, unknown>;
  }) => Promise<{ revision: number }>;
}): RouteDefinition =>
  defineRoute<
    Record<string, Record<string, unknown>> & { revision?: number },
    Record<string, unknown>,
    Params
  >({
    method: 'put',
    path: spec.path,
    bodyLimit: 'content',
    permission: 'ruleSets.edit',
    summary: spec.summary,
    tags: ['rule sets'],
    request: {
      params: spec.params,
      body: optionalRevisionBody({ [spec.field]: { type: 'object' } }, [spec.field]),
    },
    responses: draftSavedResponses,
    handler: async ({ c, ops, auth, params, body }) =>
      withEtag(
        c,
        await spec.save({
          ops,
          target: draftSaveOf(c, auth, params, body.revision),
          params,
          value: body[spec.field]!,
        }),
      ),
  });

export function replaceContentRoute(): RouteDefinition {
  return draftSaveRoute<VersionParams>({
    path: '/api/rule-sets/:id/versions/:n/content',
    summary:
      'Replace the content of a draft (If-Match or revision required); drafts may be saved with issues',
    params: versionParams,
    field: 'content',
    save: ({ ops, target, value }) => ops.replaceDraftContent({ ...target, content: value }),
  });
}

export function putDocumentRoute(): RouteDefinition {
  return draftSaveRoute<DocumentParams>({
    path: '/api/rule-sets/:id/versions/:n/documents/:kind/:docId',
    summary: 'Add or replace one document of a draft (a different body id renames it)',
    params: documentParams,
    field: 'document',
    save: ({ ops, target, params, value }) =>
      ops.updateDraftDocument({ ...target, kind: params.kind, docId: params.docId, document: value }),
  });
}

export function deleteDocumentRoute(): RouteDefinition {
  return defineRoute<unknown, { revision?: number }, DocumentParams>({
    method: 'delete',
    path: '/api/rule-sets/:id/versions/:n/documents/:kind/:docId',
    permission: 'ruleSets.edit',
    summary: 'Remove one document of a draft (If-Match or ?revision= required)',
    tags: ['rule sets'],
    request: {
      params: documentParams,
      query: { type: 'object', properties: { revision: revisionProperty } },
    },
    responses: {
      200: { description: 'The saved draft with its issues', schema: versionDetailSchema },
      404: { description: '`ruleset.not_found`, `ruleset.document_not_found`', schema: errorSchema },
      409: lifecycleErrors[409],
      428: revisionRequired,
    },
    handler: async ({ c, ops, auth, params, query }) =>
      withEtag(
        c,
        await ops.deleteDraftDocument({
          ...draftSaveOf(c, auth, params, query.revision),
          kind: params.kind,
          docId: params.docId,
        }),
      ),
  });
}

export function restoreRoute(): RouteDefinition {
  return defineRoute<Record<string, unknown>, Record<string, unknown>, VersionParams>({
    method: 'post',
    path: '/api/rule-sets/:id/versions/:n/restore',
    permission: 'ruleSets.edit',
    summary: 'Restore a version: copy it into a new draft',
    tags: ['rule sets'],
    request: { params: versionParams, body: { type: 'object' } },
    responses: {
      201: { description: 'The new draft', schema: versionDetailSchema },
      404: ruleSetNotFound,
    },
    handler: async ({ c, ops, auth, params }) =>
      withEtag(
        c,
        await ops.createDraft({ actor: auth!.actor, ruleSetId: params.id, basedOn: params.n }),
        201,
      ),
  });
}
