/** @module Ledger port: append-only entries, attachments, amendment requests, source values and score projections. */

import type { Amendment, LedgerEntry } from '../../schemas/api-types.gen.ts';

/** A stored entry with whether a later entry replaced it, as the API's `LedgerEntry` schema describes it. */
export type LedgerEntryView = LedgerEntry;

/** One stored ledger entry (填报记录); never changed once written. */
export type LedgerEntryRecord = Omit<LedgerEntryView, 'status'>;

/** How an entry arrived. */
export type EntryKind = LedgerEntryRecord['kind'];

/** What every stored value of a unit's indicator for a period says: the values, under which rule set, by whom and when. */
export type RecordedValues = Omit<LedgerEntryRecord, 'isLate' | 'supersedes' | 'kind' | 'attachments'>;

/** A third-party or derived value. */
export interface SourceValueRecord extends RecordedValues {
  source: 'thirdParty' | 'derived';
}

/** An amendment request (更正申请), as the API's `Amendment` schema describes it. */
export type AmendmentRecord = Amendment;

/** Metadata of a stored attachment. */
export interface AttachmentMeta {
  sha256: string;
  name: string;
  mime: string;
  size: number;
  uploadedBy: string;
  uploadedAt: string;
}

/** One projected score or result row; `data` is the full JSON (with trace). */
export interface ProjectionRow {
  unitId: string;
  period: string;
  /** Null for unit results. */
  indicatorId: string | null;
  status: string;
  points: number;
  weighted: number;
  gradeId: string | null;
  data: unknown;
}

/** A ledger input whose scores are not recomputed yet (written with the input, deleted with the recomputed projection). */
export interface PendingRecompute {
  /** The entry (or source value) id. */
  entryId: string;
  ruleSetId: string;
  ruleSetVersion: number;
  unitId: string;
  indicatorId: string;
  period: string;
  createdAt: string;
}

/** Filter of entry listings. */
export interface EntryQuery {
  unitId?: string;
  indicatorId?: string;
  period?: string;
  /** Include entries a later one replaced (default false). */
  includeSuperseded?: boolean;
  limit?: number;
}

/** One page of a keyset-paged read: the rows, and the cursor of the next page (null after the last). */
export interface Page<T> {
  items: T[];
  /** Opaque cursor: pass it as `after` for the next page; null when this page was the last. */
  next: string | null;
  /**
   * Where this page ended (also after the last page): pass it as `after` later to read only the rows
   * appended since (the ledger is append-only and its keys grow in commit order). Null: from the start.
   */
  cursor: string | null;
}

/** A keyset-paged read of one year: the page after `after` (null or absent: the first), at most `limit` rows. */
export interface YearPageQuery {
  /** A year followed by a dash, `YYYY-`. */
  yearPrefix: string;
  after?: string | null;
  /** Rows per page (default 500, at most 2000): keeps each response well under a server's size cap. */
  limit?: number;
}

/** The ledger repository. */
export interface LedgerRepository {
  /** Appends entries (many at once for seeding). */
  appendEntries(entries: readonly LedgerEntryRecord[]): Promise<void>;
  getEntry(id: string): Promise<LedgerEntryView | null>;
  /** The entry of (unit, indicator, period) no later entry replaced, if any. */
  activeEntry(q: { unitId: string; indicatorId: string; period: string }): Promise<LedgerEntryView | null>;
  /** Entries newest first. */
  listEntries(q: EntryQuery): Promise<LedgerEntryView[]>;
  /** One page of the entries of the periods starting with `yearPrefix` (`YYYY-`), oldest first. */
  entriesOfYearPage(q: YearPageQuery): Promise<Page<LedgerEntryRecord>>;
  /** Whether any entry of the periods starting with `yearPrefix` exists. */
  hasEntriesOfYear(yearPrefix: string): Promise<boolean>;
  countEntries(): Promise<number>;
  appendSourceValues(values: readonly SourceValueRecord[]): Promise<void>;
  /** One page of the source values of the periods starting with `yearPrefix`, oldest first. */
  sourceValuesOfYearPage(q: YearPageQuery): Promise<Page<SourceValueRecord>>;
  /** Stores content once per sha256; resolves false when it was already there. */
  putAttachment(meta: AttachmentMeta, content: Uint8Array): Promise<boolean>;
  getAttachment(sha256: string): Promise<{ meta: AttachmentMeta; content: Uint8Array } | null>;
  hasAttachments(sha256s: readonly string[]): Promise<string[]>;
  insertAmendment(record: AmendmentRecord): Promise<void>;
  getAmendment(id: string): Promise<AmendmentRecord | null>;
  listAmendments(q: { status?: string; unitId?: string; entryId?: string }): Promise<AmendmentRecord[]>;
  decideAmendment(q: {
    id: string;
    status: 'approved' | 'rejected';
    decidedBy: string;
    decidedAt: string;
    note: string | null;
    newEntryId: string | null;
  }): Promise<boolean>;
  /** Replaces projected rows of a version (scores and results). */
  putProjection(q: { ruleSetId: string; version: number; rows: readonly ProjectionRow[] }): Promise<void>;
  /** Projected rows of (unit, period); indicatorId null rows are results. */
  getProjection(q: {
    ruleSetId: string;
    version: number;
    unitId: string;
    period: string;
  }): Promise<ProjectionRow[]>;
  countProjection(q: { ruleSetId: string; version: number }): Promise<number>;
  /** Records inputs whose scores the background recompute still has to write (same transaction as the input). */
  markRecomputePending(rows: readonly PendingRecompute[]): Promise<void>;
  /** The inputs of a rule set still waiting for their recompute, oldest first. */
  listRecomputePending(q: { ruleSetId: string }): Promise<PendingRecompute[]>;
  /** Forgets recomputed inputs (same transaction as their projection). */
  clearRecomputePending(entryIds: readonly string[]): Promise<void>;
}
