/** @module Rule-set, bundle and audit routes (contract: docs/api-rule-sets.md); thin calls into the app operations. */
import { checkRuleSetBounded, sharedRuleSetChecker } from '../../workers/ruleset-check.ts';
import type { Context } from 'hono';
import { parseVersionRef } from '../../../app/rule-sets/shared.ts';
import { HttpRequestError } from '../errors.ts';
import { defineRoute, type JsonSchema, type RouteDefinition } from '../route.ts';
import { errorSchema } from '../schemas.ts';

const idParam: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  examples: ['district-assessment'],
};
const versionParams: JsonSchema = {
  type: 'object',
  required: ['id', 'n'],
  properties: { id: idParam, n: { type: 'integer', minimum: 1, examples: [2] } },
};
const documentParams: JsonSchema = {
  type: 'object',
  required: ['id', 'n', 'kind', 'docId'],
  properties: {
    id: idParam,
    n: { type: 'integer', minimum: 1 },
    kind: { type: 'string', minLength: 1, maxLength: 64, examples: ['indicator'] },
    docId: { type: 'string', minLength: 1, maxLength: 128, examples: ['ind.safety'] },
  },
};
const revisionProperty: JsonSchema = {
  type: 'integer',
  minimum: 1,
  description: 'The revision you loaded (alternative to If-Match)',
  examples: [4],
};
const nullableString: JsonSchema = { type: ['string', 'null'] };
const issueSchema: JsonSchema = {
  type: 'object',
  required: ['path', 'code', 'message'],
  properties: {
    path: {
      type: 'string',
      description: 'JSON pointer into the rule set',
      examples: ['/documents/7/weight'],
    },
    code: { type: 'string', examples: ['indicator.weights_sum'] },
    message: { type: 'string' },
    messageZh: { type: 'string' },
    severity: { type: 'string', enum: ['error', 'warning'] },
  },
};
const summaryProperties: Record<string, JsonSchema> = {
  ruleSetId: { type: 'string', examples: ['district-assessment'] },
  number: { type: 'integer', minimum: 1 },
  status: { type: 'string', enum: ['draft', 'inReview', 'approved', 'published', 'archived'] },
  revision: { type: 'integer', description: 'Also sent as the ETag of the version' },
  sha256: { type: 'string', description: 'SHA-256 of the canonical content; frozen once published' },
  basedOn: { type: ['integer', 'null'] },
  name: { description: '`{en, zh}` from the content' },
  period: { description: '`{from, to}` from the content' },
  createdBy: { type: 'string' },
  createdAt: { type: 'string' },
  submittedBy: nullableString,
  submittedAt: nullableString,
  approvedBy: nullableString,
  approvedAt: nullableString,
  publishedBy: nullableString,
  publishedAt: nullableString,
  effectiveFrom: nullableString,
  effectiveTo: nullableString,
  archivedAt: nullableString,
  supersededBy: { type: ['string', 'null'], examples: ['district-2027@1'] },
  reviewComment: nullableString,
};
const versionSummarySchema: JsonSchema = {
  type: 'object',
  required: ['ruleSetId', 'number', 'status', 'revision', 'sha256'],
  properties: summaryProperties,
};
const versionDetailSchema: JsonSchema = {
  type: 'object',
  required: ['ruleSetId', 'number', 'status', 'revision', 'sha256', 'content', 'issues'],
  properties: {
    ...summaryProperties,
    content: {
      type: 'object',
      description: 'The rule set JSON (schemas/rule-set.schema.json) without `version`',
    },
    issues: { type: 'array', items: issueSchema },
    superseded: {
      type: 'array',
      description: 'Publish only: versions trimmed or archived by this publication',
      items: {
        type: 'object',
        properties: {
          ruleSetId: { type: 'string' },
          number: { type: 'integer' },
          action: { type: 'string', enum: ['trimmed', 'archived'] },
          effectiveTo: nullableString,
        },
      },
    },
  },
};
const ruleSetSummarySchema: JsonSchema = {
  type: 'object',
  required: ['id', 'versions', 'inForce'],
  properties: {
    id: { type: 'string' },
    name: {},
    period: {},
    inForce: { type: ['integer', 'null'], description: 'Version of this set in force today' },
    versions: { type: 'array', items: versionSummarySchema },
  },
};
const ruleSetBodySchema: JsonSchema = {
  type: 'object',
  description: 'A rule set (schemas/rule-set.schema.json); a `version` block is ignored',
  required: ['id'],
  properties: { id: { type: 'string' } },
};
const bundleSchema: JsonSchema = {
  type: 'object',
  description: 'A signed bundle (schemas/bundle.schema.json)',
  required: ['format', 'version', 'ruleSet', 'exportedAt', 'sourceRevision', 'signature'],
  properties: {
    format: { const: 'baton-bundle' },
    version: { const: 1 },
    ruleSet: { type: 'object' },
    exportedAt: { type: 'string' },
    sourceRevision: { type: 'string', examples: ['district-2026@2#r5'] },
    signature: { type: 'object' },
  },
};
const auditRecordSchema: JsonSchema = {
  type: 'object',
  required: ['seq', 'at', 'actor', 'action', 'target', 'prevHash', 'hash'],
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string' },
    actor: { type: 'string', examples: ['admin'] },
    action: { type: 'string', examples: ['ruleSet.publish'] },
    target: { type: 'string', examples: ['ruleSet:district-2026@1'] },
    beforeHash: nullableString,
    afterHash: nullableString,
    details: {},
    prevHash: { type: 'string' },
    hash: { type: 'string' },
    scheme: {
      type: 'string',
      enum: ['sha256', 'hmac-sha256'],
      description:
        'How `hash` was made: HMAC under the audit key, or plain SHA-256 (records older than the key)',
    },
    keyId: { type: ['string', 'null'], description: 'Public id of the audit key of an HMAC record' },
  },
};
const nullableNumber: JsonSchema = { type: ['number', 'null'] };
const ahpNodeSchema: JsonSchema = {
  type: 'object',
  required: [
    'nodeId',
    'name',
    'comparisonId',
    'method',
    'children',
    'lambdaMax',
    'ci',
    'ri',
    'cr',
    'crThreshold',
    'isConsistent',
    'issues',
  ],
  properties: {
    nodeId: { type: 'string', examples: ['ind-c-safety'] },
    name: { description: '`{en, zh}` of the indicator' },
    comparisonId: { type: 'string', description: 'Id the children name in `weight: {ahp}`' },
    method: { type: 'string', enum: ['eigenvector', 'geometricMean'] },
    children: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'weight'],
        properties: {
          id: { type: 'string' },
          name: { description: '`{en, zh}` of the child, null when no indicator has that id' },
          weight: { ...nullableNumber, description: 'Derived local weight (siblings sum to 1)' },
        },
      },
    },
    lambdaMax: { ...nullableNumber, description: 'λmax; null when the matrix is invalid' },
    ci: { ...nullableNumber, description: 'Consistency index (λmax − n) / (n − 1)' },
    ri: { ...nullableNumber, description: 'Random index for n (Saaty)' },
    cr: { ...nullableNumber, description: 'Consistency ratio CI / RI' },
    crThreshold: { type: 'number', examples: [0.1] },
    isConsistent: { type: 'boolean', description: 'CR below the threshold' },
    mostInconsistentPair: {
      type: ['object', 'null'],
      description: 'The judgement disagreeing most with the weights; `a`, `b` are child ids',
    },
    issues: { type: 'array', items: issueSchema, description: 'Why the matrix cannot be weighted' },
  },
};
const weightsViewSchema: JsonSchema = {
  type: 'object',
  required: ['ruleSetId', 'number', 'status', 'revision', 'nodes'],
  properties: {
    ruleSetId: { type: 'string' },
    number: { type: 'integer' },
    status: { type: 'string' },
    revision: { type: 'integer' },
    nodes: { type: 'array', items: ahpNodeSchema },
  },
};
const lifecycleErrors = {
  404: { description: '`ruleset.not_found`', schema: errorSchema },
  409: { description: '`ruleset.wrong_status`, `ruleset.revision_conflict`', schema: errorSchema },
};

/** Posted rule sets up to this size are validated on the request's thread, larger ones in a worker. */
const INLINE_CHECK_BYTES = 64 * 1024;

/** Errors of reading one version (drafts are for admins and auditors). */
const readVersionErrors = {
  403: {
    description: '`ruleset.draft_forbidden`: unpublished, and you are not admin/auditor',
    schema: errorSchema,
  },
  404: { description: '`ruleset.not_found`', schema: errorSchema },
};

type VersionParams = { id: string; n: number };
type DocumentParams = VersionParams & { kind: string; docId: string };

/** Reads the revision from If-Match (`"5"`, `W/"5"` or `5`), else from `fallback`. */
function revisionOf(c: Context, fallback: number | undefined): number | undefined {
  const header = c.req.header('if-match');
  if (header !== undefined) {
    const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
    if (!match) {
      throw new HttpRequestError(400, 'ruleset.bad_if_match', {
        en: 'If-Match must be the ETag of the version, e.g. "5".',
        zh: 'If-Match 必须是版本的 ETag，例如 "5"。',
      });
    }
    return Number(match[1]);
  }
  return fallback;
}

function requireRevision(c: Context, fallback: number | undefined): number {
  const revision = revisionOf(c, fallback);
  if (revision === undefined) {
    throw new HttpRequestError(428, 'ruleset.revision_required', {
      en: 'Send the revision you loaded as If-Match (the ETag) or as "revision".',
      zh: '请以 If-Match（即 ETag）或 "revision" 字段提供您加载时的修订号。',
    });
  }
  return revision;
}

/** A version reply with its ETag. */
const withEtag = (c: Context, detail: { revision: number }, status: 200 | 201 = 200) =>
  c.json(detail, status, { ETag: `"${detail.revision}"` });

/** Routes under /api/rule-sets, /api/bundles and /api/audit (verification and checkpoints: routes/audit.ts). */
export function ruleSetRoutes(): RouteDefinition[] {
  const lifecycle = (
    action: 'submit' | 'approve' | 'reject' | 'publish' | 'archive',
    spec: {
      permission: 'ruleSets.edit' | 'ruleSets.review' | 'ruleSets.publish';
      summary: string;
      body: JsonSchema;
      extra?: Record<number, { description: string; schema?: JsonSchema }>;
      call: (ctx: {
        ops: Parameters<RouteDefinition['handler']>[0]['ops'];
        actor: NonNullable<Parameters<RouteDefinition['handler']>[0]['auth']>['actor'];
        ref: { ruleSetId: string; number: number };
        body: Record<string, unknown>;
        ifRevision: number | undefined;
      }) => Promise<{ revision: number }>;
    },
  ) =>
    defineRoute<Record<string, unknown>, Record<string, unknown>, VersionParams>({
      method: 'post',
      path: `/api/rule-sets/:id/versions/:n/${action}`,
      permission: spec.permission,
      summary: spec.summary,
      tags: ['rule sets'],
      request: { params: versionParams, body: spec.body },
      responses: {
        200: { description: 'The version after the step', schema: versionDetailSchema },
        ...lifecycleErrors,
        ...spec.extra,
      },
      handler: async ({ c, ops, auth, params, body }) =>
        withEtag(
          c,
          await spec.call({
            ops,
            actor: auth!.actor,
            ref: { ruleSetId: params.id, number: params.n },
            body,
            ifRevision: revisionOf(c, body.revision as number | undefined),
          }),
        ),
    });
  const optionalRevisionBody = (
    extra: Record<string, JsonSchema> = {},
    required: string[] = [],
  ): JsonSchema => ({
    type: 'object',
    required,
    properties: { revision: revisionProperty, ...extra },
    additionalProperties: false,
  });
  const revisionRequired = { description: '`ruleset.revision_required`', schema: errorSchema };
  /** Answers of a route that saves into a draft under optimistic locking. */
  const draftSavedResponses = {
    200: { description: 'The saved draft with its issues', schema: versionDetailSchema },
    ...lifecycleErrors,
    428: revisionRequired,
  };

  return [
    defineRoute({
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
    }),
    defineRoute<Record<string, unknown>>({
      method: 'post',
      path: '/api/rule-sets',
      bodyLimit: 'content',
      permission: 'ruleSets.edit',
      summary: 'Create a rule set; its content becomes version 1, a draft',
      tags: ['rule sets'],
      request: { body: ruleSetBodySchema },
      responses: {
        201: { description: 'Version 1 with its issues', schema: versionDetailSchema },
        400: { description: '`ruleset.invalid_id`', schema: errorSchema },
        409: { description: '`ruleset.exists`', schema: errorSchema },
      },
      handler: async ({ c, ops, auth, body }) =>
        withEtag(c, await ops.createRuleSet({ actor: auth!.actor, ruleSet: body }), 201),
    }),
    defineRoute<unknown, { at?: string; ruleSetId?: string }>({
      method: 'get',
      path: '/api/rule-sets/active',
      permission: 'ruleSets.read',
      summary: 'The published version in force on a date (default today, Asia/Shanghai)',
      tags: ['rule sets'],
      request: {
        query: {
          type: 'object',
          properties: {
            at: { type: 'string', format: 'date', examples: ['2026-05-01'] },
            ruleSetId: { type: 'string', description: 'Needed when several rule sets are in force' },
          },
        },
      },
      responses: {
        200: { description: 'The version in force', schema: versionDetailSchema },
        404: { description: '`ruleset.none_active`', schema: errorSchema },
      },
      handler: async ({ c, ops, query }) => {
        const active = await ops.getActiveRuleSet({
          ...(query.at === undefined ? {} : { at: query.at }),
          ...(query.ruleSetId === undefined ? {} : { ruleSetId: query.ruleSetId }),
        });
        if (!active) {
          throw new HttpRequestError(404, 'ruleset.none_active', {
            en: 'No published rule set is in force on that date.',
            zh: '该日期没有生效的已发布规则集。',
          });
        }
        return withEtag(c, active);
      },
    }),
    defineRoute<unknown, { at?: string }>({
      method: 'get',
      path: '/api/rule-sets/timeline',
      permission: 'ruleSets.read',
      summary:
        'The timeline: every published version by effective period, marked past, in force or next as of a date',
      tags: ['rule sets'],
      request: {
        query: {
          type: 'object',
          properties: { at: { type: 'string', format: 'date', examples: ['2026-12-03'] } },
        },
      },
      responses: {
        200: {
          description: 'Published versions ordered by timeline and effective period',
          schema: {
            type: 'object',
            required: ['at', 'items'],
            properties: {
              at: { type: 'string', format: 'date' },
              items: {
                type: 'array',
                items: {
                  type: 'object',
                  required: [
                    'timeline',
                    'ruleSetId',
                    'number',
                    'effectiveFrom',
                    'effectiveTo',
                    'when',
                    'carries',
                  ],
                  properties: {
                    timeline: { type: 'string' },
                    ruleSetId: { type: 'string' },
                    number: { type: 'integer' },
                    name: {},
                    effectiveFrom: { type: 'string', format: 'date' },
                    effectiveTo: { type: 'string', format: 'date' },
                    status: { type: 'string' },
                    when: { type: 'string', enum: ['past', 'inForce', 'next'] },
                    carries: { type: 'array', items: { type: 'string', enum: ['assessment', 'cases'] } },
                  },
                },
              },
            },
          },
        },
        400: { description: '`ruleset.bad_date`', schema: errorSchema },
      },
      handler: async ({ c, ops, query }) =>
        c.json(await ops.getTimeline(query.at === undefined ? {} : { at: query.at })),
    }),
    defineRoute<unknown, { a: string; b: string }>({
      method: 'get',
      path: '/api/rule-sets/diff',
      permission: 'ruleSets.read',
      summary: 'Semantic diff between two versions (same or different rule sets)',
      tags: ['rule sets'],
      request: {
        query: {
          type: 'object',
          required: ['a', 'b'],
          properties: {
            a: { type: 'string', pattern: '^.+@\\d+$', examples: ['district-2026@1'] },
            b: { type: 'string', pattern: '^.+@\\d+$', examples: ['district-2026@2'] },
          },
        },
      },
      responses: {
        200: {
          description: 'Changes from a to b, and their text rendering in the request language',
          schema: {
            type: 'object',
            required: ['a', 'b', 'changes', 'text'],
            properties: {
              a: { type: 'object' },
              b: { type: 'object' },
              changes: { type: 'array' },
              text: { type: 'string' },
            },
          },
        },
        403: { description: '`ruleset.draft_forbidden`', schema: errorSchema },
        404: { description: '`ruleset.not_found`', schema: errorSchema },
      },
      handler: ({ ops, auth, query, lang }) =>
        ops.diffVersions({
          actor: auth!.actor,
          a: parseVersionRef(query.a, '/query/a'),
          b: parseVersionRef(query.b, '/query/b'),
          lang,
        }),
    }),
    defineRoute<Record<string, unknown>>({
      method: 'post',
      path: '/api/rule-sets/validate',
      bodyLimit: 'content',
      permission: 'ruleSets.validate',
      summary: 'Validate and check a rule set without saving it (the studio’s inline issues)',
      tags: ['rule sets'],
      request: { body: { type: 'object', description: 'A rule set' } },
      responses: {
        200: {
          description: '`ok` is false when any issue is an error',
          schema: {
            type: 'object',
            required: ['ok', 'issues'],
            properties: { ok: { type: 'boolean' }, issues: { type: 'array', items: issueSchema } },
          },
        },
        422: {
          description:
            '`rule.budget_exceeded` (the embedded tests do too much work), `ruleset.check_timeout`, `ruleset.check_busy`',
          schema: errorSchema,
        },
      },
      // Small documents are checked here under a step budget; larger ones in the checker's worker
      // thread with a timeout, so the event loop keeps answering meanwhile.
      handler: ({ body, bodyLength }) =>
        bodyLength <= INLINE_CHECK_BYTES ? checkRuleSetBounded(body) : sharedRuleSetChecker().check(body),
    }),
    defineRoute<unknown, Record<string, unknown>, { id: string }>({
      method: 'get',
      path: '/api/rule-sets/:id',
      permission: 'ruleSets.read',
      summary: 'One rule set with the versions you may see',
      tags: ['rule sets'],
      request: { params: { type: 'object', required: ['id'], properties: { id: idParam } } },
      responses: {
        200: { description: 'The rule set', schema: ruleSetSummarySchema },
        404: { description: '`ruleset.not_found`', schema: errorSchema },
      },
      handler: ({ ops, auth, params }) => ops.getRuleSet({ actor: auth!.actor, ruleSetId: params.id }),
    }),
    defineRoute<unknown, Record<string, unknown>, { id: string }>({
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
        404: { description: '`ruleset.not_found`', schema: errorSchema },
      },
      handler: async ({ ops, auth, params }) => ({
        items: await ops.listVersions({ actor: auth!.actor, ruleSetId: params.id }),
      }),
    }),
    defineRoute<
      {
        newId: string;
        name?: { zh: string; en: string };
        period?: { from: string; to: string };
      },
      Record<string, unknown>,
      VersionParams
    >({
      method: 'post',
      path: '/api/rule-sets/:id/versions/:n/next-period',
      permission: 'ruleSets.edit',
      summary:
        'Prepare the next period of the timeline: a new rule set whose version 1 is a draft copy of this version for the period that follows',
      tags: ['rule sets'],
      request: {
        params: versionParams,
        body: {
          type: 'object',
          required: ['newId'],
          properties: {
            newId: { ...idParam, description: 'Id of the new rule set', examples: ['district-2027'] },
            name: {
              type: 'object',
              required: ['zh', 'en'],
              properties: {
                zh: { type: 'string', minLength: 1, maxLength: 200 },
                en: { type: 'string', minLength: 1, maxLength: 200 },
              },
              additionalProperties: false,
            },
            period: {
              type: 'object',
              required: ['from', 'to'],
              properties: {
                from: { type: 'string', format: 'date' },
                to: { type: 'string', format: 'date' },
              },
              additionalProperties: false,
            },
          },
          additionalProperties: false,
        },
      },
      responses: {
        201: { description: 'Version 1 of the new rule set, a draft', schema: versionDetailSchema },
        400: { description: '`ruleset.bad_period` / `ruleset.invalid_id`', schema: errorSchema },
        404: { description: '`ruleset.not_found`', schema: errorSchema },
        409: { description: '`ruleset.exists`', schema: errorSchema },
      },
      handler: async ({ c, ops, auth, params, body }) =>
        withEtag(
          c,
          await ops.prepareNextPeriod({
            actor: auth!.actor,
            ruleSetId: params.id,
            number: params.n,
            newId: body.newId,
            ...(body.name ? { name: body.name } : {}),
            ...(body.period ? { period: body.period } : {}),
          }),
          201,
        ),
    }),
    defineRoute<{ basedOn: number }, Record<string, unknown>, { id: string }>({
      method: 'post',
      path: '/api/rule-sets/:id/drafts',
      permission: 'ruleSets.edit',
      summary: 'New draft copied from a version of this rule set',
      tags: ['rule sets'],
      request: {
        params: { type: 'object', required: ['id'], properties: { id: idParam } },
        body: {
          type: 'object',
          required: ['basedOn'],
          properties: { basedOn: { type: 'integer', minimum: 1 } },
          additionalProperties: false,
        },
      },
      responses: {
        201: { description: 'The new draft', schema: versionDetailSchema },
        404: { description: '`ruleset.not_found`', schema: errorSchema },
      },
      handler: async ({ c, ops, auth, params, body }) =>
        withEtag(
          c,
          await ops.createDraft({ actor: auth!.actor, ruleSetId: params.id, basedOn: body.basedOn }),
          201,
        ),
    }),
    defineRoute<unknown, Record<string, unknown>, VersionParams>({
      method: 'get',
      path: '/api/rule-sets/:id/versions/:n',
      permission: 'ruleSets.read',
      summary: 'One version with content and issues; ETag = revision',
      tags: ['rule sets'],
      request: { params: versionParams },
      responses: {
        200: { description: 'The version', schema: versionDetailSchema },
        ...readVersionErrors,
      },
      handler: async ({ c, ops, auth, params }) =>
        withEtag(c, await ops.getVersion({ actor: auth!.actor, ruleSetId: params.id, number: params.n })),
    }),
    defineRoute<unknown, Record<string, unknown>, VersionParams>({
      method: 'get',
      path: '/api/rule-sets/:id/versions/:n/weights',
      permission: 'ruleSets.read',
      summary:
        'AHP weights view of a version (drafts included): per node with a pairwise matrix, the derived weights of its children, λmax, CI, RI, CR and method',
      tags: ['rule sets'],
      request: { params: versionParams },
      responses: {
        200: { description: 'Every indicator with an AHP comparison', schema: weightsViewSchema },
        ...readVersionErrors,
      },
      handler: ({ ops, auth, params }) =>
        ops.getRuleSetWeights({ actor: auth!.actor, ruleSetId: params.id, number: params.n }),
    }),
    defineRoute<
      { content: Record<string, unknown>; revision?: number },
      Record<string, unknown>,
      VersionParams
    >({
      method: 'put',
      path: '/api/rule-sets/:id/versions/:n/content',
      bodyLimit: 'content',
      permission: 'ruleSets.edit',
      summary:
        'Replace the content of a draft (If-Match or revision required); drafts may be saved with issues',
      tags: ['rule sets'],
      request: {
        params: versionParams,
        body: optionalRevisionBody({ content: { type: 'object' } }, ['content']),
      },
      responses: draftSavedResponses,
      handler: async ({ c, ops, auth, params, body }) =>
        withEtag(
          c,
          await ops.replaceDraftContent({
            actor: auth!.actor,
            ruleSetId: params.id,
            number: params.n,
            ifRevision: requireRevision(c, body.revision),
            content: body.content,
          }),
        ),
    }),
    defineRoute<
      { document: Record<string, unknown>; revision?: number },
      Record<string, unknown>,
      DocumentParams
    >({
      method: 'put',
      path: '/api/rule-sets/:id/versions/:n/documents/:kind/:docId',
      bodyLimit: 'content',
      permission: 'ruleSets.edit',
      summary: 'Add or replace one document of a draft (a different body id renames it)',
      tags: ['rule sets'],
      request: {
        params: documentParams,
        body: optionalRevisionBody({ document: { type: 'object' } }, ['document']),
      },
      responses: draftSavedResponses,
      handler: async ({ c, ops, auth, params, body }) =>
        withEtag(
          c,
          await ops.updateDraftDocument({
            actor: auth!.actor,
            ruleSetId: params.id,
            number: params.n,
            ifRevision: requireRevision(c, body.revision),
            kind: params.kind,
            docId: params.docId,
            document: body.document,
          }),
        ),
    }),
    defineRoute<unknown, { revision?: number }, DocumentParams>({
      method: 'delete',
      path: '/api/rule-sets/:id/versions/:n/documents/:kind/:docId',
      permission: 'ruleSets.edit',
      summary: 'Remove one document of a draft (If-Match or ?revision= required)',
      tags: ['rule sets'],
      request: {
        params: documentParams,
        query: { type: 'object', properties: { revision: revisionProperty } },
      },
      responses: {
        200: { description: 'The saved draft with its issues', schema: versionDetailSchema },
        404: { description: '`ruleset.not_found`, `ruleset.document_not_found`', schema: errorSchema },
        409: lifecycleErrors[409],
        428: revisionRequired,
      },
      handler: async ({ c, ops, auth, params, query }) =>
        withEtag(
          c,
          await ops.deleteDraftDocument({
            actor: auth!.actor,
            ruleSetId: params.id,
            number: params.n,
            ifRevision: requireRevision(c, query.revision),
            kind: params.kind,
            docId: params.docId,
          }),
        ),
    }),
    lifecycle('submit', {
      permission: 'ruleSets.edit',
      summary: 'Submit a draft for review (refused while check reports errors)',
      body: optionalRevisionBody(),
      extra: { 422: { description: '`ruleset.has_errors` with `details.issues`', schema: errorSchema } },
      call: ({ ops, actor, ref, ifRevision }) =>
        ops.submitForReview({ actor, ...ref, ...(ifRevision !== undefined ? { ifRevision } : {}) }),
    }),
    lifecycle('approve', {
      permission: 'ruleSets.review',
      summary: 'Approve a version in review (not your own: four-eyes rule)',
      body: optionalRevisionBody({ comment: { type: 'string', maxLength: 2000 } }),
      extra: { 403: { description: '`ruleset.four_eyes`', schema: errorSchema } },
      call: ({ ops, actor, ref, body, ifRevision }) =>
        ops.approveVersion({
          actor,
          ...ref,
          ...(typeof body.comment === 'string' ? { comment: body.comment } : {}),
          ...(ifRevision !== undefined ? { ifRevision } : {}),
        }),
    }),
    lifecycle('reject', {
      permission: 'ruleSets.review',
      summary: 'Send a version in review or approved back to draft with a comment',
      body: optionalRevisionBody({ comment: { type: 'string', minLength: 1, maxLength: 2000 } }, ['comment']),
      call: ({ ops, actor, ref, body, ifRevision }) =>
        ops.rejectVersion({
          actor,
          ...ref,
          comment: String(body.comment),
          ...(ifRevision !== undefined ? { ifRevision } : {}),
        }),
    }),
    lifecycle('publish', {
      permission: 'ruleSets.publish',
      summary: 'Publish an approved version; supersedes what is in force from its effectiveFrom',
      body: optionalRevisionBody({
        effectiveFrom: { type: 'string', format: 'date', examples: ['2026-01-01'] },
        effectiveTo: { type: 'string', format: 'date', examples: ['2026-12-31'] },
        supersede: {
          type: 'boolean',
          description: 'Replace overlapping versions of other rule sets on the same timeline',
          examples: [true],
        },
      }),
      extra: { 400: { description: '`ruleset.bad_period`', schema: errorSchema } },
      call: ({ ops, actor, ref, body, ifRevision }) =>
        ops.publishVersion({
          actor,
          ...ref,
          ...(typeof body.effectiveFrom === 'string' ? { effectiveFrom: body.effectiveFrom } : {}),
          ...(typeof body.effectiveTo === 'string' ? { effectiveTo: body.effectiveTo } : {}),
          ...(body.supersede === true ? { supersede: true } : {}),
          ...(ifRevision !== undefined ? { ifRevision } : {}),
        }),
    }),
    lifecycle('archive', {
      permission: 'ruleSets.publish',
      summary: 'Archive a version (a published one stops being in force)',
      body: optionalRevisionBody(),
      call: ({ ops, actor, ref, ifRevision }) =>
        ops.archiveVersion({ actor, ...ref, ...(ifRevision !== undefined ? { ifRevision } : {}) }),
    }),
    defineRoute<Record<string, unknown>, Record<string, unknown>, VersionParams>({
      method: 'post',
      path: '/api/rule-sets/:id/versions/:n/restore',
      permission: 'ruleSets.edit',
      summary: 'Restore a version: copy it into a new draft',
      tags: ['rule sets'],
      request: { params: versionParams, body: { type: 'object' } },
      responses: {
        201: { description: 'The new draft', schema: versionDetailSchema },
        404: { description: '`ruleset.not_found`', schema: errorSchema },
      },
      handler: async ({ c, ops, auth, params }) =>
        withEtag(
          c,
          await ops.createDraft({ actor: auth!.actor, ruleSetId: params.id, basedOn: params.n }),
          201,
        ),
    }),
    defineRoute<unknown, Record<string, unknown>, VersionParams>({
      method: 'get',
      path: '/api/rule-sets/:id/versions/:n/bundle',
      permission: 'ruleSets.export',
      summary: 'Export a version as a signed bundle (secrets only by reference)',
      tags: ['bundles'],
      request: { params: versionParams },
      responses: {
        200: { description: 'The bundle', schema: bundleSchema },
        400: { description: '`bundle.inline_secret`', schema: errorSchema },
        404: { description: '`ruleset.not_found`', schema: errorSchema },
      },
      handler: async ({ c, ops, auth, params }) => {
        const bundle = await ops.exportBundle({ actor: auth!.actor, ruleSetId: params.id, number: params.n });
        const file = `${params.id}-v${params.n}.bundle.json`.replace(/[^A-Za-z0-9._-]/g, '_');
        return c.json(bundle, 200, { 'Content-Disposition': `attachment; filename="${file}"` });
      },
    }),
    defineRoute<Record<string, unknown>>({
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
    }),
    defineRoute<unknown, Record<string, string | number | undefined>>({
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
            target: { type: 'string', description: 'Prefix match', examples: ['ruleSet:district-2026'] },
            from: { type: 'string', description: 'Inclusive ISO date or instant', examples: ['2026-03-01'] },
            to: {
              type: 'string',
              description: 'Inclusive; a bare date includes the whole day',
              examples: ['2026-03-31'],
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
    }),
  ];
}
