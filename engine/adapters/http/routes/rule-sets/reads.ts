/** @module Rule-set read routes: rule sets, their versions, one version and its AHP weights view. */
import type { Context } from 'hono';
import type { Operations } from '../../../../app/operations.ts';
import { defineRoute, type RouteDefinition, type RouteResponse } from '../../route.ts';
import {
  idParam,
  versionParams,
  versionSummarySchema,
  versionDetailSchema,
  ruleSetSummarySchema,
  weightsViewSchema,
  readVersionErrors,
  ruleSetNotFound,
} from './schemas.ts';
import { type VersionParams, versionOf, withEtag } from './shared.ts';

export function listRuleSetsRoute(): RouteDefinition {
  return defineRoute({
    method: 'get',
    path: '/api/rule-sets',
    permission: 'ruleSets.read',
    summary: 'List rule sets with the versions you may see (others than admin/auditor: published only)',
    tags: ['rule sets'],
    responses: {
      200: {
        description: 'Rule sets by id',
        schema: {
          type: 'object',
          required: ['items'],
          properties: { items: { type: 'array', items: ruleSetSummarySchema } },
        },
      },
    },
    handler: async ({ ops, auth }) => ({ items: await ops.listRuleSets({ actor: auth!.actor }) }),
  });
}

export function getRuleSetRoute(): RouteDefinition {
  return defineRoute<unknown, Record<string, unknown>, { id: string }>({
    method: 'get',
    path: '/api/rule-sets/:id',
    permission: 'ruleSets.read',
    summary: 'One rule set with the versions you may see',
    tags: ['rule sets'],
    request: { params: { type: 'object', required: ['id'], properties: { id: idParam } } },
    responses: {
      200: { description: 'The rule set', schema: ruleSetSummarySchema },
      404: ruleSetNotFound,
    },
    handler: ({ ops, auth, params }) => ops.getRuleSet({ actor: auth!.actor, ruleSetId: params.id }),
  });
}

export function listVersionsRoute(): RouteDefinition {
  return defineRoute<unknown, Record<string, unknown>, { id: string }>({
    method: 'get',
    path: '/api/rule-sets/:id/versions',
    permission: 'ruleSets.read',
    summary: 'Versions of a rule set you may see, newest first',
    tags: ['rule sets'],
    request: { params: { type: 'object', required: ['id'], properties: { id: idParam } } },
    responses: {
      200: {
        description: 'Versions without content',
        schema: {
          type: 'object',
          required: ['items'],
          properties: { items: { type: 'array', items: versionSummarySchema } },
        },
      },
      404: ruleSetNotFound,
    },
    handler: async ({ ops, auth, params }) => ({
      items: await ops.listVersions({ actor: auth!.actor, ruleSetId: params.id }),
    }),
  });
}

/** GET of a version its path names (`/api/rule-sets/:id/versions/:n…`), drafts included: 200 with `ok`, else the read errors. */
const versionRead = (
  path: string,
  summary: string,
  ok: RouteResponse,
  run: (ops: Operations, version: ReturnType<typeof versionOf>, c: Context) => unknown,
): RouteDefinition =>
  defineRoute<unknown, Record<string, unknown>, VersionParams>({
    method: 'get',
    path,
    permission: 'ruleSets.read',
    summary,
    tags: ['rule sets'],
    request: { params: versionParams },
    responses: { 200: ok, ...readVersionErrors },
    handler: ({ c, ops, auth, params }) => run(ops, versionOf(auth, params), c),
  });

export function getVersionRoute(): RouteDefinition {
  return versionRead(
    '/api/rule-sets/:id/versions/:n',
    'One version with content and issues; ETag = revision',
    { description: 'The version', schema: versionDetailSchema },
    async (ops, version, c) => withEtag(c, await ops.getVersion(version)),
  );
}

export function weightsRoute(): RouteDefinition {
  return versionRead(
    '/api/rule-sets/:id/versions/:n/weights',
    'AHP weights view of a version (drafts included): per node with a pairwise matrix, the derived weights of its children, λmax, CI, RI, CR and method',
    { description: 'Every indicator with an AHP comparison', schema: weightsViewSchema },
    (ops, version) => ops.getRuleSetWeights(version),
  );
}
