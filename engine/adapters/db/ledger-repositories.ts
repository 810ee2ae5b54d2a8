/** @module SQL ledger repository (migration 003): append-only entries, attachments, amendments, source values, projections. */
import type { Sql } from './sql.ts';
import type { InValue, Row } from '@libsql/client';
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
import { equality, readWhere } from './sql-filters.ts';

// Rows per multi-row INSERT: well under SQLite's bound-parameter limit.
const CHUNK = 400;

// Rows per page of a keyset-paged read: a remote server (sqld) caps one response at about 10 MB.
const DEFAULT_PAGE = 500;
const MAX_PAGE = 2000;

/** The bounds of a year's periods (`YYYY-` → [`YYYY-`, `YYYY.`)): a range the period indexes can use. */
const yearRange = (yearPrefix: string): [string, string] => [
  yearPrefix,
  `${yearPrefix.slice(0, -1)}${String.fromCharCode(yearPrefix.charCodeAt(yearPrefix.length - 1) + 1)}`,
];

/** One keyset page of `table` (alias `e`, INTEGER `seq` key) in a year, after the cursor. */
async function yearPage<T>(
  sql: Sql,
  q: YearPageQuery & { table: string; columns: string; map: (row: Row) => T },
): Promise<Page<T>> {
  const limit = Math.min(Math.max(Math.trunc(q.limit ?? DEFAULT_PAGE), 1), MAX_PAGE);
  const after = q.after === undefined || q.after === null ? 0 : Number(q.after);
  if (!Number.isSafeInteger(after) || after < 0) throw new Error(`Invalid page cursor ${String(q.after)}`);
  const [from, to] = yearRange(q.yearPrefix);
  const rows = await sql.read(
    `SELECT e.seq AS page_seq, ${q.columns} FROM ${q.table} e
     WHERE e.seq > ? AND e.period >= ? AND e.period < ? ORDER BY e.seq LIMIT ?`,
    [after, from, to, limit],
  );
  const last = rows.at(-1);
  const cursor = last ? String(last.page_seq) : after > 0 ? String(after) : null;
  return { items: rows.map(q.map), next: rows.length === limit ? cursor : null, cursor };
}

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

const ENTRY_COLUMNS =
  'e.id, e.unit_id, e.indicator_id, e.period, e.values_json, e.rule_set_id, e.rule_set_version, e.submitted_by, e.submitted_at, e.is_late, e.supersedes, e.status, e.attachments_json';
const SUPERSEDED = 'EXISTS (SELECT 1 FROM ledger_entries s WHERE s.supersedes = e.id)';

/** The (unit, indicator, period) slot of a row and the values recorded for it. */
const slotValuesOf = (row: Row) => ({
  unitId: str(row.unit_id),
  indicatorId: str(row.indicator_id),
  period: str(row.period),
  values: JSON.parse(str(row.values_json)) as Record<string, unknown>,
});

/** The rule-set version a row pinned, and who submitted it when. */
const submissionOf = (row: Row) => ({
  ruleSetId: str(row.rule_set_id),
  ruleSetVersion: Number(row.rule_set_version),
  submittedBy: str(row.submitted_by),
  submittedAt: str(row.submitted_at),
});

const toEntry = (row: Row): LedgerEntryRecord => ({
  id: str(row.id),
  ...slotValuesOf(row),
  ...submissionOf(row),
  isLate: Number(row.is_late) !== 0,
  supersedes: strOrNull(row.supersedes),
  kind: str(row.status) as LedgerEntryRecord['kind'],
  attachments: JSON.parse(str(row.attachments_json)) as string[],
});

const toView = (row: Row): LedgerEntryView => ({
  ...toEntry(row),
  status: Number(row.superseded) !== 0 ? 'superseded' : 'active',
});

const toSource = (row: Row): SourceValueRecord => ({
  id: str(row.id),
  source: str(row.source) as SourceValueRecord['source'],
  ...slotValuesOf(row),
  ...submissionOf(row),
});

const toAmendment = (row: Row): AmendmentRecord => ({
  id: str(row.id),
  entryId: str(row.entry_id),
  ...slotValuesOf(row),
  reason: str(row.reason),
  status: str(row.status) as AmendmentRecord['status'],
  requestedBy: str(row.requested_by),
  requestedAt: str(row.requested_at),
  decidedBy: strOrNull(row.decided_by),
  decidedAt: strOrNull(row.decided_at),
  note: strOrNull(row.note),
  newEntryId: strOrNull(row.new_entry_id),
});

const toMeta = (row: Row): AttachmentMeta => ({
  sha256: str(row.sha256),
  name: str(row.name),
  mime: str(row.mime),
  size: Number(row.size),
  uploadedBy: str(row.uploaded_by),
  uploadedAt: str(row.uploaded_at),
});

async function insertMany<T>(q: {
  sql: Sql;
  head: string;
  columns: number;
  rows: readonly T[];
  args: (row: T) => InValue[];
}): Promise<void> {
  const placeholder = `(${new Array(q.columns).fill('?').join(', ')})`;
  for (let i = 0; i < q.rows.length; i += CHUNK) {
    const chunk = q.rows.slice(i, i + CHUNK);
    await q.sql.write(
      `${q.head} VALUES ${chunk.map(() => placeholder).join(', ')}`,
      chunk.flatMap((r) => q.args(r)),
    );
  }
}

/**
 * The ledger on `sql` (a transaction's connection inside `Store.transaction`).
 * Long: a factory: its methods are short and share one connection, so they stay together in one closure.
 */
export function createLedgerRepository(sql: Sql): LedgerRepository {
  return {
    appendEntries: (entries) =>
      insertMany({
        sql,
        head: `INSERT INTO ledger_entries (id, unit_id, indicator_id, period, values_json, rule_set_id, rule_set_version,
               submitted_by, submitted_at, is_late, supersedes, status, attachments_json)`,
        columns: 13,
        rows: entries,
        args: (e) => [
          e.id,
          e.unitId,
          e.indicatorId,
          e.period,
          JSON.stringify(e.values),
          e.ruleSetId,
          e.ruleSetVersion,
          e.submittedBy,
          e.submittedAt,
          e.isLate ? 1 : 0,
          e.supersedes,
          e.kind,
          JSON.stringify(e.attachments),
        ],
      }),
    getEntry: async (id) => {
      const rows = await sql.read(
        `SELECT ${ENTRY_COLUMNS}, ${SUPERSEDED} AS superseded FROM ledger_entries e WHERE e.id = ?`,
        [id],
      );
      return rows[0] ? toView(rows[0]) : null;
    },
    activeEntry: async ({ unitId, indicatorId, period }) => {
      const rows = await sql.read(
        `SELECT ${ENTRY_COLUMNS}, 0 AS superseded FROM ledger_entries e
         WHERE e.unit_id = ? AND e.indicator_id = ? AND e.period = ? AND NOT ${SUPERSEDED}
         ORDER BY e.submitted_at DESC, e.seq DESC LIMIT 1`,
        [unitId, indicatorId, period],
      );
      return rows[0] ? toView(rows[0]) : null;
    },
    listEntries: async (q) => {
      const rows = await readWhere(
        sql,
        `SELECT ${ENTRY_COLUMNS}, ${SUPERSEDED} AS superseded FROM ledger_entries e`,
        [
          equality('e.unit_id', q.unitId),
          equality('e.indicator_id', q.indicatorId),
          equality('e.period', q.period),
          !q.includeSuperseded && [`NOT ${SUPERSEDED}`],
        ],
        'ORDER BY e.submitted_at DESC, e.seq DESC LIMIT ?',
        [Math.min(Math.max(q.limit ?? 500, 1), 5000)],
      );
      return rows.map(toView);
    },
    entriesOfYearPage: (q) =>
      yearPage(sql, { ...q, table: 'ledger_entries', columns: ENTRY_COLUMNS, map: toEntry }),
    hasEntriesOfYear: async (yearPrefix) => {
      const [from, to] = yearRange(yearPrefix);
      const rows = await sql.read('SELECT 1 FROM ledger_entries WHERE period >= ? AND period < ? LIMIT 1', [
        from,
        to,
      ]);
      return rows.length > 0;
    },
    countEntries: async () => Number((await sql.read('SELECT count(*) AS n FROM ledger_entries'))[0]?.n ?? 0),
    appendSourceValues: (values) =>
      insertMany({
        sql,
        head: `INSERT INTO source_values (id, source, unit_id, indicator_id, period, values_json, rule_set_id,
               rule_set_version, submitted_by, submitted_at)`,
        columns: 10,
        rows: values,
        args: (v) => [
          v.id,
          v.source,
          v.unitId,
          v.indicatorId,
          v.period,
          JSON.stringify(v.values),
          v.ruleSetId,
          v.ruleSetVersion,
          v.submittedBy,
          v.submittedAt,
        ],
      }),
    sourceValuesOfYearPage: (q) =>
      yearPage(sql, { ...q, table: 'source_values', columns: 'e.*', map: toSource }),
    putAttachment: async (meta, content) => {
      const changed = await sql.write(
        `INSERT INTO attachments (sha256, name, mime, size, content, uploaded_by, uploaded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
        [meta.sha256, meta.name, meta.mime, meta.size, content, meta.uploadedBy, meta.uploadedAt],
      );
      return changed > 0;
    },
    getAttachment: async (sha256) => {
      const rows = await sql.read('SELECT * FROM attachments WHERE sha256 = ?', [sha256]);
      const row = rows[0];
      if (!row) return null;
      const raw = row.content as ArrayBuffer | Uint8Array;
      return { meta: toMeta(row), content: raw instanceof Uint8Array ? raw : new Uint8Array(raw) };
    },
    hasAttachments: async (sha256s) => {
      if (sha256s.length === 0) return [];
      const rows = await sql.read(
        `SELECT sha256 FROM attachments WHERE sha256 IN (${sha256s.map(() => '?').join(', ')})`,
        [...sha256s],
      );
      return rows.map((r) => str(r.sha256));
    },
    insertAmendment: async (a) => {
      await sql.write(
        `INSERT INTO amendment_requests (id, entry_id, unit_id, indicator_id, period, values_json, reason, status,
         requested_by, requested_at, decided_by, decided_at, note, new_entry_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          a.id,
          a.entryId,
          a.unitId,
          a.indicatorId,
          a.period,
          JSON.stringify(a.values),
          a.reason,
          a.status,
          a.requestedBy,
          a.requestedAt,
          a.decidedBy,
          a.decidedAt,
          a.note,
          a.newEntryId,
        ],
      );
    },
    getAmendment: async (id) => {
      const rows = await sql.read('SELECT * FROM amendment_requests WHERE id = ?', [id]);
      return rows[0] ? toAmendment(rows[0]) : null;
    },
    listAmendments: async (q) => {
      const rows = await readWhere(
        sql,
        'SELECT * FROM amendment_requests',
        [equality('status', q.status), equality('unit_id', q.unitId), equality('entry_id', q.entryId)],
        'ORDER BY requested_at DESC LIMIT 500',
      );
      return rows.map(toAmendment);
    },
    decideAmendment: async (q) =>
      (await sql.write(
        `UPDATE amendment_requests SET status = ?, decided_by = ?, decided_at = ?, note = ?, new_entry_id = ?
         WHERE id = ? AND status = 'pending'`,
        [q.status, q.decidedBy, q.decidedAt, q.note, q.newEntryId, q.id],
      )) > 0,
    putProjection: async ({ ruleSetId, version, rows }) => {
      const scores = rows.filter((r) => r.indicatorId !== null);
      const results = rows.filter((r) => r.indicatorId === null);
      await insertMany({
        sql,
        head: `INSERT OR REPLACE INTO score_projection (rule_set_id, rule_set_version, unit_id, indicator_id, period,
               status, points, weighted, score_json)`,
        columns: 9,
        rows: scores,
        args: (r: ProjectionRow) => [
          ruleSetId,
          version,
          r.unitId,
          r.indicatorId,
          r.period,
          r.status,
          r.points,
          r.weighted,
          JSON.stringify(r.data),
        ],
      });
      await insertMany({
        sql,
        head: `INSERT OR REPLACE INTO result_projection (rule_set_id, rule_set_version, unit_id, period, total, grade_id,
               result_json)`,
        columns: 7,
        rows: results,
        args: (r: ProjectionRow) => [
          ruleSetId,
          version,
          r.unitId,
          r.period,
          r.points,
          r.gradeId,
          JSON.stringify(r.data),
        ],
      });
    },
    getProjection: async ({ ruleSetId, version, unitId, period }) => {
      const scores = await sql.read(
        `SELECT indicator_id, status, points, weighted, score_json FROM score_projection
         WHERE rule_set_id = ? AND rule_set_version = ? AND unit_id = ? AND period = ?`,
        [ruleSetId, version, unitId, period],
      );
      const results = await sql.read(
        `SELECT total, grade_id, result_json FROM result_projection
         WHERE rule_set_id = ? AND rule_set_version = ? AND unit_id = ? AND period = ?`,
        [ruleSetId, version, unitId, period],
      );
      return [
        ...results.map((r) => ({
          unitId,
          period,
          indicatorId: null,
          status: 'result',
          points: Number(r.total),
          weighted: Number(r.total),
          gradeId: strOrNull(r.grade_id),
          data: JSON.parse(str(r.result_json)) as unknown,
        })),
        ...scores.map((r) => ({
          unitId,
          period,
          indicatorId: str(r.indicator_id),
          status: str(r.status),
          points: Number(r.points),
          weighted: Number(r.weighted),
          gradeId: null,
          data: JSON.parse(str(r.score_json)) as unknown,
        })),
      ];
    },
    markRecomputePending: async (rows) => {
      await insertMany({
        sql,
        head: `INSERT OR REPLACE INTO score_recompute_pending (entry_id, rule_set_id, rule_set_version, unit_id,
               indicator_id, period, created_at)`,
        columns: 7,
        rows,
        args: (r: PendingRecompute) => [
          r.entryId,
          r.ruleSetId,
          r.ruleSetVersion,
          r.unitId,
          r.indicatorId,
          r.period,
          r.createdAt,
        ],
      });
    },
    listRecomputePending: async ({ ruleSetId }) =>
      (
        await sql.read(
          `SELECT * FROM score_recompute_pending WHERE rule_set_id = ? ORDER BY created_at, entry_id LIMIT 100000`,
          [ruleSetId],
        )
      ).map((r) => ({
        entryId: str(r.entry_id),
        ruleSetId: str(r.rule_set_id),
        ruleSetVersion: Number(r.rule_set_version),
        unitId: str(r.unit_id),
        indicatorId: str(r.indicator_id),
        period: str(r.period),
        createdAt: str(r.created_at),
      })),
    clearRecomputePending: async (entryIds) => {
      for (let i = 0; i < entryIds.length; i += 500) {
        const ids = entryIds.slice(i, i + 500);
        await sql.write(
          `DELETE FROM score_recompute_pending WHERE entry_id IN (${ids.map(() => '?').join(', ')})`,
          ids,
        );
      }
    },
    countProjection: async ({ ruleSetId, version }) =>
      Number(
        (
          await sql.read(
            'SELECT count(*) AS n FROM score_projection WHERE rule_set_id = ? AND rule_set_version = ?',
            [ruleSetId, version],
          )
        )[0]?.n ?? 0,
      ),
  };
}
