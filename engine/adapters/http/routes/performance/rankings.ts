/** @module Routes of the standings of a month: rankings per peer group, comparisons over time, red and black lists (engine/app/performance/get-rankings.ts, get-comparisons.ts, get-lists.ts). */
import { closedObject, defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { arrayOf, bool, int, nullableNumber, nullableString, num, objectOf, str } from '../../schemas.ts';
import { performanceRead } from './read-route.ts';
import { actorOf, errors, fresh, id, localized, period, ruleSetId } from './schemas.ts';

/** A unit's place in a ranking (engine/core/scoring/reports.ts `RankingRow`). */
const rankingRowSchema: JsonSchema = objectOf(
  {
    rank: int,
    unitId: id,
    name: localized,
    total: num,
    gradeId: nullableString,
    vetoed: bool,
  },
  { title: 'RankingRow' },
);

const rankingsSchema: JsonSchema = objectOf({
  period,
  ruleSet: str,
  groups: arrayOf(objectOf({ group: str, rows: arrayOf(rankingRowSchema) })),
  recomputing: bool,
});

const comparisonsSchema: JsonSchema = objectOf({
  period,
  kind: { type: 'string', enum: ['monthOnMonth', 'yearOnYear', 'improvement'] },
  items: arrayOf(
    objectOf({
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
    }),
  ),
});

const listsSchema: JsonSchema = objectOf({
  period,
  red: arrayOf({ allOf: [rankingRowSchema, objectOf({ group: str })] }),
  black: arrayOf(rankingRowSchema),
});

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
