/** @module User administration routes: list, create, disable/enable, reset password. */
import type { Role } from '../../../ports/store.ts';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { idRoute } from './id-route.ts';
import {
  adminUserSchema,
  errorSchema,
  idParamsSchema as idParams,
  roleSchema,
  userWithPasswordSchema,
} from '../schemas.ts';

/**
 * Routes under /api/users.
 * Long: a table of route declarations; each handler is a few lines that call one operation.
 */
export function userRoutes(): RouteDefinition[] {
  const toggle = (disabled: boolean) =>
    defineRoute<unknown, Record<string, unknown>, { id: string }>({
      method: 'post',
      path: `/api/users/:id/${disabled ? 'disable' : 'enable'}`,
      permission: 'users.manage',
      summary: disabled ? 'Disable a user and end their sessions' : 'Enable a disabled user',
      tags: ['users'],
      request: { params: idParams },
      responses: disabled
        ? {
            200: { description: 'The user', schema: adminUserSchema },
            404: { description: '`user.not_found`', schema: errorSchema },
            409: {
              description: '`user.self_disable`: admins cannot disable themselves',
              schema: errorSchema,
            },
          }
        : {
            200: { description: 'The user', schema: adminUserSchema },
            404: { description: '`user.not_found`', schema: errorSchema },
          },
      handler: ({ ops, auth, params }) =>
        ops.setUserDisabled({ actor: auth!.actor, id: params.id, disabled }),
    });
  return [
    defineRoute<unknown, { unitId?: string; role?: Role }>({
      method: 'get',
      path: '/api/users',
      permission: 'users.read',
      summary: 'List users (never their passwords), optionally of a unit subtree or a role',
      tags: ['users'],
      request: {
        query: {
          type: 'object',
          properties: {
            unitId: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'Users of this unit and below',
            },
            role: roleSchema,
          },
        },
      },
      responses: {
        200: { description: 'Users ordered by username', schema: { type: 'array', items: adminUserSchema } },
      },
      handler: ({ ops, auth, query }) =>
        ops.listUsers({
          actor: auth!.actor,
          ...(query.unitId !== undefined ? { unitId: query.unitId } : {}),
          ...(query.role !== undefined ? { role: query.role } : {}),
        }),
    }),
    defineRoute<{ username: string; displayName?: string; roles: Role[]; unitId?: string | null }>({
      method: 'post',
      path: '/api/users',
      permission: 'users.manage',
      summary: 'Create a user; returns a generated one-time password, shown once',
      description: 'A user with the `unit` role must name a unit and is scoped to its subtree.',
      tags: ['users'],
      request: {
        body: {
          type: 'object',
          required: ['username', 'roles'],
          additionalProperties: false,
          properties: {
            username: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              pattern: '^[A-Za-z0-9._@-]+$',
              examples: ['edu-clerk'],
            },
            displayName: { type: 'string', minLength: 1, maxLength: 200, examples: ['教育局填报员'] },
            roles: { type: 'array', items: roleSchema, minItems: 1, uniqueItems: true },
            unitId: { type: ['string', 'null'], examples: ['dept-education'] },
          },
        },
      },
      responses: {
        201: { description: 'Created', schema: userWithPasswordSchema },
        404: { description: '`unit.not_found`', schema: errorSchema },
        409: { description: '`user.username_taken`', schema: errorSchema },
      },
      handler: ({ ops, auth, body }) => ops.createUser({ actor: auth!.actor, ...body }),
    }),
    toggle(true),
    toggle(false),
    idRoute(
      {
        method: 'post',
        path: '/api/users/:id/reset-password',
        permission: 'users.manage',
        summary: 'Reset a password: returns a generated one-time password and ends the user’s sessions',
        tags: ['users'],
        responses: {
          200: { description: 'The user and the new password', schema: userWithPasswordSchema },
          404: { description: '`user.not_found`', schema: errorSchema },
        },
      },
      (ops, input) => ops.resetUserPassword(input),
    ),
  ];
}
