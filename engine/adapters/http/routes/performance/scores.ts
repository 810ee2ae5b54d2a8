/** @module Routes of the scoring results: scores with traces, lights, rankings, comparisons, red and black lists (engine/app/performance/get-scores.ts, get-lights.ts, get-rankings.ts, get-comparisons.ts, get-lists.ts). */
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { actorOf, anyObject, errors, fresh, id, period, ruleSetId, unitQuery } from './schemas.ts';

/** GET /api/performance/scores, /lights, /rankings, /comparisons and /lists. */
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
    defineRoute<unknown, { period: string; group?: string; ruleSetId?: string; fresh?: boolean }>({
      method: 'get',
      path: '/api/performance/rankings',
      permission: 'performance.read',
      summary: 'Rankings per peer group (competition ranks: ties share a rank)',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          required: ['period'],
          properties: { period, group: id, ruleSetId, fresh },
          additionalProperties: false,
        },
      },
      responses: {
        200: { description: '{period, groups:[{group, rows}], recomputing}', schema: anyObject },
        ...errors,
      },
      handler: ({ ops, auth, query }) => ops.getRankings({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<
      unknown,
      {
        period: string;
        kind?: 'monthOnMonth' | 'yearOnYear' | 'improvement';
        basePeriod?: string;
        ruleSetId?: string;
      }
    >({
      method: 'get',
      path: '/api/performance/comparisons',
      permission: 'performance.read',
      summary: 'Comparisons over time (month on month, year on year, improvement)',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          required: ['period'],
          properties: {
            period,
            kind: { type: 'string', enum: ['monthOnMonth', 'yearOnYear', 'improvement'] },
            basePeriod: period,
            ruleSetId,
          },
          additionalProperties: false,
        },
      },
      responses: { 200: { description: '{items}', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) =>
        ops.getComparisons({ actor: actorOf(auth), ...query, kind: query.kind ?? 'monthOnMonth' }),
    }),
    defineRoute<unknown, { period: string; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/lists',
      permission: 'performance.read',
      summary: 'Red list and black list of a month',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          required: ['period'],
          properties: { period, ruleSetId },
          additionalProperties: false,
        },
      },
      responses: { 200: { description: '{red, black}', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) => ops.getLists({ actor: actorOf(auth), ...query }),
    }),
  ];
}
