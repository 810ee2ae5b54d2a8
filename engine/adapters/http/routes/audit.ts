/** @module Audit chain routes: verify the keyed hash chain (against its stored checkpoints and, optionally, an exported one) and export a signed checkpoint (contract: docs/api-rule-sets.md, "Audit log"). */
import { AUDIT_BREAKS } from '../../../app/audit.ts';
import { CHECKPOINT_FORMAT } from '../../../core/ruleset/audit-chain.ts';
import { defineRoute, type JsonSchema, type RouteDefinition } from '../route.ts';
import { bilingualTextSchema as text, errorSchema } from '../schemas.ts';

const hex64: JsonSchema = { type: 'string', pattern: '^[0-9a-f]{64}$' };

/** An exported checkpoint: the signed head of the chain, without the key. */
export const auditCheckpointSchema: JsonSchema = {
  type: 'object',
  required: ['format', 'version', 'count', 'lastHash', 'at', 'keyId', 'mac'],
  properties: {
    format: { const: CHECKPOINT_FORMAT },
    version: { const: 1 },
    count: {
      type: 'integer',
      minimum: 0,
      description: 'Records covered (= seq of the last one)',
      examples: [1204],
    },
    lastHash: { ...hex64, description: 'Hash of record `count` (64 zeros for an empty log)' },
    at: {
      type: 'string',
      description: 'When it was signed (the server clock), an ISO instant',
      format: 'date-time',
    },
    keyId: {
      type: 'string',
      description: 'Public id of the audit key (not the key)',
      examples: ['3f9a0c1d2e4b5a69'],
    },
    mac: { ...hex64, description: 'HMAC-SHA-256 under the audit key' },
  },
};

const span: JsonSchema = {
  type: ['object', 'null'],
  required: ['count', 'at'],
  properties: { count: { type: 'integer' }, at: { type: 'string' } },
};

const verificationSchema: JsonSchema = {
  type: 'object',
  required: ['ok', 'count', 'message'],
  properties: {
    ok: { type: 'boolean' },
    count: { type: 'integer', description: 'Records read' },
    lastSeq: { type: 'integer' },
    lastHash: { type: ['string', 'null'] },
    keyed: { type: 'boolean', description: 'Whether the chain has keyed (HMAC) records' },
    checkpoint: { ...span, description: 'The newest stored checkpoint checked, or null' },
    anchor: { ...span, description: 'The exported checkpoint checked, or null' },
    firstBrokenSeq: {
      type: 'integer',
      description: 'The first record that is missing, changed or not covered',
    },
    reason: { type: 'string', enum: [...AUDIT_BREAKS] },
    message: text,
  },
};

const verifyDescription =
  'ok:true, or ok:false naming `firstBrokenSeq` and a `reason`: `hash_mismatch` (edited, or re-hashed under another key), ' +
  '`seq_gap` (deleted), `prev_hash_mismatch`, `scheme_downgrade` (plain SHA-256 after keyed records), `key_mismatch`, ' +
  '`key_unavailable`, `checkpoint_mismatch` (re-hashed chain), `checkpoint_invalid`, `checkpoint_missing`, ' +
  '`truncated` (newest records removed), `anchor_mismatch`, `anchor_truncated`, `malformed`';

/** Routes under /api/audit/verify and /api/audit/checkpoint (the listing stays with the rule-set routes). */
export function auditRoutes(): RouteDefinition[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/audit/verify',
      permission: 'audit.read',
      summary: 'Walk the keyed audit chain and its signed checkpoints; names the first broken record',
      tags: ['audit'],
      responses: { 200: { description: verifyDescription, schema: verificationSchema } },
      handler: ({ ops }) => ops.verifyAudit(),
    }),
    defineRoute<{ checkpoint: unknown }>({
      method: 'post',
      path: '/api/audit/verify',
      permission: 'audit.read',
      summary: 'Verify the audit chain against an exported checkpoint kept outside the database',
      description:
        'Changes nothing. Also detects a rollback that removed the newest records and their checkpoints.',
      tags: ['audit'],
      request: {
        body: {
          type: 'object',
          required: ['checkpoint'],
          properties: {
            checkpoint: { type: 'object', description: 'The output of GET /api/audit/checkpoint' },
          },
          additionalProperties: false,
        },
      },
      responses: {
        200: { description: verifyDescription, schema: verificationSchema },
        400: {
          description: '`audit.checkpoint_invalid`: malformed, another key, or a MAC that does not verify',
          schema: errorSchema,
        },
      },
      handler: ({ ops, body }) => ops.verifyAudit({ anchor: body.checkpoint }),
    }),
    defineRoute({
      method: 'get',
      path: '/api/audit/checkpoint',
      permission: 'audit.read',
      summary: 'Export a signed checkpoint of the verified chain head, to keep outside the database',
      tags: ['audit'],
      responses: {
        200: { description: 'The checkpoint (no key inside)', schema: auditCheckpointSchema },
        409: {
          description:
            '`audit.chain_broken` (nothing is signed over a broken chain), `audit.key_unavailable`',
          schema: errorSchema,
        },
      },
      handler: ({ ops }) => ops.exportAuditCheckpoint(),
    }),
  ];
}
