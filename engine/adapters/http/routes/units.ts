/** @module Unit routes. */
import { defineRoute, type RouteDefinition } from '../route.ts';
import { idRoute } from './id-route.ts';
import { unitSchema } from '../schemas.ts';

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
    idRoute(
      {
        method: 'get',
        path: '/api/units/:id',
        permission: 'units.read',
        summary: 'One responsible unit',
        tags: ['units'],
        responses: {
          200: { description: 'The unit', schema: unitSchema },
          403: { description: '`unit.out_of_scope`: outside a unit user’s subtree' },
          404: { description: '`unit.not_found`' },
        },
      },
      (ops, input) => ops.getUnit(input),
    ),
  ];
}
