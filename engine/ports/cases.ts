/** @module Case store port: case projections, their append-only event history, numbers, lookups and the deadline worker's notices. */
import type { CaseProjection } from '../core/cases/projection.ts';
import type { DuplicateCandidate } from '../core/routing/duplicates.ts';

/** Who took a stored event; null for the system (intake by a channel, deadline worker). */
export interface CaseEventActor {
  username: string;
  role: string;
  unitId: string | null;
}

/** One stored event of a case; `seq` counts from 1 per case. */
export interface CaseEventRecord {
  caseId: string;
  seq: number;
  /** Core event type (`caseOpened`, `transitioned`, …) or `slaWarning` / `slaOverdue`. */
  type: string;
  actor: CaseEventActor | null;
  at: string;
  /** The full event (core events) or the notice details. */
  payload: Record<string, unknown>;
}

/** The projection row of a case, rewritten in the transaction that appends its events. */
export interface CaseRecord extends CaseProjection {
  id: string;
  /** Year and sequence, `YYYY-NNNNNN`. */
  number: string;
  channel: string;
  externalId: string | null;
  category: string;
  ruleSetId: string;
  ruleSetVersion: number;
  slaPolicyId: string | null;
  workflowId: string;
  queryPasswordHash: string;
  text: string;
  data: Record<string, unknown>;
  requester: Record<string, unknown> | null;
  location: Record<string, unknown> | null;
  /** The routing decision with its trace. */
  routing: Record<string, unknown>;
  eventCount: number;
  createdAt: string;
}

/** Filters of {@link CaseRepository.list}. */
export interface CaseQuery {
  waitingRole?: string;
  waitingUnitId?: string;
  /** Lead or assisting unit. */
  involvedUnitId?: string;
  /** Supervisor view: a pending supervision or supervisionLevel > 0, not in `finalStates`. */
  supervisorView?: { finalStates: string[] };
  status?: string;
  category?: string;
  channel?: string;
  priority?: string;
  slaLight?: string;
  /** Number prefix or text contains. */
  q?: string;
  /** Created at or after / before (UTC ISO instants). */
  createdFrom?: string;
  createdBefore?: string;
  limit: number;
  offset: number;
}

/** One citizen lookup attempt, for throttling. */
export interface CaseLookupAttempt {
  number: string;
  ip: string | null;
  succeeded: boolean;
  /** Refused by the throttle without being evaluated (never counted as a failure). */
  refused?: boolean;
  at: string;
}

/** What duplicate detection reads of a recent case (no state, routing or history): core's candidate. */
export type RecentCase = DuplicateCandidate;

export interface CaseRepository {
  /** Next per-year sequence number (1, 2, …); call inside a transaction. */
  nextNumber(year: number): Promise<number>;
  insert(record: CaseRecord): Promise<void>;
  /** Rewrites the projection; resolves false when `expectedEventCount` no longer matches (a concurrent change). */
  update(record: CaseRecord, expectedEventCount: number): Promise<boolean>;
  get(id: string): Promise<CaseRecord | null>;
  getByNumber(number: string): Promise<CaseRecord | null>;
  findByExternalId(channel: string, externalId: string): Promise<CaseRecord | null>;
  /**
   * Candidates for duplicate detection at intake: cases created in [`since`, `before`) of `category`
   * and (separately) with the requester phone `phone`, newest first, at most `limit` of each kind,
   * through the (category, created_at) and (requester phone, created_at) indexes.
   */
  findRecent(query: {
    since: string;
    before: string;
    category?: string;
    phone?: string;
    limit: number;
  }): Promise<RecentCase[]>;
  appendEvents(events: readonly CaseEventRecord[]): Promise<void>;
  listEvents(caseId: string): Promise<CaseEventRecord[]>;
  list(query: CaseQuery): Promise<{ items: CaseRecord[]; total: number }>;
  /**
   * Event histories of cases created before `before` and changed at or after `since` (UTC ISO): an
   * action (`updatedAt`) or a deadline notice recorded then.
   */
  histories(range: {
    since: string;
    before: string;
  }): Promise<{ record: CaseRecord; events: CaseEventRecord[] }[]>;
  /** Cases whose `nextCheckAt` is at or before `now`, oldest first. */
  dueForCheck(now: string, limit: number): Promise<CaseRecord[]>;
  /** Records a deadline notice once; false when `key` was recorded before. */
  recordNotice(caseId: string, key: string, at: string): Promise<boolean>;
  insertLookupAttempt(attempt: CaseLookupAttempt): Promise<void>;
  countLookupFailures(query: { number?: string; ip?: string; since: string }): Promise<number>;
  /** Failures since `since` of a number, an IP or the (number, ip) pair (`ip: null` matches no IP), see app/throttle.ts. */
  summarizeLookups(query: { number?: string; ip?: string | null; since: string }): Promise<{
    failures: number;
    lastFailureAt: string | null;
    refusedSinceFailure: number;
  }>;
  /** Forgets the failed and refused lookups of (number, ip), after the right password. */
  clearLookupFailures(query: { number: string; ip: string | null }): Promise<void>;
  count(): Promise<number>;
}
