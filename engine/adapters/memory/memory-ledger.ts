/** @module In-memory ledger repository for MemoryStore (same contract as the libSQL one). */
import type {
  AmendmentRecord,
  AttachmentMeta,
  LedgerEntryRecord,
  LedgerEntryView,
  LedgerRepository,
  Page,
  PendingRecompute,
  ProjectionRow,
  SourceValueRecord,
  YearPageQuery,
} from '../../ports/ledger.ts';
import { matchesFilters } from './filters.ts';

/** The part of the memory state the ledger owns. */
export interface LedgerMemoryState {
  entries: LedgerEntryRecord[];
  sourceValues: SourceValueRecord[];
  attachments: Map<string, { meta: AttachmentMeta; content: Uint8Array }>;
  amendments: AmendmentRecord[];
  projection: Map<string, ProjectionRow>;
  recomputePending: Map<string, PendingRecompute>;
}

/** Empty ledger state. */
export const emptyLedgerMemoryState = (): LedgerMemoryState => ({
  entries: [],
  sourceValues: [],
  attachments: new Map(),
  amendments: [],
  projection: new Map(),
  recomputePending: new Map(),
});

const copy = <T>(value: T): T => structuredClone(value);

/** A keyset page over an append-only list: the cursor is the position after the page's last row. */
function yearPage<T extends { period: string }>(rows: readonly T[], q: YearPageQuery): Page<T> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? 500), 1), 2000);
  const items: T[] = [];
  let i = q.after === undefined || q.after === null ? 0 : Number(q.after);
  for (; i < rows.length && items.length < limit; i++)
    if (rows[i]!.period.startsWith(q.yearPrefix)) items.push(copy(rows[i]!));
  return { items, next: items.length === limit ? String(i) : null, cursor: i > 0 ? String(i) : null };
}

/**
 * The ledger over `state()`, writing through `write`.
 * Long: a factory: its methods are short and share the in-memory state, so they stay together in one closure.
 */
export function createMemoryLedgerRepository(
  state: () => LedgerMemoryState,
  write: <T>(task: () => Promise<T>) => Promise<T>,
): LedgerRepository {
  const view = (e: LedgerEntryRecord): LedgerEntryView => ({
    ...copy(e),
    status: state().entries.some((s) => s.supersedes === e.id) ? 'superseded' : 'active',
  });
  const newestFirst = (a: LedgerEntryRecord, b: LedgerEntryRecord) =>
    a.submittedAt < b.submittedAt ? 1 : a.submittedAt > b.submittedAt ? -1 : 0;
  return {
    appendEntries: (entries) =>
      write(async () => {
        for (const e of entries) {
          if (state().entries.some((x) => x.id === e.id)) throw new Error(`duplicate entry ${e.id}`);
          state().entries.push(copy(e));
        }
      }),
    getEntry: async (id) => {
      const e = state().entries.find((x) => x.id === id);
      return e ? view(e) : null;
    },
    activeEntry: async (q) => {
      const found = state()
        .entries.filter(
          (e) => e.unitId === q.unitId && e.indicatorId === q.indicatorId && e.period === q.period,
        )
        .map(view)
        .filter((e) => e.status === 'active')
        .sort(newestFirst);
      return found[0] ?? null;
    },
    listEntries: async (q) =>
      state()
        .entries.filter((e) =>
          matchesFilters(e, { unitId: q.unitId, indicatorId: q.indicatorId, period: q.period }),
        )
        .map(view)
        .filter((e) => q.includeSuperseded || e.status === 'active')
        .sort(newestFirst)
        .slice(0, q.limit ?? 500),
    entriesOfYearPage: async (q) => yearPage(state().entries, q),
    hasEntriesOfYear: async (prefix) => state().entries.some((e) => e.period.startsWith(prefix)),
    countEntries: async () => state().entries.length,
    appendSourceValues: (values) =>
      write(async () => {
        for (const v of values) state().sourceValues.push(copy(v));
      }),
    sourceValuesOfYearPage: async (q) => yearPage(state().sourceValues, q),
    putAttachment: (meta, content) =>
      write(async () => {
        if (state().attachments.has(meta.sha256)) return false;
        state().attachments.set(meta.sha256, { meta: copy(meta), content: new Uint8Array(content) });
        return true;
      }),
    getAttachment: async (sha256) => {
      const a = state().attachments.get(sha256);
      return a ? { meta: copy(a.meta), content: new Uint8Array(a.content) } : null;
    },
    hasAttachments: async (sha256s) => sha256s.filter((s) => state().attachments.has(s)),
    insertAmendment: (a) =>
      write(async () => {
        state().amendments.push(copy(a));
      }),
    getAmendment: async (id) => copy(state().amendments.find((a) => a.id === id) ?? null),
    listAmendments: async (q) =>
      state()
        .amendments.filter((a) =>
          matchesFilters(a, { status: q.status, unitId: q.unitId, entryId: q.entryId }),
        )
        .map(copy)
        .reverse(),
    decideAmendment: (q) =>
      write(async () => {
        const a = state().amendments.find((x) => x.id === q.id && x.status === 'pending');
        if (!a) return false;
        Object.assign(a, {
          status: q.status,
          decidedBy: q.decidedBy,
          decidedAt: q.decidedAt,
          note: q.note,
          newEntryId: q.newEntryId,
        });
        return true;
      }),
    putProjection: ({ ruleSetId, version, rows }) =>
      write(async () => {
        for (const r of rows)
          state().projection.set(
            `${ruleSetId}|${version}|${r.unitId}|${r.period}|${r.indicatorId ?? ''}`,
            copy(r),
          );
      }),
    getProjection: async ({ ruleSetId, version, unitId, period }) => {
      const prefix = `${ruleSetId}|${version}|${unitId}|${period}|`;
      return [...state().projection.entries()].filter(([k]) => k.startsWith(prefix)).map(([, r]) => copy(r));
    },
    markRecomputePending: (rows) =>
      write(async () => {
        for (const r of rows) state().recomputePending.set(r.entryId, copy(r));
      }),
    listRecomputePending: async ({ ruleSetId }) =>
      [...state().recomputePending.values()]
        .filter((r) => r.ruleSetId === ruleSetId)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.entryId.localeCompare(b.entryId))
        .map(copy),
    clearRecomputePending: (entryIds) =>
      write(async () => {
        for (const id of entryIds) state().recomputePending.delete(id);
      }),
    countProjection: async ({ ruleSetId, version }) =>
      [...state().projection.entries()].filter(
        ([k, r]) => k.startsWith(`${ruleSetId}|${version}|`) && r.indicatorId !== null,
      ).length,
  };
}
