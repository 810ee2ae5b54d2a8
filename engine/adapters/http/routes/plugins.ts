/** @module Plugin routes: list, enable/disable, upgrade, config, write-only credentials, connection test, deliveries, replay, and the HMAC-verified webhook. */
import sampleDates from '../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import type { PluginOperations } from '../../../app/plugins/plugin-operations.ts';
import { DELIVERY_STATUSES } from '../../../ports/plugins.ts';
import { readBodyText } from '../body.ts';
import { defineRoute, type JsonSchema, type RequestAuth, type RouteDefinition } from '../route.ts';
import { arrayOf, bool, int, nullableString, objectOf, str, strings } from '../schemas.ts';

const nameParams: JsonSchema = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } },
};
const localized: JsonSchema = {
  type: ['object', 'null'],
  properties: { en: { type: 'string' }, zh: { type: 'string' } },
};
const secretStatus: JsonSchema = { enum: ['set', 'not set'] };
const pluginSchema: JsonSchema = objectOf(
  {
    name: str,
    version: nullableString,
    title: localized,
    description: localized,
    capabilities: strings,
    events: strings,
    personalData: {
      ...strings,
      description: 'Personal fields of the citizen the manifest declares it needs (e.g. requesterPhone)',
    },
    grantedPersonalData: {
      ...strings,
      description: 'Personal fields the administrator granted on enabling; only these reach the plugin',
    },
    isEnabled: bool,
    isLoaded: bool,
    loadError: nullableString,
    hooks: strings,
    credentials: secretStatus,
  },
  {
    optional: [
      'version',
      'title',
      'description',
      'capabilities',
      'events',
      'personalData',
      'grantedPersonalData',
      'loadError',
      'hooks',
    ],
  },
);
const anyObject: JsonSchema = { type: 'object' };
const credentialStatus = {
  credentials: secretStatus,
  credentialFields: { type: 'object', additionalProperties: secretStatus },
};
const credentialStatusSchema: JsonSchema = objectOf(credentialStatus);
const settingsSchema: JsonSchema = objectOf({
  name: str,
  config: anyObject,
  configSchema: anyObject,
  credentialsSchema: anyObject,
  ...credentialStatus,
});
const nullableInteger: JsonSchema = { type: ['integer', 'null'] };
const attemptSchema: JsonSchema = objectOf({
  attempt: int,
  startedAt: str,
  durationMs: int,
  outcome: { enum: ['delivered', 'failed'] },
  statusCode: nullableInteger,
  error: nullableString,
});
const deliverySchema: JsonSchema = objectOf(
  {
    id: str,
    outboxId: int,
    plugin: str,
    topic: str,
    status: { enum: [...DELIVERY_STATUSES] },
    attempts: int,
    tries: { type: 'integer', description: 'Attempts since the last manual replay' },
    nextAttemptAt: str,
    lastError: nullableString,
    lastStatusCode: nullableInteger,
    createdAt: str,
    updatedAt: str,
    deliveredAt: nullableString,
    attemptLog: arrayOf(attemptSchema),
  },
  { optional: ['attemptLog'] },
);
/** The caller for the audit record (every managing route is signed in). */
const actorOf = (auth: RequestAuth | null) => (auth ? { actor: auth.actor } : {});

const WEBHOOK_HEADERS = ['x-baton-timestamp', 'x-baton-signature', 'x-baton-delivery', 'content-type'];

type Named = { name: string };

/** What a route on one plugin declares: all but its tag and the plugin's name in the path, which are always the same. */
type PluginRouteDocs<Body, Query> = Omit<RouteDefinition<Body, Query, Named>, 'tags' | 'request'> & {
  request?: { body?: JsonSchema; query?: JsonSchema };
};

/** A route on one plugin, `/api/plugins/:name/…`: the name is its path parameter (`nameParams`), its tag is plugins. */
const pluginRoute = <Body = unknown, Query = Record<string, unknown>>({
  request,
  ...route
}: PluginRouteDocs<Body, Query>): RouteDefinition<Body, Query, Named> =>
  defineRoute<Body, Query, Named>({
    ...route,
    tags: ['plugins'],
    request: { params: nameParams, ...request },
  });

/**
 * Routes under /api/plugins, bound to the plugin operations.
 * Long: a table of route declarations; each handler is a few lines that call one operation.
 */
export function pluginRoutes(ops: PluginOperations): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/plugins',
      permission: 'plugins.read',
      summary: 'List plugins with their status (credentials only as set / not set)',
      tags: ['plugins'],
      responses: { 200: { description: 'Plugins by name', schema: { type: 'array', items: pluginSchema } } },
      handler: () => ops.listPlugins(),
    }),
    defineRoute({
      method: 'get',
      path: '/api/plugins/deliveries',
      permission: 'plugins.read',
      summary: 'Delivery log, newest first, with every attempt',
      tags: ['plugins'],
      request: {
        query: {
          type: 'object',
          properties: {
            plugin: { type: 'string', maxLength: 63 },
            status: { enum: [...DELIVERY_STATUSES] },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          additionalProperties: false,
        },
      },
      responses: { 200: { description: 'Deliveries', schema: { type: 'array', items: deliverySchema } } },
      handler: ({ query }) => ops.listDeliveries(query as Parameters<PluginOperations['listDeliveries']>[0]),
    }),
    defineRoute<unknown, Record<string, unknown>, { id: string }>({
      method: 'post',
      path: '/api/plugins/deliveries/:id/replay',
      permission: 'plugins.manage',
      summary: 'Replay a dead delivery with a fresh retry budget',
      tags: ['plugins'],
      request: {
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } },
      },
      responses: {
        200: { description: 'The delivery, now pending', schema: deliverySchema },
        404: { description: '`delivery.not_found`' },
        409: { description: '`delivery.not_dead`: only dead deliveries can be replayed' },
      },
      handler: ({ params }) => ops.replayDelivery({ id: params.id }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/plugins/intake-requests',
      permission: 'plugins.read',
      summary: 'Requests received from intake channels (until case management exists)',
      tags: ['plugins'],
      responses: {
        200: { description: 'Intake requests', schema: { type: 'array', items: { type: 'object' } } },
      },
      handler: () => ops.listIntakeRequests(),
    }),
    pluginRoute<{ isEnabled: boolean; grantPersonalData?: string[] }>({
      method: 'put',
      path: '/api/plugins/:name/enabled',
      permission: 'plugins.manage',
      summary:
        'Enable or disable a plugin (no restart); enabling grants the personal fields it declares only when listed in grantPersonalData',
      request: {
        body: {
          type: 'object',
          required: ['isEnabled'],
          properties: {
            isEnabled: { type: 'boolean' },
            grantPersonalData: {
              type: 'array',
              uniqueItems: true,
              maxItems: 20,
              items: { type: 'string', maxLength: 63 },
              description: 'Every personal field the manifest declares in `personalData`, granted explicitly',
            },
          },
          additionalProperties: false,
        },
      },
      responses: {
        200: { description: 'The plugin', schema: pluginSchema },
        404: { description: '`plugin.not_found`' },
        409: {
          description:
            '`plugin.not_loadable`, `plugin.unknown_topic` (the manifest subscribes to a topic the event catalogue does not declare), `plugin.personal_data_not_granted` (a declared personal field is missing from grantPersonalData)',
        },
        400: {
          description:
            '`plugin.personal_data_not_declared`: grantPersonalData names a field the manifest does not declare',
        },
      },
      handler: ({ params, body, auth }) =>
        ops.setPluginEnabled({
          name: params.name,
          isEnabled: body.isEnabled,
          ...(body.grantPersonalData ? { grantPersonalData: body.grantPersonalData } : {}),
          ...actorOf(auth),
        }),
    }),
    pluginRoute({
      method: 'post',
      path: '/api/plugins/:name/upgrade',
      permission: 'plugins.manage',
      summary: 'Re-read plugin.json and re-import the plugin code (no restart)',
      responses: {
        200: { description: 'The plugin', schema: pluginSchema },
        409: {
          description:
            '`plugin.not_loadable`, `plugin.unknown_topic` (the manifest subscribes to a topic the event catalogue does not declare)',
        },
      },
      handler: ({ params, auth }) => ops.upgradePlugin({ name: params.name, ...actorOf(auth) }),
    }),
    pluginRoute({
      method: 'get',
      path: '/api/plugins/:name/config',
      permission: 'plugins.read',
      summary: 'Config, config and credential schemas, and whether credentials are set',
      responses: {
        200: { description: 'Settings', schema: settingsSchema },
        404: { description: 'Unknown plugin' },
      },
      handler: ({ params }) => ops.getPluginSettings({ name: params.name }),
    }),
    pluginRoute<Record<string, unknown>>({
      method: 'put',
      path: '/api/plugins/:name/config',
      permission: 'plugins.manage',
      summary: 'Replace the config (validated against config.schema.json)',
      request: { body: { type: 'object' } },
      responses: {
        200: { description: 'Settings', schema: settingsSchema },
        400: { description: '`plugin.config_invalid` with issues' },
      },
      handler: ({ params, body, auth }) =>
        ops.putPluginConfig({ name: params.name, config: body, ...actorOf(auth) }),
    }),
    pluginRoute<Record<string, unknown>>({
      method: 'put',
      path: '/api/plugins/:name/credentials',
      permission: 'plugins.manage',
      summary: 'Replace the credentials (write-only; encrypted at rest; never returned)',
      request: { body: { type: 'object' } },
      responses: {
        200: {
          description: 'Which credentials are set',
          schema: credentialStatusSchema,
        },
        400: { description: '`plugin.credentials_invalid` (paths only, never values)' },
      },
      handler: ({ params, body, auth }) =>
        ops.putPluginCredentials({ name: params.name, credentials: body, ...actorOf(auth) }),
    }),
    pluginRoute<{ config?: Record<string, unknown> }>({
      method: 'post',
      path: '/api/plugins/:name/test-connection',
      permission: 'plugins.manage',
      summary: 'Ask the plugin to reach its outside system (stored config unless one is given)',
      request: {
        body: { type: 'object', properties: { config: { type: 'object' } }, additionalProperties: false },
      },
      responses: {
        200: {
          description: 'Result',
          schema: { type: 'object', properties: { ok: { type: 'boolean' }, message: { type: 'string' } } },
        },
      },
      handler: ({ params, body }) =>
        ops.testPluginConnection({ name: params.name, ...(body.config ? { config: body.config } : {}) }),
    }),
    pluginRoute<{ period: string }>({
      method: 'post',
      path: '/api/plugins/:name/indicator-data',
      permission: 'plugins.manage',
      summary: 'Fetch indicator values of a period from an indicator-data-source plugin',
      request: {
        body: {
          type: 'object',
          required: ['period'],
          properties: {
            period: {
              type: 'string',
              pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
              examples: [`${sampleDates.year}-03`],
            },
          },
          additionalProperties: false,
        },
      },
      responses: {
        200: {
          description: 'Values by indicator and unit',
          schema: {
            type: 'object',
            properties: {
              plugin: { type: 'string' },
              period: { type: 'string' },
              data: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    indicatorId: { type: 'string' },
                    unitId: { type: 'string' },
                    value: { type: ['number', 'string', 'boolean', 'null'] },
                  },
                },
              },
            },
          },
        },
        409: { description: '`plugin.not_data_source`, `plugin.disabled`, `plugin.fetch_failed`' },
      },
      handler: ({ params, body }) => ops.fetchPluginIndicatorData({ name: params.name, period: body.period }),
    }),
    pluginRoute<unknown, { caseNumber?: string; limit?: number }>({
      method: 'get',
      path: '/api/plugins/:name/handoffs',
      permission: 'plugins.read',
      summary: 'Statuses the outside system reported on cases handed to it, newest first',
      request: {
        query: {
          type: 'object',
          properties: {
            caseNumber: { type: 'string', maxLength: 64 },
            limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 },
          },
          additionalProperties: false,
        },
      },
      responses: {
        200: { description: 'Handoff statuses', schema: { type: 'array', items: { type: 'object' } } },
      },
      handler: ({ params, query }) => ops.listHandoffStatuses({ plugin: params.name, ...query }),
    }),
    pluginRoute({
      method: 'post',
      path: '/api/plugins/:name/webhook',
      permission: 'public',
      summary: 'Inbound webhook from an outside system (HMAC-SHA256 signed)',
      description:
        'Headers: `x-baton-timestamp` (unix seconds, within 5 minutes), `x-baton-signature: sha256=<hex HMAC-SHA256 of "timestamp.body" with the plugin’s webhookSecret>`, `x-baton-delivery` (unique id; a repeat is acknowledged, not applied).',
      responses: {
        200: {
          description: 'Accepted, or a duplicate acknowledged without re-applying',
          schema: {
            type: 'object',
            properties: {
              status: { enum: ['accepted', 'duplicate'] },
              deliveryId: { type: 'string' },
              results: { type: 'array', items: { type: 'object' } },
            },
          },
        },
        400: {
          description:
            '`request.malformed_json`; `plugin.unknown_case` / `plugin.case_mismatch`: a command names a case number that does not exist (or a case id of another case); nothing of the webhook is applied',
        },
        401: { description: '`webhook.bad_signature`, `webhook.stale_timestamp`, `webhook.no_secret`' },
        404: { description: '`plugin.webhook_unavailable`' },
      },
      handler: async ({ c, params }) => {
        // The signature covers the exact bytes, so the body is read raw, not parsed by the route.
        const rawBody = await readBodyText(c.req.raw, 1024 * 1024);
        const headers: Record<string, string> = {};
        for (const name of WEBHOOK_HEADERS) {
          const value = c.req.header(name);
          if (value !== undefined) headers[name] = value;
        }
        return ops.receiveWebhook({ name: params.name, rawBody, headers });
      },
    }),
  ];
}
