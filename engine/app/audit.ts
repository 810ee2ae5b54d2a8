/** @module Audit log operations: the reusable `appendAudit` for any transaction, records written on their own (refusals, what-if runs), listing with filters, chain verification. */
import {
  type AuditRecord,
  appendAuditRecord,
  type ChainBreak,
  verifyChain,
} from '../core/ruleset/audit-chain.ts';
import type { AuditQuery } from '../ports/rule-set-store.ts';
import type { Repositories } from '../ports/store.ts';
import type { AppDeps } from './context.ts';
import type { Actor } from './permissions.ts';

/** What an operation records; `seq`, `at` and the chain links are filled in. */
export interface AuditEntry {
  /** Username of the actor, or `system`. */
  actor: string;
  /** Dotted verb, e.g. `ruleSet.publish`. */
  action: string;
  /** What was acted on, e.g. `ruleSet:district-2026@3`. */
  target: string;
  beforeHash?: string | null;
  afterHash?: string | null;
  details?: unknown;
}

/** The audit name of an actor. */
export const auditActor = (actor: Pick<Actor, 'username'>): string => actor.username;

/**
 * Appends one record to the hash chain using the transaction's repositories, so the record commits
 * or rolls back with the change it describes. Call it inside `store.transaction`; writes are
 * serialised, so reading the last record and appending cannot interleave with another writer.
 */
export async function appendAudit(
  tx: Pick<Repositories, 'audit'>,
  input: { at: string; entry: AuditEntry },
): Promise<AuditRecord> {
  const previous = await tx.audit.last();
  const record = appendAuditRecord(previous, {
    at: input.at,
    actor: input.entry.actor,
    action: input.entry.action,
    target: input.entry.target,
    beforeHash: input.entry.beforeHash ?? null,
    afterHash: input.entry.afterHash ?? null,
    details: input.entry.details ?? null,
  });
  await tx.audit.append(record);
  return record;
}

/** Audit action of a what-if run (scores or cases) of a draft over history. */
export const WHAT_IF_AUDIT_ACTION = 'ruleSet.whatIf';
/** Audit action of an approval refused by the four-eyes rule. */
export const APPROVE_REFUSED_AUDIT_ACTION = 'ruleSet.approveRefused';

/**
 * Appends one audit record in its own write transaction. For events that change no data, or whose
 * own transaction rolled back (a refused approval), so the record must not depend on it.
 */
export async function appendAuditAlone(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  entry: AuditEntry,
): Promise<AuditRecord> {
  const at = deps.clock.now().toISOString();
  return deps.store.transaction((tx) => appendAudit(tx, { at, entry }));
}

/**
 * Records that someone ran a what-if (score or case replay) of a rule-set version: who, on which
 * version (`target`, e.g. `ruleSet:district-2027@2`) and with what parameters and headline result
 * (`details`, e.g. `{kind: 'score', periods, maxAbsDelta}`). Call it after the run succeeded.
 */
export function auditWhatIfRun(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  input: { actor: Pick<Actor, 'username'> | string; target: string; details?: unknown },
): Promise<AuditRecord> {
  return appendAuditAlone(deps, {
    actor: typeof input.actor === 'string' ? input.actor : auditActor(input.actor),
    action: WHAT_IF_AUDIT_ACTION,
    target: input.target,
    details: input.details ?? null,
  });
}

/** Filters and paging of {@link listAudit}. */
export interface ListAuditInput {
  actor?: string;
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
  order?: 'asc' | 'desc';
}

/** Audit records matching the filters, newest first by default (limit 50, at most 500). */
export async function listAudit(
  deps: AppDeps,
  input: ListAuditInput = {},
): Promise<{ items: AuditRecord[]; total: number }> {
  const query: AuditQuery = {
    limit: Math.min(Math.max(input.limit ?? 50, 1), 500),
    offset: Math.max(input.offset ?? 0, 0),
    order: input.order ?? 'desc',
  };
  for (const key of ['actor', 'action', 'target', 'from', 'to'] as const) {
    const value = input[key];
    if (value !== undefined && value !== '') query[key] = value;
  }
  return deps.store.audit.list(query);
}

/** Result of {@link verifyAudit}. */
export type AuditVerification =
  | { ok: true; count: number; lastSeq: number; lastHash: string | null }
  | { ok: false; count: number; firstBrokenSeq: number; reason: ChainBreak };

/** Walks the whole chain in pages; names the first record whose link or hash does not verify. */
export async function verifyAudit(
  deps: AppDeps,
  input: { pageSize?: number } = {},
): Promise<AuditVerification> {
  const pageSize = input.pageSize ?? 1000;
  let last: AuditRecord | undefined;
  let count = 0;
  for (;;) {
    const page = await deps.store.audit.range(last?.seq ?? 0, pageSize);
    if (page.length === 0) break;
    // A missing first record shows up as a gap: range() starts after the last verified seq.
    const result = verifyChain(page, last ? { from: last } : {});
    if (!result.ok)
      return {
        ok: false,
        count: count + page.length,
        firstBrokenSeq: result.firstBrokenSeq,
        reason: result.reason,
      };
    count += page.length;
    last = page.at(-1)!;
    if (page.length < pageSize) break;
  }
  return { ok: true, count, lastSeq: last?.seq ?? 0, lastHash: last?.hash ?? null };
}
