/** @module Routes of a unit's scoring results: scores with traces, and the light matrix (engine/app/performance/get-scores.ts, get-lights.ts). */
import type { JsonSchema, RouteDefinition } from '../../route.ts';
import { performanceRead } from './read-route.ts';
import { anyObject, day, fresh, id, localized, period, unitQuery } from './schemas.ts';

const nullableNumber: JsonSchema = { type: ['number', 'null'] };

const nullablePeriod: JsonSchema = { type: ['string', 'null'] };

const lightsSchema: JsonSchema = {
  type: 'object',
  required: ['asOf', 'ruleSet', 'units', 'indicators', 'lights', 'recomputing'],
  properties: {
    asOf: day,
    ruleSet: { type: 'string' },
    units: {
      type: 'array',
      items: { type: 'object', required: ['id', 'name'], properties: { id, name: localized } },
    },
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'code', 'name'],
        properties: { id, code: { type: 'string' }, name: localized },
      },
    },
    lights: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'unitId',
          'indicatorId',
          'asOf',
          'colour',
          'actual',
          'expected',
          'shortfall',
          'direction',
          'reportPeriod',
          'overduePeriod',
        ],
        properties: {
          unitId: id,
          indicatorId: id,
          asOf: day,
          colour: { type: 'string', enum: ['green', 'yellow', 'red', 'grey', 'overdue'] },
          actual: nullableNumber,
          expected: nullableNumber,
          shortfall: nullableNumber,
          direction: { type: 'string', enum: ['higherIsBetter', 'lowerIsBetter'] },
          reportPeriod: nullablePeriod,
          overduePeriod: nullablePeriod,
        },
      },
    },
    recomputing: {
      type: 'boolean',
      description:
        'True while new entries wait for their background recompute (the lights are the last computed)',
    },
  },
};

/** GET /api/performance/scores and /lights. */
export function scoreRoutes(): RouteDefinition[] {
  return [
    performanceRead(
      '/api/performance/scores',
      'Scores of a unit for a month with traces ("why this score", naming ruleSetId@version)',
      unitQuery({ period, indicatorId: id, explain: { type: 'boolean' }, fresh }, ['period']),
      {
        description:
          '{ruleSet, unitId, period, result, scores, recomputing}: the last projection while recomputing',
        schema: anyObject,
      },
      'getScores',
    ),
    performanceRead(
      '/api/performance/lights',
      'Light matrix unit × indicator',
      unitQuery({ asOf: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, fresh }),
      { description: '{asOf, units, indicators, lights, recomputing}', schema: lightsSchema },
      'getLights',
    ),
  ];
}
