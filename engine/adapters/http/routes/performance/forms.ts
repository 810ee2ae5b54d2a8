/** @module Routes of a unit's workspace: its indicators, forms due and one indicator's form (engine/app/performance/get-unit-indicators.ts, get-forms-due.ts, get-form-for-indicator.ts). */
import { defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { arrayOf, nullableString, num, objectOf, str, strings } from '../../schemas.ts';
import { performanceRead } from './read-route.ts';
import {
  actorOf,
  day,
  deadlineProperties,
  entryStateProperties,
  errors,
  formContentProperties,
  frequency,
  id,
  localized,
  period,
  unitQuery,
  versionProperties,
} from './schemas.ts';

const unitIndicatorsSchema: JsonSchema = objectOf({
  ...versionProperties,
  unitId: id,
  indicators: arrayOf(
    objectOf({
      indicatorId: id,
      code: str,
      name: localized,
      path: strings,
      role: { type: 'string', enum: ['scored', 'bonus', 'deduction', 'veto'] },
      frequency,
      dataSource: str,
      formId: nullableString,
      maxScore: num,
      minScore: num,
      weight: num,
      localWeight: num,
      target: {
        oneOf: [objectOf({ value: num, monthly: arrayOf(num) }, { optional: ['monthly'] }), { type: 'null' }],
      },
      lightRuleId: nullableString,
    }),
  ),
});

const formsDueSchema: JsonSchema = objectOf({
  ...versionProperties,
  unitId: id,
  period,
  today: day,
  forms: arrayOf(
    objectOf({
      indicatorId: id,
      code: str,
      name: localized,
      formId: id,
      frequency,
      period,
      ...deadlineProperties,
      ...entryStateProperties,
    }),
  ),
});

const indicatorFormSchema: JsonSchema = objectOf({
  ...versionProperties,
  indicatorId: id,
  code: str,
  unitId: id,
  formId: id,
  name: localized,
  ...formContentProperties,
  period,
  ...deadlineProperties,
});

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
