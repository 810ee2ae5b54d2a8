/** @module Store port for rule sets, their versions, the audit log and settings. */
import type { AuditCheckpoint, AuditKey, AuditRecord } from '../core/ruleset/audit-chain.ts';

/** Lifecycle status of a rule-set version. */
export type VersionStatus = 'draft' | 'inReview' | 'approved' | 'published' | 'archived';

/** A rule set: the stable identity every version shares. */
export interface RuleSetRecord {
  id: string;
  /** `{en, zh}` display name, kept in step with the newest version's content. */
  name: { en: string; zh: string };
  createdBy: string;
  createdAt: string;
}

/** Lifecycle and metadata columns of a version (everything but its content). */
export interface VersionState {
  status: VersionStatus;
  submittedBy: string | null;
  submittedAt: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  /** First day in force (ISO date), set when published. */
  effectiveFrom: string | null;
  /** Last day in force (ISO date), set when published; a later publish may move it earlier. */
  effectiveTo: string | null;
  archivedAt: string | null;
  /** `ruleSetId@number` of the version that archived this one by being published. */
  supersededBy: string | null;
  /** The last reviewer comment (a rejection). */
  reviewComment: string | null;
}

/** The lifecycle fields of a draft nobody has submitted yet: all empty (its status is `draft`). */
export const UNSUBMITTED: Omit<VersionState, 'status'> = {
  submittedBy: null,
  submittedAt: null,
  approvedBy: null,
  approvedAt: null,
  publishedBy: null,
  publishedAt: null,
  effectiveFrom: null,
  effectiveTo: null,
  archivedAt: null,
  supersededBy: null,
  reviewComment: null,
};

/** One stored version of a rule set. */
export interface RuleSetVersionRecord extends VersionState {
  ruleSetId: string;
  number: number;
  /** The rule set JSON without its `version` block. */
  content: Record<string, unknown>;
  /** SHA-256 of the canonical JSON of `content`. */
  sha256: string;
  /** Optimistic-concurrency counter; grows by one on every change. */
  revision: number;
  basedOn: number | null;
  createdBy: string;
  createdAt: string;
}

/** Filters of the audit listing; `target` matches as a prefix. */
export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  /** Inclusive lower bound of `at` (ISO 8601). */
  from?: string;
  /** Inclusive upper bound of `at`; a bare date includes that whole day. */
  to?: string;
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

/** Rule sets and their versions. */
export interface RuleSetRepository {
  insert(ruleSet: RuleSetRecord): Promise<void>;
  get(id: string): Promise<RuleSetRecord | null>;
  list(): Promise<RuleSetRecord[]>;
  rename(id: string, name: RuleSetRecord['name']): Promise<void>;
  insertVersion(version: RuleSetVersionRecord): Promise<void>;
  getVersion(ruleSetId: string, number: number): Promise<RuleSetVersionRecord | null>;
  /** Versions of a rule set, newest first. */
  listVersions(ruleSetId: string): Promise<RuleSetVersionRecord[]>;
  /** Every version whose status is `published`. */
  listPublished(): Promise<RuleSetVersionRecord[]>;
  /**
   * A stamp that changes whenever the list of published versions may have changed (a version
   * published, superseded, trimmed or archived, by any node): one cheap read, compared before
   * reading the list again.
   */
  publishedStamp(): Promise<string>;
  /** Highest version number of a rule set, 0 when it has none. */
  lastNumber(ruleSetId: string): Promise<number>;
  /**
   * Replaces the content of a version if its revision is still `expectedRevision`, bumping the
   * revision; returns false (and changes nothing) when the revision moved on.
   */
  replaceContent(input: {
    ruleSetId: string;
    number: number;
    content: Record<string, unknown>;
    sha256: string;
    expectedRevision: number;
  }): Promise<boolean>;
  /** Sets the lifecycle columns if the revision is still `expectedRevision`, bumping it; false otherwise. */
  updateState(input: {
    ruleSetId: string;
    number: number;
    state: VersionState;
    expectedRevision: number;
  }): Promise<boolean>;
}

/** The append-only, hash-chained audit log. */
export interface AuditRepository {
  /** The record with the highest seq, or null when the log is empty. */
  last(): Promise<AuditRecord | null>;
  /** Appends a record built by `appendAuditRecord` (never updates). */
  append(record: AuditRecord): Promise<void>;
  list(query: AuditQuery): Promise<{ items: AuditRecord[]; total: number }>;
  /** Records with seq > `afterSeq`, ascending, at most `limit`. */
  range(afterSeq: number, limit: number): Promise<AuditRecord[]>;
  /** The key records are appended under (see `withAuditKey`); absent: records are plain SHA-256. Never stored or logged. */
  readonly key?: AuditKey;
  /** Appends a signed head checkpoint (never updates). Absent on stores that keep none (in-memory). */
  appendCheckpoint?(checkpoint: AuditCheckpoint): Promise<void>;
  /** The checkpoint with the highest count; null when there is none; undefined when the database has no checkpoint table yet. */
  lastCheckpoint?(): Promise<AuditCheckpoint | null | undefined>;
  /** Checkpoints with `afterCount` < count <= `upToCount`, ascending. */
  checkpoints?(afterCount: number, upToCount: number): Promise<AuditCheckpoint[]>;
}

/** Small key/value settings of the installation (e.g. the generated bundle key). */
export interface SettingsRepository {
  get(key: string): Promise<string | null>;
  /** Stores a value unless the key exists; returns the value now stored. */
  putIfAbsent(key: string, value: string, at: string): Promise<string>;
}
