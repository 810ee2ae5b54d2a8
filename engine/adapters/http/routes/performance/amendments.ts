/** @module Routes of amendments of locked entries: request, list, decide (engine/app/performance/request-amendment.ts, list-amendments.ts, decide-amendment.ts). */
import { closedObject, defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { performanceRead } from './read-route.ts';
import { arrayOf, bool, errorSchema, objectOf } from '../../schemas.ts';
import { actorOf, amendmentSchema, entrySchema, errors, id, values, waitQuery } from './schemas.ts';

const amendmentsSchema: JsonSchema = objectOf({ items: arrayOf(amendmentSchema) });

const decisionSchema: JsonSchema = objectOf({
  amendment: amendmentSchema,
  entry: { oneOf: [entrySchema, { type: 'null' }] },
  score: { type: ['object', 'null'] },
  recomputing: bool,
});

/** POST/GET /api/performance/amendments, POST /amendments/:id/decision. */
export function amendmentRoutes(): RouteDefinition[] {
  return [
    defineRoute<{ entryId: string; values: Record<string, unknown>; reason: string }>({
      method: 'post',
      path: '/api/performance/amendments',
      permission: 'performance.submit',
      summary: 'Request an amendment of an entry',
      tags: ['performance'],
      request: {
        body: {
          type: 'object',
          required: ['entryId', 'values', 'reason'],
          properties: { entryId: id, values, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
          additionalProperties: false,
        },
      },
      responses: {
        201: { description: 'Amendment', schema: amendmentSchema },
        ...errors,
        409: { description: '`amendment.pending` / `amendment.superseded`', schema: errorSchema },
      },
      handler: ({ ops, auth, body }) => ops.requestAmendment({ actor: actorOf(auth), ...body }),
    }),
    performanceRead(
      '/api/performance/amendments',
      'Amendment requests, newest first',
      closedObject({ status: { type: 'string', enum: ['pending', 'approved', 'rejected'] }, unitId: id }),
      {
        description: '{items}',
        schema: amendmentsSchema,
      },
      'listAmendments',
    ),
    defineRoute<{ decision: 'approve' | 'reject'; note?: string }, { wait?: boolean }, { id: string }>({
      method: 'post',
      path: '/api/performance/amendments/:id/decision',
      permission: 'performance.decide',
      summary: 'Approve (new entry superseding the old, both kept) or reject an amendment',
      tags: ['performance'],
      request: {
        params: { type: 'object', required: ['id'], properties: { id } },
        query: waitQuery,
        body: {
          type: 'object',
          required: ['decision'],
          properties: {
            decision: { type: 'string', enum: ['approve', 'reject'] },
            note: { type: 'string', maxLength: 2000 },
          },
          additionalProperties: false,
        },
      },
      responses: {
        200: {
          description: '{amendment, entry, score, recomputing}',
          schema: decisionSchema,
        },
        ...errors,
        409: { description: '`amendment.decided`', schema: errorSchema },
      },
      handler: ({ ops, auth, body, params, query }) =>
        ops.decideAmendment({ actor: actorOf(auth), id: params.id, ...body, ...query }),
    }),
  ];
}
