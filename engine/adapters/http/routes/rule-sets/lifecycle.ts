/** @module Rule-set lifecycle routes: submit, approve (four eyes), reject, publish and archive a version. */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import { defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { errorSchema } from '../../schemas.ts';
import { versionParams, versionDetailSchema, lifecycleErrors } from './schemas.ts';
import { type VersionParams, revisionOf, versionOf, withEtag, optionalRevisionBody } from './shared.ts';

/** A lifecycle step of one version: POST /api/rule-sets/:id/versions/:n/<action>. */
const lifecycle = (
  action: 'submit' | 'approve' | 'reject' | 'publish' | 'archive',
  spec: {
    permission: 'ruleSets.edit' | 'ruleSets.review' | 'ruleSets.publish';
    summary: string;
    body: JsonSchema;
    extra?: Record<number, { description: string; schema?: JsonSchema }>;
    call: (ctx: {
      ops: Parameters<RouteDefinition['handler']>[0]['ops'];
      /** The caller, the version and the revision the step is based on, if one was sent. */
      step: ReturnType<typeof versionOf> & { ifRevision?: number };
      body: Record<string, unknown>;
    }) => Promise<{ revision: number }>;
  },
) =>
  defineRoute<Record<string, unknown>, Record<string, unknown>, VersionParams>({
    method: 'post',
    path: `/api/rule-sets/:id/versions/:n/${action}`,
    permission: spec.permission,
    summary: spec.summary,
    tags: ['rule sets'],
    request: { params: versionParams, body: spec.body },
    responses: {
      200: { description: 'The version after the step', schema: versionDetailSchema },
      ...lifecycleErrors,
      ...spec.extra,
    },
    handler: async ({ c, ops, auth, params, body }) => {
      const ifRevision = revisionOf(c, body.revision as number | undefined);
      const step = { ...versionOf(auth, params), ...(ifRevision !== undefined ? { ifRevision } : {}) };
      return withEtag(c, await spec.call({ ops, step, body }));
    },
  });

export function submitRoute(): RouteDefinition {
  return lifecycle('submit', {
    permission: 'ruleSets.edit',
    summary: 'Submit a draft for review (refused while check reports errors)',
    body: optionalRevisionBody(),
    extra: { 422: { description: '`ruleset.has_errors` with `details.issues`', schema: errorSchema } },
    call: ({ ops, step }) => ops.submitForReview(step),
  });
}

export function approveRoute(): RouteDefinition {
  return lifecycle('approve', {
    permission: 'ruleSets.review',
    summary: 'Approve a version in review (not your own: four-eyes rule)',
    body: optionalRevisionBody({ comment: { type: 'string', maxLength: 2000 } }),
    extra: { 403: { description: '`ruleset.four_eyes`', schema: errorSchema } },
    call: ({ ops, step, body }) =>
      ops.approveVersion({
        ...step,
        ...(typeof body.comment === 'string' ? { comment: body.comment } : {}),
      }),
  });
}

export function rejectRoute(): RouteDefinition {
  return lifecycle('reject', {
    permission: 'ruleSets.review',
    summary: 'Send a version in review or approved back to draft with a comment',
    body: optionalRevisionBody({ comment: { type: 'string', minLength: 1, maxLength: 2000 } }, ['comment']),
    call: ({ ops, step, body }) => ops.rejectVersion({ ...step, comment: String(body.comment) }),
  });
}

export function publishRoute(): RouteDefinition {
  return lifecycle('publish', {
    permission: 'ruleSets.publish',
    summary: 'Publish an approved version; supersedes what is in force from its effectiveFrom',
    body: optionalRevisionBody({
      effectiveFrom: { type: 'string', format: 'date', examples: [`${sampleDates.year}-01-01`] },
      effectiveTo: { type: 'string', format: 'date', examples: [`${sampleDates.year}-12-31`] },
      supersede: {
        type: 'boolean',
        description: 'Replace overlapping versions of other rule sets on the same timeline',
        examples: [true],
      },
    }),
    extra: { 400: { description: '`ruleset.bad_period`', schema: errorSchema } },
    call: ({ ops, step, body }) =>
      ops.publishVersion({
        ...step,
        ...(typeof body.effectiveFrom === 'string' ? { effectiveFrom: body.effectiveFrom } : {}),
        ...(typeof body.effectiveTo === 'string' ? { effectiveTo: body.effectiveTo } : {}),
        ...(body.supersede === true ? { supersede: true } : {}),
      }),
  });
}

export function archiveRoute(): RouteDefinition {
  return lifecycle('archive', {
    permission: 'ruleSets.publish',
    summary: 'Archive a version (a published one stops being in force)',
    body: optionalRevisionBody(),
    call: ({ ops, step }) => ops.archiveVersion(step),
  });
}
