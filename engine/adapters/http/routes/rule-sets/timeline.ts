/** @module Rule-set timeline routes: the version in force on a date and the whole timeline. */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import { HttpRequestError } from '../../errors.ts';
import { defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { arrayOf, errorSchema, int, objectOf, str } from '../../schemas.ts';
import { versionDetailSchema } from './schemas.ts';
import { withEtag } from './shared.ts';

/** A day, `YYYY-MM-DD`. */
const day: JsonSchema = { type: 'string', format: 'date' };

export function activeRuleSetRoute(): RouteDefinition {
  return defineRoute<unknown, { at?: string; ruleSetId?: string }>({
    method: 'get',
    path: '/api/rule-sets/active',
    permission: 'ruleSets.read',
    summary: 'The published version in force on a date (default today, Asia/Shanghai)',
    tags: ['rule sets'],
    request: {
      query: {
        type: 'object',
        properties: {
          at: { type: 'string', format: 'date', examples: [`${sampleDates.year}-05-01`] },
          ruleSetId: { type: 'string', description: 'Needed when several rule sets are in force' },
        },
      },
    },
    responses: {
      200: { description: 'The version in force', schema: versionDetailSchema },
      404: { description: '`ruleset.none_active`', schema: errorSchema },
    },
    handler: async ({ c, ops, query }) => {
      const active = await ops.getActiveRuleSet({
        ...(query.at === undefined ? {} : { at: query.at }),
        ...(query.ruleSetId === undefined ? {} : { ruleSetId: query.ruleSetId }),
      });
      if (!active) {
        throw new HttpRequestError(404, 'ruleset.none_active', {
          en: 'No published rule set is in force on that date.',
          zh: '该日期没有生效的已发布规则集。',
        });
      }
      return withEtag(c, active);
    },
  });
}

export function timelineRoute(): RouteDefinition {
  return defineRoute<unknown, { at?: string }>({
    method: 'get',
    path: '/api/rule-sets/timeline',
    permission: 'ruleSets.read',
    summary:
      'The timeline: every published version by effective period, marked past, in force or next as of a date',
    tags: ['rule sets'],
    request: {
      query: {
        type: 'object',
        properties: { at: { type: 'string', format: 'date', examples: [`${sampleDates.year}-12-03`] } },
      },
    },
    responses: {
      200: {
        description: 'Published versions ordered by timeline and effective period',
        schema: objectOf({
          at: day,
          items: arrayOf(
            objectOf(
              {
                timeline: str,
                ruleSetId: str,
                number: int,
                name: {},
                effectiveFrom: day,
                effectiveTo: day,
                status: str,
                when: { type: 'string', enum: ['past', 'inForce', 'next'] },
                carries: arrayOf({ type: 'string', enum: ['assessment', 'cases'] }),
              },
              { optional: ['name', 'status'] },
            ),
          ),
        }),
      },
      400: { description: '`ruleset.bad_date`', schema: errorSchema },
    },
    handler: async ({ c, ops, query }) =>
      c.json(await ops.getTimeline(query.at === undefined ? {} : { at: query.at })),
  });
}
