/** @module Routes of a unit's workspace: its indicators, forms due and one indicator's form (engine/app/performance/get-unit-indicators.ts, get-forms-due.ts, get-form-for-indicator.ts). */
import { defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { performanceRead } from './read-route.ts';
import {
  actorOf,
  day,
  entryStateProperties,
  errors,
  formContentProperties,
  formStatus,
  frequency,
  id,
  localized,
  period,
  ruleSetId,
  unitQuery,
} from './schemas.ts';

const unitIndicatorsSchema: JsonSchema = {
  type: 'object',
  required: ['ruleSetId', 'ruleSetVersion', 'unitId', 'indicators'],
  properties: {
    ruleSetId,
    ruleSetVersion: { type: 'integer' },
    unitId: id,
    indicators: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'indicatorId',
          'code',
          'name',
          'path',
          'role',
          'frequency',
          'dataSource',
          'formId',
          'maxScore',
          'minScore',
          'weight',
          'localWeight',
          'target',
          'lightRuleId',
        ],
        properties: {
          indicatorId: id,
          code: { type: 'string' },
          name: localized,
          path: { type: 'array', items: { type: 'string' } },
          role: { type: 'string', enum: ['scored', 'bonus', 'deduction', 'veto'] },
          frequency,
          dataSource: { type: 'string' },
          formId: { type: ['string', 'null'] },
          maxScore: { type: 'number' },
          minScore: { type: 'number' },
          weight: { type: 'number' },
          localWeight: { type: 'number' },
          target: {
            oneOf: [
              {
                type: 'object',
                required: ['value'],
                properties: {
                  value: { type: 'number' },
                  monthly: { type: 'array', items: { type: 'number' } },
                },
              },
              { type: 'null' },
            ],
          },
          lightRuleId: { type: ['string', 'null'] },
        },
      },
    },
  },
};

const formsDueSchema: JsonSchema = {
  type: 'object',
  required: ['ruleSetId', 'ruleSetVersion', 'unitId', 'period', 'today', 'forms'],
  properties: {
    ruleSetId,
    ruleSetVersion: { type: 'integer' },
    unitId: id,
    period,
    today: day,
    forms: {
      type: 'array',
      items: {
        type: 'object',
        required: [
          'indicatorId',
          'code',
          'name',
          'formId',
          'frequency',
          'period',
          'deadline',
          'lockDate',
          'status',
          ...Object.keys(entryStateProperties),
        ],
        properties: {
          indicatorId: id,
          code: { type: 'string' },
          name: localized,
          formId: id,
          frequency,
          period,
          deadline: day,
          lockDate: day,
          status: formStatus,
          ...entryStateProperties,
        },
      },
    },
  },
};

const indicatorFormSchema: JsonSchema = {
  type: 'object',
  required: [
    'ruleSetId',
    'ruleSetVersion',
    'indicatorId',
    'code',
    'unitId',
    'formId',
    'name',
    ...Object.keys(formContentProperties),
    'period',
    'deadline',
    'lockDate',
    'status',
  ],
  properties: {
    ruleSetId,
    ruleSetVersion: { type: 'integer' },
    indicatorId: id,
    code: { type: 'string' },
    unitId: id,
    formId: id,
    name: localized,
    ...formContentProperties,
    period,
    deadline: day,
    lockDate: day,
    status: formStatus,
  },
};

/** GET /api/performance/indicators, /forms-due and /forms/:indicatorId. */
export function formRoutes(): RouteDefinition[] {
  return [
    performanceRead(
      '/api/performance/indicators',
      'A unit’s indicators with weights and targets, under the version in force for `period` (default this month; next year’s once published)',
      unitQuery({ period }),
      { description: 'Indicators', schema: unitIndicatorsSchema },
      'getUnitIndicators',
    ),
    performanceRead(
      '/api/performance/forms-due',
      'A unit’s forms for a period with deadline status (open / dueSoon / late / locked)',
      unitQuery({ period }),
      { description: 'Forms due', schema: formsDueSchema },
      'getFormsDue',
    ),
    defineRoute<unknown, { unitId?: string; period?: string; ruleSetId?: string }, { indicatorId: string }>({
      method: 'get',
      path: '/api/performance/forms/:indicatorId',
      permission: 'performance.read',
      summary: 'The form of an indicator (JSON Schema, UI schema, checks) from the active rule set',
      tags: ['performance'],
      request: {
        params: { type: 'object', required: ['indicatorId'], properties: { indicatorId: id } },
        query: unitQuery({ period }),
      },
      responses: { 200: { description: 'Form', schema: indicatorFormSchema }, ...errors },
      handler: ({ ops, auth, query, params }) =>
        ops.getFormForIndicator({ actor: actorOf(auth), indicatorId: params.indicatorId, ...query }),
    }),
  ];
}
