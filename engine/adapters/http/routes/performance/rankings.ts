/** @module Routes of the standings of a month: rankings per peer group, comparisons over time, red and black lists (engine/app/performance/get-rankings.ts, get-comparisons.ts, get-lists.ts). */
import { closedObject, defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { performanceRead } from './read-route.ts';
import { actorOf, errors, fresh, id, localized, period, ruleSetId } from './schemas.ts';

const nullableNumber: JsonSchema = { type: ['number', 'null'] };

/** A unit's place in a ranking (engine/core/scoring/reports.ts `RankingRow`). */
const rankingRowSchema: JsonSchema = {
  title: 'RankingRow',
  type: 'object',
  required: ['rank', 'unitId', 'name', 'total', 'gradeId', 'vetoed'],
  properties: {
    rank: { type: 'integer' },
    unitId: id,
    name: localized,
    total: { type: 'number' },
    gradeId: { type: ['string', 'null'] },
    vetoed: { type: 'boolean' },
  },
};

const rankingsSchema: JsonSchema = {
  type: 'object',
  required: ['period', 'ruleSet', 'groups', 'recomputing'],
  properties: {
    period,
    ruleSet: { type: 'string' },
    groups: {
      type: 'array',
      items: {
        type: 'object',
        required: ['group', 'rows'],
        properties: { group: { type: 'string' }, rows: { type: 'array', items: rankingRowSchema } },
      },
    },
    recomputing: { type: 'boolean' },
  },
};

const comparisonsSchema: JsonSchema = {
  type: 'object',
  required: ['period', 'kind', 'items'],
  properties: {
    period,
    kind: { type: 'string', enum: ['monthOnMonth', 'yearOnYear', 'improvement'] },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'unitId',
          'period',
          'basePeriod',
          'total',
          'baseTotal',
          'change',
          'changeRate',
          'rank',
          'baseRank',
          'rankImprovement',
        ],
        properties: {
          unitId: id,
          period,
          basePeriod: period,
          total: nullableNumber,
          baseTotal: nullableNumber,
          change: nullableNumber,
          changeRate: nullableNumber,
          rank: nullableNumber,
          baseRank: nullableNumber,
          rankImprovement: nullableNumber,
        },
      },
    },
  },
};

const listsSchema: JsonSchema = {
  type: 'object',
  required: ['period', 'red', 'black'],
  properties: {
    period,
    red: {
      type: 'array',
      items: {
        allOf: [
          rankingRowSchema,
          { type: 'object', required: ['group'], properties: { group: { type: 'string' } } },
        ],
      },
    },
    black: { type: 'array', items: rankingRowSchema },
  },
};

/** GET /api/performance/rankings, /comparisons and /lists. */
export function rankingRoutes(): RouteDefinition[] {
  return [
    performanceRead(
      '/api/performance/rankings',
      'Rankings per peer group (competition ranks: ties share a rank)',
      closedObject({ period, group: id, ruleSetId, fresh }, ['period']),
      { description: '{period, groups:[{group, rows}], recomputing}', schema: rankingsSchema },
      'getRankings',
    ),
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
      responses: { 200: { description: '{items}', schema: comparisonsSchema }, ...errors },
      handler: ({ ops, auth, query }) =>
        ops.getComparisons({ actor: actorOf(auth), ...query, kind: query.kind ?? 'monthOnMonth' }),
    }),
    performanceRead(
      '/api/performance/lists',
      'Red list and black list of a month',
      closedObject({ period, ruleSetId }, ['period']),
      { description: '{red, black}', schema: listsSchema },
      'getLists',
    ),
  ];
}
