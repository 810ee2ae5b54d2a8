/** @module Routes of a unit's monthly form (engine/app/performance/monthly-form.ts): read it, submit it in one transaction. */
import { defineRoute, type JsonSchema, type RouteDefinition } from '../../route.ts';
import { performanceRead } from './read-route.ts';
import { errorSchema } from '../../schemas.ts';
import {
  actorOf,
  day,
  entrySchema,
  entryStateProperties,
  errors,
  formContentProperties,
  formStatus,
  frequency,
  id,
  localized,
  period,
  ruleSetId,
  sha,
  unitQuery,
  values,
  waitQuery,
} from './schemas.ts';

const monthlyFormSchema: JsonSchema = {
  type: 'object',
  required: [
    'ruleSetId',
    'ruleSetVersion',
    'unitId',
    'unitName',
    'period',
    'today',
    'deadline',
    'lockDate',
    'status',
    'daysLeft',
    'counts',
    'dueNext',
    'months',
    'areas',
  ],
  properties: {
    ruleSetId,
    ruleSetVersion: { type: 'integer' },
    unitId: id,
    unitName: { type: 'string' },
    period,
    today: day,
    deadline: day,
    lockDate: day,
    status: formStatus,
    daysLeft: { type: 'integer', description: 'Days from today to the deadline (negative: past it)' },
    counts: {
      type: 'object',
      required: ['empty', 'total'],
      properties: { empty: { type: 'integer' }, total: { type: 'integer' } },
    },
    dueNext: { type: ['string', 'null'], description: 'The month due next (earliest open deadline)' },
    months: {
      type: 'array',
      items: {
        type: 'object',
        required: ['period', 'deadline', 'lockDate', 'status', 'daysLeft', 'empty', 'total'],
        properties: {
          period,
          deadline: day,
          lockDate: day,
          status: formStatus,
          daysLeft: { type: 'integer' },
          empty: { type: 'integer' },
          total: { type: 'integer' },
        },
      },
    },
    areas: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'code', 'name', 'indicators', 'empty'],
        properties: {
          id,
          code: { type: 'string' },
          name: localized,
          empty: { type: 'integer' },
          indicators: {
            type: 'array',
            items: {
              type: 'object',
              required: [
                'indicatorId',
                'code',
                'name',
                'frequency',
                'formId',
                'formName',
                ...Object.keys(formContentProperties),
                ...Object.keys(entryStateProperties),
              ],
              properties: {
                indicatorId: id,
                code: { type: 'string' },
                name: localized,
                frequency,
                formId: id,
                formName: localized,
                ...formContentProperties,
                ...entryStateProperties,
              },
            },
          },
        },
      },
    },
  },
};

const monthlyFormWriteSchema: JsonSchema = {
  type: 'object',
  required: ['unitId', 'period', 'ruleSetId', 'ruleSetVersion', 'entries', 'unchanged', 'recomputing'],
  properties: {
    unitId: id,
    period,
    ruleSetId,
    ruleSetVersion: { type: 'integer' },
    entries: { type: 'array', items: entrySchema },
    unchanged: { type: 'array', items: id },
    recomputing: { type: 'boolean' },
  },
};

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
