/** @module Routes of a unit's monthly form (engine/app/performance/monthly-form.ts): read it, submit it in one transaction. */
import { defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { performanceRead } from './read-route.ts';
import { arrayOf, bool, errorSchema, int, objectOf, str } from '../../schemas.ts';
import {
  actorOf,
  day,
  deadlineProperties,
  entrySchema,
  entryStateProperties,
  errors,
  formContentProperties,
  frequency,
  id,
  localized,
  period,
  ruleSetId,
  sha,
  unitQuery,
  values,
  versionProperties,
  waitQuery,
} from './schemas.ts';

const monthlyFormSchema: JsonSchema = objectOf({
  ...versionProperties,
  unitId: id,
  unitName: str,
  period,
  today: day,
  ...deadlineProperties,
  daysLeft: { type: 'integer', description: 'Days from today to the deadline (negative: past it)' },
  counts: objectOf({ empty: int, total: int }),
  dueNext: { type: ['string', 'null'], description: 'The month due next (earliest open deadline)' },
  months: arrayOf(
    objectOf({
      period,
      ...deadlineProperties,
      daysLeft: int,
      empty: int,
      total: int,
    }),
  ),
  areas: arrayOf(
    objectOf({
      id,
      code: str,
      name: localized,
      empty: int,
      indicators: arrayOf(
        objectOf({
          indicatorId: id,
          code: str,
          name: localized,
          frequency,
          formId: id,
          formName: localized,
          ...formContentProperties,
          ...entryStateProperties,
        }),
      ),
    }),
  ),
});

const monthlyFormWriteSchema: JsonSchema = objectOf({
  unitId: id,
  period,
  ...versionProperties,
  entries: arrayOf(entrySchema),
  unchanged: arrayOf(id),
  recomputing: bool,
});

/** GET and POST /api/performance/monthly-form. */
export function monthlyFormRoutes(): RouteDefinition[] {
  return [
    performanceRead(
      '/api/performance/monthly-form',
      'A unit’s monthly form: every indicator it fills that month grouped by level-1 area, with the deadline status and the values submitted (default month: the one due next)',
      unitQuery({ period }),
      { description: 'MonthlyForm', schema: monthlyFormSchema },
      'getMonthlyForm',
    ),
    defineRoute<
      {
        unitId?: string;
        period: string;
        values: Record<string, Record<string, unknown>>;
        attachments?: Record<string, string[]>;
        ruleSetId?: string;
      },
      { wait?: boolean }
    >({
      method: 'post',
      path: '/api/performance/monthly-form',
      permission: 'performance.submit',
      summary:
        'Submit a unit’s monthly form: every indicator filled, validated against its form and appended in one transaction',
      tags: ['performance'],
      request: {
        query: waitQuery,
        body: {
          type: 'object',
          required: ['period', 'values'],
          properties: {
            unitId: id,
            period,
            values: {
              type: 'object',
              description: 'Form values by indicator id (indicators left out stay as they are)',
              maxProperties: 500,
              additionalProperties: values,
              examples: [{ 'ind-econ-1-1': { done: 420.5 } }],
            },
            attachments: {
              type: 'object',
              description: 'Evidence files (sha256 of uploads) by indicator id',
              maxProperties: 500,
              additionalProperties: { type: 'array', items: sha, maxItems: 50 },
            },
            ruleSetId,
          },
          additionalProperties: false,
        },
      },
      responses: {
        201: {
          description: '{unitId, period, entries, unchanged, recomputing}',
          schema: monthlyFormWriteSchema,
        },
        ...errors,
        409: {
          description: '`ledger.locked`: the month is locked; request an amendment',
          schema: errorSchema,
        },
      },
      handler: ({ ops, auth, body, query }) =>
        ops.submitMonthlyForm({ actor: actorOf(auth), ...body, ...query }),
    }),
  ];
}
