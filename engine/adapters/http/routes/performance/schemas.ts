/** @module What the /api/performance route files share: field schemas (period, ids, values, entries), the unit query, the error responses and the caller. */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import type { Actor } from '../../../../app/permissions.ts';
import type { JsonSchema } from '../../route.ts';
import { arrayOf, bool, errorSchema, int, nullableString, objectOf, str } from '../../schemas.ts';

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

export const entrySchema: JsonSchema = objectOf(
  {
    id,
    unitId: id,
    indicatorId: id,
    period,
    values,
    ruleSetId,
    ruleSetVersion: int,
    submittedBy: str,
    submittedAt: str,
    isLate: bool,
    supersedes: nullableString,
    kind: { type: 'string', enum: ['submitted', 'amendment', 'seeded'] },
    status: { type: 'string', enum: ['active', 'superseded'] },
    attachments: arrayOf(sha),
  },
  { title: 'LedgerEntry' },
);

/** A request to change a locked entry. */
export const amendmentSchema: JsonSchema = objectOf(
  {
    id,
    entryId: id,
    unitId: id,
    indicatorId: id,
    period,
    values,
    reason: str,
    status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
    requestedBy: str,
    requestedAt: str,
    decidedBy: nullableString,
    decidedAt: nullableString,
    note: nullableString,
    newEntryId: nullableString,
  },
  { title: 'Amendment' },
);

export const localized: JsonSchema = objectOf({ zh: str, en: str }, { title: 'LocalizedText' });

/** Deadline status of a form for a period. */
export const formStatus: JsonSchema = {
  type: 'string',
  enum: ['notDue', 'open', 'dueSoon', 'late', 'locked'],
};

/** A date, `YYYY-MM-DD`. */
export const day: JsonSchema = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

/** How often an indicator is reported. */
export const frequency: JsonSchema = { type: 'string', enum: ['monthly', 'quarterly', 'yearly'] };

/** A cross-field check of a form (schemas/form.schema.json `check`). */
export const formCheckSchema: JsonSchema = objectOf(
  { id, rule: {}, message: localized, path: str },
  { title: 'FormCheck', optional: ['id'] },
);

/** The rule-set version in force that an answer was read under. */
export const versionProperties: Record<string, JsonSchema> = { ruleSetId, ruleSetVersion: int };

/** When a form of a period is due and locked, and its deadline status today. */
export const deadlineProperties: Record<string, JsonSchema> = {
  deadline: day,
  lockDate: day,
  status: formStatus,
};

/** What an indicator's form asks and aims at: its JSON Schema, UI schema, checks, computed fields, and the unit's target. */
export const formContentProperties: Record<string, JsonSchema> = {
  schema: anyObject,
  uiSchema: { type: ['object', 'null'] },
  checks: { type: 'array', items: formCheckSchema },
  computed: { type: 'array' },
  target: { type: ['number', 'null'] },
};

/** The unit's active entry of an indicator and month, and the amendment of it waiting; null when none. */
export const entryStateProperties: Record<string, JsonSchema> = {
  entry: { oneOf: [entrySchema, { type: 'null' }] },
  pendingAmendment: { oneOf: [amendmentSchema, { type: 'null' }] },
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
