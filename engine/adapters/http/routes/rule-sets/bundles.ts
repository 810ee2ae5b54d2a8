/** @module Bundle routes: export a version as a signed bundle, import a bundle as a draft. */
import { defineRoute, type RouteDefinition } from '../../route.ts';
import { errorSchema } from '../../schemas.ts';
import { versionParams, versionDetailSchema, bundleSchema, ruleSetNotFound } from './schemas.ts';
import { type VersionParams, versionOf } from './shared.ts';

export function exportBundleRoute(): RouteDefinition {
  return defineRoute<unknown, Record<string, unknown>, VersionParams>({
    method: 'get',
    path: '/api/rule-sets/:id/versions/:n/bundle',
    permission: 'ruleSets.export',
    summary: 'Export a version as a signed bundle (secrets only by reference)',
    tags: ['bundles'],
    request: { params: versionParams },
    responses: {
      200: { description: 'The bundle', schema: bundleSchema },
      400: { description: '`bundle.inline_secret`', schema: errorSchema },
      404: ruleSetNotFound,
    },
    handler: async ({ c, ops, auth, params }) => {
      const bundle = await ops.exportBundle(versionOf(auth, params));
      const file = `${params.id}-v${params.n}.bundle.json`.replace(/[^A-Za-z0-9._-]/g, '_');
      return c.json(bundle, 200, { 'Content-Disposition': `attachment; filename="${file}"` });
    },
  });
}

export function importBundleRoute(): RouteDefinition {
  return defineRoute<Record<string, unknown>>({
    method: 'post',
    path: '/api/bundles/import',
    bodyLimit: 'content',
    permission: 'bundles.import',
    summary: 'Import a signed bundle as a draft (replaces its unchanged source draft, else a new draft)',
    tags: ['bundles'],
    request: { body: { type: 'object', description: 'A bundle' } },
    responses: {
      201: {
        description: 'What was done and the resulting draft',
        schema: {
          type: 'object',
          required: ['mode', 'version'],
          properties: {
            mode: { type: 'string', enum: ['created', 'replaced'] },
            version: versionDetailSchema,
          },
        },
      },
      400: {
        description:
          '`bundle.bad_signature`, `bundle.unknown_key`, `bundle.malformed`, `bundle.inline_secret`',
        schema: errorSchema,
      },
      409: { description: '`bundle.draft_changed`', schema: errorSchema },
    },
    handler: async ({ c, ops, auth, body }) =>
      c.json(await ops.importBundle({ actor: auth!.actor, bundle: body }), 201),
  });
}
