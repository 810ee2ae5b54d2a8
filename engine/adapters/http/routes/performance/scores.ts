/** @module Routes of a unit's scoring results: scores with traces, and the light matrix (engine/app/performance/get-scores.ts, get-lights.ts). */
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { actorOf, anyObject, errors, fresh, id, period, unitQuery } from './schemas.ts';

/** GET /api/performance/scores and /lights. */
export function scoreRoutes(): RouteDefinition[] {
  return [
    defineRoute<
      unknown,
      {
        unitId?: string;
        period: string;
        indicatorId?: string;
        explain?: boolean;
        ruleSetId?: string;
        fresh?: boolean;
      }
    >({
      method: 'get',
      path: '/api/performance/scores',
      permission: 'performance.read',
      summary: 'Scores of a unit for a month with traces ("why this score", naming ruleSetId@version)',
      tags: ['performance'],
      request: {
        query: unitQuery({ period, indicatorId: id, explain: { type: 'boolean' }, fresh }, ['period']),
      },
      responses: {
        200: {
          description:
            '{ruleSet, unitId, period, result, scores, recomputing}: the last projection while recomputing',
          schema: anyObject,
        },
        ...errors,
      },
      handler: ({ ops, auth, query }) => ops.getScores({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<unknown, { unitId?: string; asOf?: string; ruleSetId?: string; fresh?: boolean }>({
      method: 'get',
      path: '/api/performance/lights',
      permission: 'performance.read',
      summary: 'Light matrix unit × indicator',
      tags: ['performance'],
      request: { query: unitQuery({ asOf: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, fresh }) },
      responses: {
        200: { description: '{asOf, units, indicators, lights, recomputing}', schema: anyObject },
        ...errors,
      },
      handler: ({ ops, auth, query }) => ops.getLights({ actor: actorOf(auth), ...query }),
    }),
  ];
}
