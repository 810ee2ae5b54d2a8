/** @module User administration routes: list, create, disable/enable, reset password. */
import type { Role } from '../../../ports/store.ts';
import { defineRoute, type RouteDefinition, type RouteResponse } from '../route.ts';
import { type IdRun, idRoute } from './id-route.ts';
import { adminUserSchema, errorSchema, roleSchema, userWithPasswordSchema } from '../schemas.ts';

/**
 * Routes under /api/users.
 * Long: a table of route declarations; each handler is a few lines that call one operation.
 */
export function userRoutes(): RouteDefinition[] {
  /** POST /api/users/:id/<action>: 200 with `ok`, 404 for an unknown user, and the `more` answers. */
  const userAction = (
    action: string,
    summary: string,
    ok: RouteResponse,
    run: IdRun,
    more: Record<number, RouteResponse> = {},
  ) =>
    idRoute(
      {
        method: 'post',
        path: `/api/users/:id/${action}`,
        permission: 'users.manage',
        summary,
        tags: ['users'],
        responses: { 200: ok, 404: { description: '`user.not_found`', schema: errorSchema }, ...more },
      },
      run,
    );
  const theUser = { description: 'The user', schema: adminUserSchema };
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
    userAction(
      'disable',
      'Disable a user and end their sessions',
      theUser,
      (ops, input) => ops.setUserDisabled({ ...input, disabled: true }),
      { 409: { description: '`user.self_disable`: admins cannot disable themselves', schema: errorSchema } },
    ),
    userAction('enable', 'Enable a disabled user', theUser, (ops, input) =>
      ops.setUserDisabled({ ...input, disabled: false }),
    ),
    userAction(
      'reset-password',
      'Reset a password: returns a generated one-time password and ends the user’s sessions',
      { description: 'The user and the new password', schema: userWithPasswordSchema },
      (ops, input) => ops.resetUserPassword(input),
    ),
  ];
}
