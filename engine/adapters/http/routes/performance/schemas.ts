/** @module What the /api/performance route files share: field schemas (period, ids, values, entries), the unit query, the error responses and the caller. */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import type { Actor } from '../../../../app/permissions.ts';
import type { JsonSchema } from '../../route.ts';
import { errorSchema } from '../../schemas.ts';

export const period: JsonSchema = {
  type: 'string',
  pattern: '^\\d{4}-(0[1-9]|1[0-2])$',
  examples: [`${sampleDates.year}-11`],
};

export const id: JsonSchema = { type: 'string', minLength: 1, maxLength: 200 };

export const ruleSetId: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 200,
  examples: ['district-assessment'],
};

export const values: JsonSchema = {
  type: 'object',
  description: 'Form values (validated against the form schema)',
  examples: [{ done: 420.5 }],
};

export const anyObject: JsonSchema = { type: 'object' };

export const fresh: JsonSchema = {
  type: 'boolean',
  description:
    'Wait for the score recomputes queued so far before answering (default: answer at once, `recomputing` says whether figures are pending)',
};

export const waitQuery: JsonSchema = {
  type: 'object',
  properties: {
    wait: {
      type: 'boolean',
      description: 'Answer only once the scores are recomputed (default: at once, with `recomputing: true`)',
    },
  },
  additionalProperties: false,
};

export const sha: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };

export const entrySchema: JsonSchema = {
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

export const localized: JsonSchema = {
  type: 'object',
  required: ['zh', 'en'],
  properties: { zh: { type: 'string' }, en: { type: 'string' } },
};

export const unitQuery = (extra: Record<string, JsonSchema> = {}, required: string[] = []): JsonSchema => ({
  type: 'object',
  required,
  properties: { unitId: id, ruleSetId, ...extra },
  additionalProperties: false,
});

export const errors = {
  400: {
    description: 'Invalid input (`entry.invalid` carries `details.issues` with field paths)',
    schema: errorSchema,
  },
  403: { description: '`performance.out_of_scope`: another unit’s data', schema: errorSchema },
  404: { description: 'No such indicator, entry or rule set in force', schema: errorSchema },
};

export const actorOf = (auth: { actor: Actor } | null): Actor => auth!.actor;
