/** @module Routes of the ledger's entries: submit one, list them, read one (engine/app/performance/submit-entry.ts, list-entries.ts, get-entry.ts). */
import type {
  PostApiPerformanceEntriesBody,
  PostApiPerformanceEntriesQuery,
} from '../../../../../schemas/api-types.gen.ts';
import { closedObject, defineRoute, type RouteDefinition } from '../../route.ts';
import { performanceRead } from './read-route.ts';
import { errorSchema } from '../../schemas.ts';
import {
  actorOf,
  anyObject,
  entrySchema,
  errors,
  id,
  period,
  ruleSetId,
  sha,
  values,
  waitQuery,
} from './schemas.ts';

/**
 * POST/GET /api/performance/entries, GET /entries/:id.
 * Long: a list of three route declarations, data rather than steps.
 */
export function entryRoutes(): RouteDefinition[] {
  return [
    defineRoute<PostApiPerformanceEntriesBody, PostApiPerformanceEntriesQuery>({
      method: 'post',
      path: '/api/performance/entries',
      permission: 'performance.submit',
      summary:
        'Submit a form entry (appended to the ledger and acknowledged; its scores are recomputed in the background, `recomputing: true`)',
      tags: ['performance'],
      request: {
        query: waitQuery,
        body: {
          type: 'object',
          required: ['indicatorId', 'period', 'values'],
          properties: {
            unitId: id,
            indicatorId: id,
            period,
            values,
            attachments: { type: 'array', items: sha, maxItems: 50 },
            ruleSetId,
          },
          additionalProperties: false,
        },
      },
      responses: {
        201: {
          description:
            '{entry, score, result, changed, recomputing}: without `wait`, score/result are the last computed ones and changed is null',
          schema: anyObject,
        },
        ...errors,
        409: {
          description: '`ledger.locked`: the period is locked; request an amendment',
          schema: errorSchema,
        },
      },
      handler: ({ ops, auth, body, query }) => ops.submitEntry({ actor: actorOf(auth), ...body, ...query }),
    }),
    performanceRead(
      '/api/performance/entries',
      'Ledger entries, newest first',
      closedObject({ unitId: id, indicatorId: id, period, includeSuperseded: { type: 'boolean' } }),
      {
        description: '{items}',
        schema: { type: 'object', properties: { items: { type: 'array', items: entrySchema } } },
      },
      'listEntries',
    ),
    defineRoute<unknown, Record<string, unknown>, { id: string }>({
      method: 'get',
      path: '/api/performance/entries/:id',
      permission: 'performance.read',
      summary: 'One ledger entry',
      tags: ['performance'],
      request: { params: { type: 'object', required: ['id'], properties: { id } } },
      responses: { 200: { description: 'Entry', schema: entrySchema }, ...errors },
      handler: ({ ops, auth, params }) => ops.getEntry({ actor: actorOf(auth), id: params.id }),
    }),
  ];
}
