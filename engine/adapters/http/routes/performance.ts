/** @module Performance routes: unit workspace, ledger entries, amendments, third-party values, attachments, scores, lights, rankings, reports, what-if. */
import type { Actor } from '../../../app/permissions.ts';
import { defineRoute, type JsonSchema, type RouteDefinition, WHAT_IF_STEPS } from '../route.ts';
import { errorSchema } from '../schemas.ts';
import { jobSchema } from './jobs.ts';

const period: JsonSchema = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', examples: ['2026-11'] };
const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 200 };
const ruleSetId: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  examples: ['district-assessment'],
};
const values: JsonSchema = {
  type: 'object',
  description: 'Form values (validated against the form schema)',
  examples: [{ done: 420.5 }],
};
const anyObject: JsonSchema = { type: 'object' };
/** `?fresh=true`: wait for the background recomputes queued so far before reading. */
const fresh: JsonSchema = {
  type: 'boolean',
  description:
    'Wait for the score recomputes queued so far before answering (default: answer at once, `recomputing` says whether figures are pending)',
};
/** `?wait=true` on a write: answer once its scores are recomputed. */
const waitQuery: JsonSchema = {
  type: 'object',
  properties: {
    wait: {
      type: 'boolean',
      description: 'Answer only once the scores are recomputed (default: at once, with `recomputing: true`)',
    },
  },
  additionalProperties: false,
};
const sha: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };

const entrySchema: JsonSchema = {
  type: 'object',
  required: [
    'id',
    'unitId',
    'indicatorId',
    'period',
    'values',
    'ruleSetId',
    'ruleSetVersion',
    'submittedAt',
    'isLate',
    'status',
  ],
  properties: {
    id,
    unitId: id,
    indicatorId: id,
    period,
    values,
    ruleSetId,
    ruleSetVersion: { type: 'integer' },
    submittedBy: { type: 'string' },
    submittedAt: { type: 'string' },
    isLate: { type: 'boolean' },
    supersedes: { type: ['string', 'null'] },
    kind: { type: 'string', enum: ['submitted', 'amendment', 'seeded'] },
    status: { type: 'string', enum: ['active', 'superseded'] },
    attachments: { type: 'array', items: sha },
  },
};

const localized: JsonSchema = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
};
const formStatus: JsonSchema = { type: 'string', enum: ['notDue', 'open', 'dueSoon', 'late', 'locked'] };
const day: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

/** GET /api/performance/monthly-form (engine/app/performance/monthly-form.ts `MonthlyForm`). */
const monthlyFormSchema: JsonSchema = {
  type: 'object',
  required: [
    'ruleSetId',
    'ruleSetVersion',
    'unitId',
    'unitName',
    'period',
    'today',
    'deadline',
    'lockDate',
    'status',
    'daysLeft',
    'counts',
    'dueNext',
    'months',
    'areas',
  ],
  properties: {
    ruleSetId,
    ruleSetVersion: { type: 'integer' },
    unitId: id,
    unitName: { type: 'string' },
    period,
    today: day,
    deadline: day,
    lockDate: day,
    status: formStatus,
    daysLeft: { type: 'integer', description: 'Days from today to the deadline (negative: past it)' },
    counts: {
      type: 'object',
      required: ['empty', 'total'],
      properties: { empty: { type: 'integer' }, total: { type: 'integer' } },
    },
    dueNext: { type: ['string', 'null'], description: 'The month due next (earliest open deadline)' },
    months: {
      type: 'array',
      items: {
        type: 'object',
        required: ['period', 'deadline', 'lockDate', 'status', 'daysLeft', 'empty', 'total'],
        properties: {
          period,
          deadline: day,
          lockDate: day,
          status: formStatus,
          daysLeft: { type: 'integer' },
          empty: { type: 'integer' },
          total: { type: 'integer' },
        },
      },
    },
    areas: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'code', 'name', 'indicators', 'empty'],
        properties: {
          id,
          code: { type: 'string' },
          name: localized,
          empty: { type: 'integer' },
          indicators: {
            type: 'array',
            items: {
              type: 'object',
              required: ['indicatorId', 'code', 'name', 'formId', 'schema', 'entry', 'pendingAmendment'],
              properties: {
                indicatorId: id,
                code: { type: 'string' },
                name: localized,
                frequency: { type: 'string', enum: ['monthly', 'quarterly', 'yearly'] },
                formId: id,
                formName: localized,
                schema: anyObject,
                uiSchema: { type: ['object', 'null'] },
                checks: { type: 'array' },
                computed: { type: 'array' },
                target: { type: ['number', 'null'] },
                entry: { oneOf: [entrySchema, { type: 'null' }] },
                pendingAmendment: { type: ['object', 'null'] },
              },
            },
          },
        },
      },
    },
  },
};

/** POST /api/performance/monthly-form (`MonthlyFormWrite`). */
const monthlyFormWriteSchema: JsonSchema = {
  type: 'object',
  required: ['unitId', 'period', 'ruleSetId', 'ruleSetVersion', 'entries', 'unchanged', 'recomputing'],
  properties: {
    unitId: id,
    period,
    ruleSetId,
    ruleSetVersion: { type: 'integer' },
    entries: { type: 'array', items: entrySchema },
    unchanged: { type: 'array', items: id },
    recomputing: { type: 'boolean' },
  },
};

const unitQuery = (extra: Record<string, JsonSchema> = {}, required: string[] = []): JsonSchema => ({
  type: 'object',
  required,
  properties: { unitId: id, ruleSetId, ...extra },
  additionalProperties: false,
});

const errors = {
  400: {
    description: 'Invalid input (`entry.invalid` carries `details.issues` with field paths)',
    schema: errorSchema,
  },
  403: { description: '`performance.out_of_scope`: another unit’s data', schema: errorSchema },
  404: { description: 'No such indicator, entry or rule set in force', schema: errorSchema },
};

const actorOf = (auth: { actor: Actor } | null): Actor => auth!.actor;

interface WhatIfBody {
  ruleSetId?: string;
  draftRuleSetId?: string;
  draftVersion: number;
  periods?: string[];
}

const whatIfBody: JsonSchema = {
  type: 'object',
  required: ['draftVersion'],
  properties: {
    ruleSetId: {
      ...ruleSetId,
      description:
        'Rule set whose published version and ledger history are replayed; default the assessment set in force',
    },
    draftRuleSetId: {
      ...ruleSetId,
      description: 'Rule set of the draft (e.g. next year’s); default `ruleSetId`',
      examples: ['district-2027'],
    },
    draftVersion: { type: 'integer', minimum: 1 },
    periods: {
      type: 'array',
      items: period,
      maxItems: 12,
      description:
        'History months (or the draft’s months, mapped back month-of-year); default every reported month',
    },
  },
  additionalProperties: false,
};

const whatIfResultSchema: JsonSchema = {
  type: 'object',
  required: [
    'published',
    'draft',
    'periodMapping',
    'periods',
    'draftPeriods',
    'units',
    'indicators',
    'gradeChanges',
    'maxAbsDelta',
  ],
  properties: {
    periodMapping: {
      type: 'object',
      required: ['from', 'to', 'rule'],
      description: 'History year `from` replayed as the draft’s year `to`, month by month',
      properties: {
        from: { type: 'string', examples: ['2026'] },
        to: { type: 'string', examples: ['2027'] },
        rule: { type: 'string', enum: ['monthOfYear'] },
      },
    },
    periods: { type: 'array', items: period },
    draftPeriods: { type: 'array', items: period },
    noHistory: { type: 'array', items: { type: 'string' }, description: 'Draft indicators without history' },
    gradeChanges: {
      type: 'integer',
      minimum: 0,
      description: 'Unit rows (unit × month) whose grade changes',
    },
    maxAbsDelta: { type: 'number', minimum: 0 },
  },
};

function textResponse(value: unknown): unknown {
  if (value && typeof value === 'object' && 'contentType' in value && 'body' in value) {
    const v = value as { contentType: string; body: string };
    return new Response(v.body, { status: 200, headers: { 'content-type': v.contentType } });
  }
  return value;
}

/** Routes under /api/performance (contract: docs/api-performance.md). */
export function performanceRoutes(): RouteDefinition[] {
  return [
    defineRoute<unknown, { unitId?: string; period?: string; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/indicators',
      permission: 'performance.read',
      summary:
        'A unit’s indicators with weights and targets, under the version in force for `period` (default this month; next year’s once published)',
      tags: ['performance'],
      request: { query: unitQuery({ period }) },
      responses: { 200: { description: 'Indicators', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) => ops.getUnitIndicators({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<unknown, { unitId?: string; period?: string; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/forms-due',
      permission: 'performance.read',
      summary: 'A unit’s forms for a period with deadline status (open / dueSoon / late / locked)',
      tags: ['performance'],
      request: { query: unitQuery({ period }) },
      responses: { 200: { description: 'Forms due', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) => ops.getFormsDue({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<unknown, { unitId?: string; period?: string; ruleSetId?: string }, { indicatorId: string }>({
      method: 'get',
      path: '/api/performance/forms/:indicatorId',
      permission: 'performance.read',
      summary: 'The form of an indicator (JSON Schema, UI schema, checks) from the active rule set',
      tags: ['performance'],
      request: {
        params: { type: 'object', required: ['indicatorId'], properties: { indicatorId: id } },
        query: unitQuery({ period }),
      },
      responses: { 200: { description: 'Form', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query, params }) =>
        ops.getFormForIndicator({ actor: actorOf(auth), indicatorId: params.indicatorId, ...query }),
    }),
    defineRoute<unknown, { unitId?: string; period?: string; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/monthly-form',
      permission: 'performance.read',
      summary:
        'A unit’s monthly form: every indicator it fills that month grouped by level-1 area, with the deadline status and the values submitted (default month: the one due next)',
      tags: ['performance'],
      request: { query: unitQuery({ period }) },
      responses: { 200: { description: 'MonthlyForm', schema: monthlyFormSchema }, ...errors },
      handler: ({ ops, auth, query }) => ops.getMonthlyForm({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<
      {
        unitId?: string;
        period: string;
        values: Record<string, Record<string, unknown>>;
        attachments?: Record<string, string[]>;
        ruleSetId?: string;
      },
      { wait?: boolean }
    >({
      method: 'post',
      path: '/api/performance/monthly-form',
      permission: 'performance.submit',
      summary:
        'Submit a unit’s monthly form: every indicator filled, validated against its form and appended in one transaction',
      tags: ['performance'],
      request: {
        query: waitQuery,
        body: {
          type: 'object',
          required: ['period', 'values'],
          properties: {
            unitId: id,
            period,
            values: {
              type: 'object',
              description: 'Form values by indicator id (indicators left out stay as they are)',
              maxProperties: 500,
              additionalProperties: values,
              examples: [{ 'ind-econ-1-1': { done: 420.5 } }],
            },
            attachments: {
              type: 'object',
              description: 'Evidence files (sha256 of uploads) by indicator id',
              maxProperties: 500,
              additionalProperties: { type: 'array', items: sha, maxItems: 50 },
            },
            ruleSetId,
          },
          additionalProperties: false,
        },
      },
      responses: {
        201: {
          description: '{unitId, period, entries, unchanged, recomputing}',
          schema: monthlyFormWriteSchema,
        },
        ...errors,
        409: {
          description: '`ledger.locked`: the month is locked; request an amendment',
          schema: errorSchema,
        },
      },
      handler: ({ ops, auth, body, query }) =>
        ops.submitMonthlyForm({ actor: actorOf(auth), ...body, ...query }),
    }),
    defineRoute<
      {
        unitId?: string;
        indicatorId: string;
        period: string;
        values: Record<string, unknown>;
        attachments?: string[];
        ruleSetId?: string;
      },
      { wait?: boolean }
    >({
      method: 'post',
      path: '/api/performance/entries',
      permission: 'performance.submit',
      summary:
        'Submit a form entry (appended to the ledger and acknowledged; its scores are recomputed in the background, `recomputing: true`)',
      tags: ['performance'],
      request: {
        query: waitQuery,
        body: {
          type: 'object',
          required: ['indicatorId', 'period', 'values'],
          properties: {
            unitId: id,
            indicatorId: id,
            period,
            values,
            attachments: { type: 'array', items: sha, maxItems: 50 },
            ruleSetId,
          },
          additionalProperties: false,
        },
      },
      responses: {
        201: {
          description:
            '{entry, score, result, changed, recomputing}: without `wait`, score/result are the last computed ones and changed is null',
          schema: anyObject,
        },
        ...errors,
        409: {
          description: '`ledger.locked`: the period is locked; request an amendment',
          schema: errorSchema,
        },
      },
      handler: ({ ops, auth, body, query }) => ops.submitEntry({ actor: actorOf(auth), ...body, ...query }),
    }),
    defineRoute<
      unknown,
      { unitId?: string; indicatorId?: string; period?: string; includeSuperseded?: boolean }
    >({
      method: 'get',
      path: '/api/performance/entries',
      permission: 'performance.read',
      summary: 'Ledger entries, newest first',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          properties: { unitId: id, indicatorId: id, period, includeSuperseded: { type: 'boolean' } },
          additionalProperties: false,
        },
      },
      responses: {
        200: {
          description: '{items}',
          schema: { type: 'object', properties: { items: { type: 'array', items: entrySchema } } },
        },
        ...errors,
      },
      handler: ({ ops, auth, query }) => ops.listEntries({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<unknown, Record<string, unknown>, { id: string }>({
      method: 'get',
      path: '/api/performance/entries/:id',
      permission: 'performance.read',
      summary: 'One ledger entry',
      tags: ['performance'],
      request: { params: { type: 'object', required: ['id'], properties: { id } } },
      responses: { 200: { description: 'Entry', schema: entrySchema }, ...errors },
      handler: ({ ops, auth, params }) => ops.getEntry({ actor: actorOf(auth), id: params.id }),
    }),
    defineRoute<{ entryId: string; values: Record<string, unknown>; reason: string }>({
      method: 'post',
      path: '/api/performance/amendments',
      permission: 'performance.submit',
      summary: 'Request an amendment of an entry',
      tags: ['performance'],
      request: {
        body: {
          type: 'object',
          required: ['entryId', 'values', 'reason'],
          properties: { entryId: id, values, reason: { type: 'string', minLength: 1, maxLength: 2000 } },
          additionalProperties: false,
        },
      },
      responses: {
        201: { description: 'Amendment', schema: anyObject },
        ...errors,
        409: { description: '`amendment.pending` / `amendment.superseded`', schema: errorSchema },
      },
      handler: ({ ops, auth, body }) => ops.requestAmendment({ actor: actorOf(auth), ...body }),
    }),
    defineRoute<unknown, { status?: string; unitId?: string }>({
      method: 'get',
      path: '/api/performance/amendments',
      permission: 'performance.read',
      summary: 'Amendment requests, newest first',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          properties: { status: { type: 'string', enum: ['pending', 'approved', 'rejected'] }, unitId: id },
          additionalProperties: false,
        },
      },
      responses: { 200: { description: '{items}', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) => ops.listAmendments({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<{ decision: 'approve' | 'reject'; note?: string }, { wait?: boolean }, { id: string }>({
      method: 'post',
      path: '/api/performance/amendments/:id/decision',
      permission: 'performance.decide',
      summary: 'Approve (new entry superseding the old, both kept) or reject an amendment',
      tags: ['performance'],
      request: {
        params: { type: 'object', required: ['id'], properties: { id } },
        query: waitQuery,
        body: {
          type: 'object',
          required: ['decision'],
          properties: {
            decision: { type: 'string', enum: ['approve', 'reject'] },
            note: { type: 'string', maxLength: 2000 },
          },
          additionalProperties: false,
        },
      },
      responses: {
        200: { description: '{amendment, entry, score, recomputing}', schema: anyObject },
        ...errors,
        409: { description: '`amendment.decided`', schema: errorSchema },
      },
      handler: ({ ops, auth, body, params, query }) =>
        ops.decideAmendment({ actor: actorOf(auth), id: params.id, ...body, ...query }),
    }),
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
    defineRoute<{ name: string; mime: string; contentBase64: string }>({
      method: 'post',
      path: '/api/performance/attachments',
      bodyLimit: 'upload',
      permission: 'performance.submit',
      summary: 'Upload an attachment (content-addressed by sha256, stored once)',
      tags: ['performance'],
      request: {
        body: {
          type: 'object',
          required: ['name', 'mime', 'contentBase64'],
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 255 },
            mime: { type: 'string', minLength: 1, maxLength: 100 },
            contentBase64: {
              type: 'string',
              minLength: 1,
              maxLength: 960_000,
              pattern: '^[A-Za-z0-9+/]*={0,2}$',
            },
          },
          additionalProperties: false,
        },
      },
      responses: {
        201: { description: '{sha256, name, mime, size, isDuplicate}', schema: anyObject },
        ...errors,
      },
      handler: ({ ops, auth, body }) =>
        ops.uploadAttachment({
          actor: actorOf(auth),
          name: body.name,
          mime: body.mime,
          content: new Uint8Array(Buffer.from(body.contentBase64, 'base64')),
        }),
    }),
    defineRoute<unknown, Record<string, unknown>, { sha256: string }>({
      method: 'get',
      path: '/api/performance/attachments/:sha256',
      permission: 'performance.read',
      summary: 'Download an attachment',
      tags: ['performance'],
      request: { params: { type: 'object', required: ['sha256'], properties: { sha256: sha } } },
      responses: { 200: { description: 'The bytes', contentType: 'application/octet-stream' }, ...errors },
      handler: async ({ ops, auth, params }) => {
        const { meta, content } = await ops.getAttachment({ actor: actorOf(auth), sha256: params.sha256 });
        return new Response(content as unknown as BodyInit, {
          headers: {
            'content-type': meta.mime,
            'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(meta.name)}`,
            'x-content-type-options': 'nosniff',
          },
        });
      },
    }),
    defineRoute<
      unknown,
      {
        unitId?: string;
        period: string;
        indicatorId?: string;
        explain?: boolean;
        ruleSetId?: string;
        fresh?: boolean;
      }
    >({
      method: 'get',
      path: '/api/performance/scores',
      permission: 'performance.read',
      summary: 'Scores of a unit for a month with traces ("why this score", naming ruleSetId@version)',
      tags: ['performance'],
      request: {
        query: unitQuery({ period, indicatorId: id, explain: { type: 'boolean' }, fresh }, ['period']),
      },
      responses: {
        200: {
          description:
            '{ruleSet, unitId, period, result, scores, recomputing}: the last projection while recomputing',
          schema: anyObject,
        },
        ...errors,
      },
      handler: ({ ops, auth, query }) => ops.getScores({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<unknown, { unitId?: string; asOf?: string; ruleSetId?: string; fresh?: boolean }>({
      method: 'get',
      path: '/api/performance/lights',
      permission: 'performance.read',
      summary: 'Light matrix unit × indicator',
      tags: ['performance'],
      request: { query: unitQuery({ asOf: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, fresh }) },
      responses: {
        200: { description: '{asOf, units, indicators, lights, recomputing}', schema: anyObject },
        ...errors,
      },
      handler: ({ ops, auth, query }) => ops.getLights({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<unknown, { period: string; group?: string; ruleSetId?: string; fresh?: boolean }>({
      method: 'get',
      path: '/api/performance/rankings',
      permission: 'performance.read',
      summary: 'Rankings per peer group (competition ranks: ties share a rank)',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          required: ['period'],
          properties: { period, group: id, ruleSetId, fresh },
          additionalProperties: false,
        },
      },
      responses: {
        200: { description: '{period, groups:[{group, rows}], recomputing}', schema: anyObject },
        ...errors,
      },
      handler: ({ ops, auth, query }) => ops.getRankings({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<
      unknown,
      {
        period: string;
        kind?: 'monthOnMonth' | 'yearOnYear' | 'improvement';
        basePeriod?: string;
        ruleSetId?: string;
      }
    >({
      method: 'get',
      path: '/api/performance/comparisons',
      permission: 'performance.read',
      summary: 'Comparisons over time (month on month, year on year, improvement)',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          required: ['period'],
          properties: {
            period,
            kind: { type: 'string', enum: ['monthOnMonth', 'yearOnYear', 'improvement'] },
            basePeriod: period,
            ruleSetId,
          },
          additionalProperties: false,
        },
      },
      responses: { 200: { description: '{items}', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) =>
        ops.getComparisons({ actor: actorOf(auth), ...query, kind: query.kind ?? 'monthOnMonth' }),
    }),
    defineRoute<unknown, { period: string; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/lists',
      permission: 'performance.read',
      summary: 'Red list and black list of a month',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          required: ['period'],
          properties: { period, ruleSetId },
          additionalProperties: false,
        },
      },
      responses: { 200: { description: '{red, black}', schema: anyObject }, ...errors },
      handler: ({ ops, auth, query }) => ops.getLists({ actor: actorOf(auth), ...query }),
    }),
    defineRoute<
      unknown,
      {
        unitId?: string;
        period: string;
        format?: 'json' | 'csv' | 'html';
        lang?: 'zh' | 'en';
        ruleSetId?: string;
      }
    >({
      method: 'get',
      path: '/api/performance/reports/unit',
      permission: 'performance.read',
      summary: 'A unit’s analysis report (JSON, CSV or printable HTML)',
      tags: ['performance'],
      request: {
        query: unitQuery(
          {
            period,
            format: { type: 'string', enum: ['json', 'csv', 'html'] },
            lang: { type: 'string', enum: ['zh', 'en'] },
          },
          ['period'],
        ),
      },
      responses: {
        200: { description: 'Report (application/json, text/csv or text/html)', contentType: 'text/csv' },
        ...errors,
      },
      handler: async ({ ops, auth, query, lang }) =>
        textResponse(
          await ops.getUnitReport({
            actor: actorOf(auth),
            ...query,
            lang: query.lang ?? (lang === 'en' ? 'en' : 'zh'),
          }),
        ),
    }),
    defineRoute<unknown, { period: string; format?: 'json' | 'csv'; ruleSetId?: string }>({
      method: 'get',
      path: '/api/performance/reports/district',
      permission: 'performance.read',
      summary: 'The district report (JSON, or CSV of the ranking)',
      tags: ['performance'],
      request: {
        query: {
          type: 'object',
          required: ['period'],
          properties: { period, format: { type: 'string', enum: ['json', 'csv'] }, ruleSetId },
          additionalProperties: false,
        },
      },
      responses: {
        200: { description: 'Report (application/json or text/csv)', contentType: 'text/csv' },
        ...errors,
      },
      handler: async ({ ops, auth, query }) =>
        textResponse(await ops.getDistrictReport({ actor: actorOf(auth), ...query })),
    }),
    defineRoute<WhatIfBody>({
      method: 'post',
      path: '/api/performance/what-if',
      ruleSteps: WHAT_IF_STEPS,
      permission: 'performance.whatIf',
      summary:
        'Score a draft version over the ledger history: per-unit and per-indicator deltas vs the version in force (waits for the result)',
      description:
        'A draft of another year is replayed over the history with months matched month-of-year (`periodMapping`, per-row `historyPeriod` and `draftPeriod`); indicators of the draft without history are `noHistory`. For progress, start it as a job with `POST /api/performance/what-if/jobs`.',
      tags: ['performance'],
      request: { body: whatIfBody },
      responses: { 200: { description: 'WhatIfResult', schema: whatIfResultSchema }, ...errors },
      handler: ({ ops, auth, body }) => ops.runWhatIf({ actor: actorOf(auth), ...body }),
    }),
    defineRoute<WhatIfBody>({
      method: 'post',
      path: '/api/performance/what-if/jobs',
      ruleSteps: WHAT_IF_STEPS,
      permission: 'performance.whatIf',
      summary:
        'Start a what-if as a job: answers 202 with the job at once; poll GET /api/jobs/{id} for progress and the result',
      tags: ['performance'],
      request: { body: whatIfBody },
      responses: {
        202: { description: 'The job (status `running`); its `result` is a WhatIfResult', schema: jobSchema },
        ...errors,
      },
      handler: ({ ops, auth, body }) => ops.startScoreWhatIf({ actor: actorOf(auth), ...body }),
    }),
  ];
}
