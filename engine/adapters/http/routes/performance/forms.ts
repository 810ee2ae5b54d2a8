/** @module Routes of a unit's workspace: its indicators, forms due and one indicator's form (engine/app/performance/get-unit-indicators.ts, get-forms-due.ts, get-form-for-indicator.ts). */
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { actorOf, anyObject, errors, id, period, unitQuery } from './schemas.ts';

/** GET /api/performance/indicators, /forms-due and /forms/:indicatorId. */
export function formRoutes(): RouteDefinition[] {
  return [
    defineRoute<unknown, { unitId?: string; period?: string; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/indicators',
      permission: 'performance.read',
      summary:
        'A unit’s indicators with weights and targets, under the version in force for `period` (default this month; next year’s once published)',
      tags: ['performance'],
      request: { query: unitQuery({ period }) },
      responses: { 200: { description: 'Indicators', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) => ops.getUnitIndicators({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<unknown, { unitId?: string; period?: string; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/forms-due',
      permission: 'performance.read',
      summary: 'A unit’s forms for a period with deadline status (open / dueSoon / late / locked)',
      tags: ['performance'],
      request: { query: unitQuery({ period }) },
      responses: { 200: { description: 'Forms due', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) => ops.getFormsDue({ actor: actorOf(auth), ...query }),
    }),
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
      responses: { 200: { description: 'Form', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query, params }) =>
        ops.getFormForIndicator({ actor: actorOf(auth), indicatorId: params.indicatorId, ...query }),
    }),
  ];
}
