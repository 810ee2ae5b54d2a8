/** @module JSON schemas of the rule-set routes: parameters, versions, rule sets, bundles, audit records, the AHP weights view, and the error answers they share. */
import sampleDates from '../../../../../schemas/examples/sample-dates.json' with { type: 'json' };
import type { JsonSchema } from '../../route.ts';
import { arrayOf, errorSchema, int, nullableNumber, nullableString, objectOf, str } from '../../schemas.ts';

export const idParam: JsonSchema = {
  type: 'string',
  minLength: 1,
  maxLength: 128,
  examples: ['district-assessment'],
};
export const versionParams: JsonSchema = objectOf({
  id: idParam,
  n: { type: 'integer', minimum: 1, examples: [2] },
});
export const documentParams: JsonSchema = objectOf({
  id: idParam,
  n: { type: 'integer', minimum: 1 },
  kind: { type: 'string', minLength: 1, maxLength: 64, examples: ['indicator'] },
  docId: { type: 'string', minLength: 1, maxLength: 128, examples: ['ind.safety'] },
});
export const revisionProperty: JsonSchema = {
  type: 'integer',
  minimum: 1,
  description: 'The revision you loaded (alternative to If-Match)',
  examples: [4],
};
export const issueSchema: JsonSchema = objectOf(
  {
    path: {
      type: 'string',
      description: 'JSON pointer into the rule set',
      examples: ['/documents/7/weight'],
    },
    code: { type: 'string', examples: ['indicator.weights_sum'] },
    message: str,
    messageZh: str,
    severity: { type: 'string', enum: ['error', 'warning'] },
  },
  { optional: ['messageZh', 'severity'] },
);
export const summaryProperties: Record<string, JsonSchema> = {
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
  supersededBy: { type: ['string', 'null'], examples: [`district-${sampleDates.nextYear}@1`] },
  reviewComment: nullableString,
};
export const versionSummarySchema: JsonSchema = {
  type: 'object',
  required: ['ruleSetId', 'number', 'status', 'revision', 'sha256'],
  properties: summaryProperties,
};
export const versionDetailSchema: JsonSchema = {
  type: 'object',
  required: ['ruleSetId', 'number', 'status', 'revision', 'sha256', 'content', 'issues'],
  properties: {
    ...summaryProperties,
    content: {
      type: 'object',
      description: 'The rule set JSON (schemas/rule-set.schema.json) without `version`',
    },
    issues: arrayOf(issueSchema),
    superseded: {
      type: 'array',
      description: 'Publish only: versions trimmed or archived by this publication',
      items: {
        type: 'object',
        properties: {
          ruleSetId: str,
          number: int,
          action: { type: 'string', enum: ['trimmed', 'archived'] },
          effectiveTo: nullableString,
        },
      },
    },
  },
};
export const ruleSetSummarySchema: JsonSchema = objectOf(
  {
    id: str,
    name: {},
    period: {},
    inForce: { type: ['integer', 'null'], description: 'Version of this set in force today' },
    versions: arrayOf(versionSummarySchema),
  },
  { optional: ['name', 'period'] },
);
export const ruleSetBodySchema: JsonSchema = {
  type: 'object',
  description: 'A rule set (schemas/rule-set.schema.json); a `version` block is ignored',
  required: ['id'],
  properties: { id: { type: 'string' } },
};
export const bundleSchema: JsonSchema = objectOf(
  {
    format: { const: 'baton-bundle' },
    version: { const: 1 },
    ruleSet: { type: 'object' },
    exportedAt: str,
    sourceRevision: { type: 'string', examples: [`district-${sampleDates.year}@2#r5`] },
    signature: { type: 'object' },
  },
  { description: 'A signed bundle (schemas/bundle.schema.json)' },
);
export const auditRecordSchema: JsonSchema = objectOf(
  {
    seq: int,
    at: str,
    actor: { type: 'string', examples: ['admin'] },
    action: { type: 'string', examples: ['ruleSet.publish'] },
    target: { type: 'string', examples: [`ruleSet:district-${sampleDates.year}@1`] },
    beforeHash: nullableString,
    afterHash: nullableString,
    details: {},
    prevHash: str,
    hash: str,
    scheme: {
      type: 'string',
      enum: ['sha256', 'hmac-sha256'],
      description:
        'How `hash` was made: HMAC under the audit key, or plain SHA-256 (records older than the key)',
    },
    keyId: { type: ['string', 'null'], description: 'Public id of the audit key of an HMAC record' },
  },
  { optional: ['beforeHash', 'afterHash', 'details', 'scheme', 'keyId'] },
);
export const ahpNodeSchema: JsonSchema = objectOf(
  {
    nodeId: { type: 'string', examples: ['ind-c-safety'] },
    name: { description: '`{en, zh}` of the indicator' },
    comparisonId: { type: 'string', description: 'Id the children name in `weight: {ahp}`' },
    method: { type: 'string', enum: ['eigenvector', 'geometricMean'] },
    children: arrayOf(
      objectOf({
        id: str,
        name: { description: '`{en, zh}` of the child, null when no indicator has that id' },
        weight: { ...nullableNumber, description: 'Derived local weight (siblings sum to 1)' },
      }),
    ),
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
    issues: { ...arrayOf(issueSchema), description: 'Why the matrix cannot be weighted' },
  },
  { optional: ['mostInconsistentPair'] },
);
export const weightsViewSchema: JsonSchema = objectOf({
  ruleSetId: str,
  number: int,
  status: str,
  revision: int,
  nodes: arrayOf(ahpNodeSchema),
});
/** 404 `ruleset.not_found`: no such rule set, or no such version of it. */
export const ruleSetNotFound = { description: '`ruleset.not_found`', schema: errorSchema };
export const lifecycleErrors = {
  404: ruleSetNotFound,
  409: { description: '`ruleset.wrong_status`, `ruleset.revision_conflict`', schema: errorSchema },
};

/** Errors of reading one version (drafts are for admins and auditors). */
export const readVersionErrors = {
  403: {
    description: '`ruleset.draft_forbidden`: unpublished, and you are not admin/auditor',
    schema: errorSchema,
  },
  404: ruleSetNotFound,
};
