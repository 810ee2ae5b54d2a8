/** @module Rule-set check routes: the semantic diff between two versions and validation without saving. */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import { parseVersionRef } from '../../../../app/rule-sets/shared.ts';
import { checkRuleSetBounded, sharedRuleSetChecker } from '../../../workers/ruleset-check.ts';
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { errorSchema } from '../../schemas.ts';
import { issueSchema, ruleSetNotFound } from './schemas.ts';

/** Posted rule sets up to this size are validated on the request's thread, larger ones in a worker. */
const INLINE_CHECK_BYTES = 64 * 1024;

export function diffRoute(): RouteDefinition {
  return defineRoute<unknown, { a: string; b: string }>({
    method: 'get',
    path: '/api/rule-sets/diff',
    permission: 'ruleSets.read',
    summary: 'Semantic diff between two versions (same or different rule sets)',
    tags: ['rule sets'],
    request: {
      query: {
        type: 'object',
        required: ['a', 'b'],
        properties: {
          a: { type: 'string', pattern: '^.+@\\d+$', examples: [`district-${sampleDates.year}@1`] },
          b: { type: 'string', pattern: '^.+@\\d+$', examples: [`district-${sampleDates.year}@2`] },
        },
      },
    },
    responses: {
      200: {
        description: 'Changes from a to b, and their text rendering in the request language',
        schema: {
          type: 'object',
          required: ['a', 'b', 'changes', 'text'],
          properties: {
            a: { type: 'object' },
            b: { type: 'object' },
            changes: { type: 'array' },
            text: { type: 'string' },
          },
        },
      },
      403: { description: '`ruleset.draft_forbidden`', schema: errorSchema },
      404: ruleSetNotFound,
    },
    handler: ({ ops, auth, query, lang }) =>
      ops.diffVersions({
        actor: auth!.actor,
        a: parseVersionRef(query.a, '/query/a'),
        b: parseVersionRef(query.b, '/query/b'),
        lang,
      }),
  });
}

export function validateRoute(): RouteDefinition {
  return defineRoute<Record<string, unknown>>({
    method: 'post',
    path: '/api/rule-sets/validate',
    bodyLimit: 'content',
    permission: 'ruleSets.validate',
    summary: 'Validate and check a rule set without saving it (the studio’s inline issues)',
    tags: ['rule sets'],
    request: { body: { type: 'object', description: 'A rule set' } },
    responses: {
      200: {
        description: '`ok` is false when any issue is an error',
        schema: {
          type: 'object',
          required: ['ok', 'issues'],
          properties: { ok: { type: 'boolean' }, issues: { type: 'array', items: issueSchema } },
        },
      },
      422: {
        description:
          '`rule.budget_exceeded` (the embedded tests do too much work), `ruleset.check_timeout`, `ruleset.check_busy`',
        schema: errorSchema,
      },
    },
    // Small documents are checked here under a step budget; larger ones in the checker's worker
    // thread with a timeout, so the event loop keeps answering meanwhile.
    handler: ({ body, bodyLength }) =>
      bodyLength <= INLINE_CHECK_BYTES ? checkRuleSetBounded(body) : sharedRuleSetChecker().check(body),
  });
}
