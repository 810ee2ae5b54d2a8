/** @module Routes of the reports: a unit's (JSON, CSV, HTML) and the district's (JSON, CSV) (engine/app/performance/get-unit-report.ts, get-district-report.ts). */
import { defineRoute, type OperationInput, type RouteDefinition } from '../../route.ts';
import { actorOf, errors, period, ruleSetId, unitQuery } from './schemas.ts';

/** A CSV or HTML report as a response of its content type; a JSON report as it is. */
function textResponse(value: unknown): unknown {
  if (value && typeof value === 'object' && 'contentType' in value && 'body' in value) {
    const v = value as { contentType: string; body: string };
    return new Response(v.body, { status: 200, headers: { 'content-type': v.contentType } });
  }
  return value;
}

/** GET /api/performance/reports/unit and /reports/district. */
export function reportRoutes(): RouteDefinition[] {
  return [
    defineRoute<unknown, OperationInput<'getUnitReport'>>({
      method: 'get',
      path: '/api/performance/reports/unit',
      permission: 'performance.read',
      summary: 'A unit’s analysis report (JSON, CSV or printable HTML)',
      tags: ['performance'],
      request: {
        query: unitQuery(
          {
            period,
            format: { type: 'string', enum: ['json', 'csv', 'html'] },
            lang: { type: 'string', enum: ['zh', 'en'] },
          },
          ['period'],
        ),
      },
      responses: {
        200: { description: 'Report (application/json, text/csv or text/html)', contentType: 'text/csv' },
        ...errors,
      },
      handler: async ({ ops, auth, query, lang }) =>
        textResponse(
          await ops.getUnitReport({
            actor: actorOf(auth),
            ...query,
            lang: query.lang ?? (lang === 'en' ? 'en' : 'zh'),
          }),
        ),
    }),
    defineRoute<unknown, { period: string; format?: 'json' | 'csv'; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/reports/district',
      permission: 'performance.read',
      summary: 'The district report (JSON, or CSV of the ranking)',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          required: ['period'],
          properties: { period, format: { type: 'string', enum: ['json', 'csv'] }, ruleSetId },
          additionalProperties: false,
        },
      },
      responses: {
        200: { description: 'Report (application/json or text/csv)', contentType: 'text/csv' },
        ...errors,
      },
      handler: async ({ ops, auth, query }) =>
        textResponse(await ops.getDistrictReport({ actor: actorOf(auth), ...query })),
    }),
  ];
}
