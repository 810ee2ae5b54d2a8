/** @module The audit list route (verification and checkpoints: routes/audit.ts). */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { auditRecordSchema } from './schemas.ts';

export function listAuditRoute(): RouteDefinition {
  return defineRoute<unknown, Record<string, string | number | undefined>>({
    method: 'get',
    path: '/api/audit',
    permission: 'audit.read',
    summary: 'Audit records with filters and paging (newest first by default)',
    tags: ['audit'],
    request: {
      query: {
        type: 'object',
        properties: {
          actor: { type: 'string', examples: ['admin'] },
          action: { type: 'string', examples: ['ruleSet.publish'] },
          target: {
            type: 'string',
            description: 'Prefix match',
            examples: [`ruleSet:district-${sampleDates.year}`],
          },
          from: {
            type: 'string',
            description: 'Inclusive ISO date or instant',
            examples: [`${sampleDates.year}-03-01`],
          },
          to: {
            type: 'string',
            description: 'Inclusive; a bare date includes the whole day',
            examples: [`${sampleDates.year}-03-31`],
          },
          limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          offset: { type: 'integer', minimum: 0, default: 0 },
          order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
        },
        additionalProperties: false,
      },
    },
    responses: {
      200: {
        description: 'One page and the number of matching records',
        schema: {
          type: 'object',
          required: ['items', 'total'],
          properties: { items: { type: 'array', items: auditRecordSchema }, total: { type: 'integer' } },
        },
      },
    },
    handler: ({ ops, query }) => ops.listAudit(query as Parameters<typeof ops.listAudit>[0]),
  });
}
