/** @module Route of values delivered by third parties (engine/app/performance/submit-third-party-value.ts). */
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { actorOf, anyObject, errors, id, period, ruleSetId, values } from './schemas.ts';

/** POST /api/performance/third-party. */
export function thirdPartyRoutes(): RouteDefinition[] {
  return [
    defineRoute<{
      unitId: string;
      indicatorId: string;
      period: string;
      values: Record<string, unknown>;
      ruleSetId?: string;
    }>({
      method: 'post',
      path: '/api/performance/third-party',
      permission: 'performance.thirdParty',
      summary: 'Deliver the value of a third-party indicator',
      tags: ['performance'],
      request: {
        body: {
          type: 'object',
          required: ['unitId', 'indicatorId', 'period', 'values'],
          properties: { unitId: id, indicatorId: id, period, values, ruleSetId },
          additionalProperties: false,
        },
      },
      responses: { 201: { description: '{value, score}', schema: anyObject }, ...errors },
      handler: ({ ops, auth, body }) => ops.submitThirdPartyValue({ actor: actorOf(auth), ...body }),
    }),
  ];
}
