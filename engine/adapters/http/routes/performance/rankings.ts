/** @module Routes of the standings of a month: rankings per peer group, comparisons over time, red and black lists (engine/app/performance/get-rankings.ts, get-comparisons.ts, get-lists.ts). */
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { actorOf, anyObject, errors, fresh, id, period, ruleSetId } from './schemas.ts';

/** GET /api/performance/rankings, /comparisons and /lists. */
export function rankingRoutes(): RouteDefinition[] {
  return [
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
