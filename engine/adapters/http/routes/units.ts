/** @module Unit routes. */
import { defineRoute, type RouteDefinition } from '../route.ts';
import { idParamsSchema, unitSchema } from '../schemas.ts';

/** Routes under /api/units. */
export function unitRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/units',
      permission: 'units.read',
      summary: 'List responsible units (unit users see their own subtree)',
      tags: ['units'],
      responses: {
        200: { description: 'Units ordered by code', schema: { type: 'array', items: unitSchema } },
      },
      handler: ({ ops, auth }) => ops.listUnits({ actor: auth!.actor }),
    }),
    defineRoute<unknown, Record<string, unknown>, { id: string }>({
      method: 'get',
      path: '/api/units/:id',
      permission: 'units.read',
      summary: 'One responsible unit',
      tags: ['units'],
      request: { params: idParamsSchema },
      responses: {
        200: { description: 'The unit', schema: unitSchema },
        403: { description: '`unit.out_of_scope`: outside a unit user’s subtree' },
        404: { description: '`unit.not_found`' },
      },
      handler: ({ ops, auth, params }) => ops.getUnit({ actor: auth!.actor, id: params.id }),
    }),
  ];
}
