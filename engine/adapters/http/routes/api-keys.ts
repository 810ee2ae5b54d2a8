/** @module API key routes: create (secret shown once), list and revoke. */
import type { Role } from '../../../ports/store.ts';
import { defineRoute, type RouteDefinition } from '../route.ts';
import { idRoute } from './id-route.ts';
import { apiKeySchema, errorSchema, roleSchema } from '../schemas.ts';

/** Routes under /api/api-keys. */
export function apiKeyRoutes(): RouteDefinition[] {
  return [
    defineRoute<{ name: string; roles?: Role[]; unitId?: string | null }>({
      method: 'post',
      path: '/api/api-keys',
      permission: 'apiKeys.create',
      summary: 'Create an API key; the key is returned once and never again',
      description: 'Use it as `Authorization: Bearer bk_<prefix>_<secret>`. Only its SHA-256 is stored.',
      tags: ['api-keys'],
      request: {
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 100, examples: ['12345 hotline bridge'] },
            roles: { type: 'array', items: roleSchema, uniqueItems: true, default: ['plugin'] },
            unitId: { type: ['string', 'null'] },
          },
        },
      },
      responses: {
        201: {
          description: 'Created',
          schema: {
            type: 'object',
            required: ['apiKey', 'key'],
            properties: {
              apiKey: apiKeySchema,
              key: { type: 'string', description: 'The full key, shown once' },
            },
          },
        },
      },
      handler: ({ ops, auth, body }) =>
        ops.createApiKey({ actor: auth!.actor, name: body.name, roles: body.roles, unitId: body.unitId }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/api-keys',
      permission: 'apiKeys.read',
      summary: 'List API keys (without secrets)',
      tags: ['api-keys'],
      responses: { 200: { description: 'Keys', schema: { type: 'array', items: apiKeySchema } } },
      handler: ({ ops }) => ops.listApiKeys(),
    }),
    idRoute(
      {
        method: 'delete',
        path: '/api/api-keys/:id',
        permission: 'apiKeys.revoke',
        summary: 'Revoke an API key; it is refused from the next request on',
        description: 'Idempotent: revoking a revoked key returns it unchanged.',
        tags: ['api-keys'],
        responses: {
          200: { description: 'The revoked key', schema: apiKeySchema },
          404: { description: '`apiKey.not_found`', schema: errorSchema },
        },
      },
      (ops, input) => ops.revokeApiKey(input),
    ),
  ];
}
