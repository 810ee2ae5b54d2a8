/** @module SQL repository of migration 004 (cases, case events, numbers, notices, lookup attempts) on the Repositories port. */
import type { Sql } from './sql.ts';
import type { InArgs, Row } from '@libsql/client';
import type {
  CaseEventRecord,
  CaseQuery,
  CaseRecord,
  CaseRepository,
  RecentCase,
} from '../../ports/cases.ts';
import { summarizeAttempts } from './attempt-summary.ts';
import { conditions, equality, readWhere, whereClause } from './sql-filters.ts';

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));
const parse = <T>(value: unknown): T => JSON.parse(String(value)) as T;
const parseOrNull = <T>(value: unknown): T | null =>
  value === null || value === undefined ? null : (JSON.parse(String(value)) as T);
const strOrNull = (value: unknown) => (value === null || value === undefined ? null : String(value));
const framed = (list: readonly string[]) => `,${list.join(',')}${list.length > 0 ? ',' : ''}`;
const unframe = (value: unknown) =>
  String(value ?? '')
    .split(',')
    .filter((v) => v !== '');

/** Cases per page of `histories` (each with its events). */
const HISTORY_PAGE = 100;

const COLUMNS = `id, number, channel, external_id, category, status, priority, lead_unit_id, assisting_unit_ids,
  rule_set_id, rule_set_version, sla_policy_id, workflow_id, query_password_hash, text, data, requester, location,
  routing, state, timers, sla_light, due_at, waiting_roles, supervision_level, event_count, next_check_at,
  created_at, updated_at`;

const toRecord = (row: Row, waitingUnitIds: string[]): CaseRecord => ({
  id: String(row.id),
  number: String(row.number),
  channel: String(row.channel),
  externalId: strOrNull(row.external_id),
  category: String(row.category),
  status: String(row.status),
  priority: String(row.priority),
  leadUnitId: strOrNull(row.lead_unit_id),
  assistingUnitIds: parse(row.assisting_unit_ids),
  ruleSetId: String(row.rule_set_id),
  ruleSetVersion: Number(row.rule_set_version),
  slaPolicyId: strOrNull(row.sla_policy_id),
  workflowId: String(row.workflow_id),
  queryPasswordHash: String(row.query_password_hash),
  text: String(row.text),
  data: parse(row.data),
  requester: parseOrNull(row.requester),
  location: parseOrNull(row.location),
  routing: parse(row.routing),
  state: parse(row.state),
  timers: parse(row.timers),
  slaLight: String(row.sla_light),
  dueAt: strOrNull(row.due_at),
  waitingRoles: unframe(row.waiting_roles),
  waitingUnitIds,
  supervisionLevel: Number(row.supervision_level),
  eventCount: Number(row.event_count),
  nextCheckAt: strOrNull(row.next_check_at),
  createdAt: String(row.created_at),
  updatedAt: String(row.updated_at),
});

const valuesOf = (r: CaseRecord): (string | number | null)[] => [
  r.id,
  r.number,
  r.channel,
  r.externalId,
  r.category,
  r.status,
  r.priority,
  r.leadUnitId,
  JSON.stringify(r.assistingUnitIds),
  r.ruleSetId,
  r.ruleSetVersion,
  r.slaPolicyId,
  r.workflowId,
  r.queryPasswordHash,
  r.text,
  JSON.stringify(r.data),
  json(r.requester),
  json(r.location),
  JSON.stringify(r.routing),
  JSON.stringify(r.state),
  JSON.stringify(r.timers),
  r.slaLight,
  r.dueAt,
  framed(r.waitingRoles),
  r.supervisionLevel,
  r.eventCount,
  r.nextCheckAt,
  r.createdAt,
  r.updatedAt,
];

const toEvent = (row: Row): CaseEventRecord => ({
  caseId: String(row.case_id),
  seq: Number(row.seq),
  type: String(row.type),
  actor: parseOrNull(row.actor),
  at: String(row.at),
  payload: parse(row.payload),
});

/**
 * The cases repository on `sql` (a transaction's connection inside `Store.transaction`).
 * Long: a factory: its methods are short and share one connection, so they stay together in one closure.
 */
export function createCaseRepository(sql: Sql): CaseRepository {
  const writeUnits = async (r: CaseRecord, isNew: boolean) => {
    // A case just inserted has no unit rows: they reference cases(id), which did not exist.
    if (!isNew) await sql.write('DELETE FROM case_units WHERE case_id = ?', [r.id]);
    const units: [string, string][] = [];
    if (r.leadUnitId) units.push([r.leadUnitId, 'lead']);
    for (const u of r.assistingUnitIds) if (u !== r.leadUnitId) units.push([u, 'assisting']);
    if (units.length === 0) return;
    // One statement for all rows: each statement costs a prepare and a step.
    await sql.write(
      `INSERT INTO case_units (case_id, unit_id, role, is_waiting) VALUES ${units.map(() => '(?, ?, ?, ?)').join(', ')}`,
      units.flatMap(([unitId, role]) => [r.id, unitId, role, r.waitingUnitIds.includes(unitId) ? 1 : 0]),
    );
  };
  const hydrate = async (rows: Row[]): Promise<CaseRecord[]> => {
    if (rows.length === 0) return [];
    const ids = rows.map((row) => String(row.id));
    const waiting = await sql.read(
      `SELECT case_id, unit_id FROM case_units WHERE is_waiting = 1 AND case_id IN (${ids.map(() => '?').join(',')})`,
      ids,
    );
    const byCase = new Map<string, string[]>();
    for (const w of waiting) {
      const list = byCase.get(String(w.case_id)) ?? [];
      list.push(String(w.unit_id));
      byCase.set(String(w.case_id), list);
    }
    return rows.map((row) => toRecord(row, byCase.get(String(row.id)) ?? []));
  };
  const one = async (where: string, args: InArgs) =>
    (await hydrate(await sql.read(`SELECT ${COLUMNS} FROM cases WHERE ${where}`, args)))[0] ?? null;

  return {
    nextNumber: async (year) => {
      // One statement (RETURNING): the port asks callers to be inside a transaction, whose `read`
      // runs on the transaction's own connection.
      const rows = await sql.read(
        'INSERT INTO case_number_seq (year, last) VALUES (?, 1) ON CONFLICT (year) DO UPDATE SET last = last + 1 RETURNING last',
        [year],
      );
      return Number(rows[0]!.last);
    },
    insert: async (r) => {
      await sql.write(
        `INSERT INTO cases (${COLUMNS}) VALUES (${COLUMNS.split(',')
          .map(() => '?')
          .join(', ')})`,
        valuesOf(r),
      );
      await writeUnits(r, true);
    },
    update: async (r, expected) => {
      const v = valuesOf(r);
      const changed = await sql.write(
        `UPDATE cases SET status = ?, priority = ?, lead_unit_id = ?, assisting_unit_ids = ?, state = ?, timers = ?,
           sla_light = ?, due_at = ?, waiting_roles = ?, supervision_level = ?, event_count = ?, next_check_at = ?,
           updated_at = ?
         WHERE id = ? AND event_count = ?`,
        [...[5, 6, 7, 8, 19, 20, 21, 22, 23, 24, 25, 26, 28].map((i) => v[i] ?? null), r.id, expected],
      );
      if (changed === 0) return false;
      await writeUnits(r, false);
      return true;
    },
    get: (id) => one('id = ?', [id]),
    getByNumber: (number) => one('number = ?', [number]),
    findByExternalId: (channel, externalId) => one('channel = ? AND external_id = ?', [channel, externalId]),
    findRecent: async ({ since, before, category, phone, limit }) => {
      // Two bounded index range reads (migration 007) in one statement (never a scan of the table),
      // only the columns duplicate detection compares (no state or routing JSON), returned as ONE row
      // holding a JSON array: the driver's per-row work cost more than the query at intake rates.
      // UNION ALL, deduplicated here: a UNION would sort both sides on every column, texts included.
      const columns = `id, number, category, status, text, json_extract(requester, '$.phone') AS phone,
        json_extract(location, '$.address') AS address, created_at`;
      const parts: string[] = [];
      const args: (string | number)[] = [];
      if (category !== undefined) {
        parts.push(
          `SELECT * FROM (SELECT ${columns} FROM cases WHERE category = ? AND created_at >= ? AND created_at < ? ORDER BY created_at DESC LIMIT ?)`,
        );
        args.push(category, since, before, limit);
      }
      if (phone !== undefined && phone !== '') {
        parts.push(
          `SELECT * FROM (SELECT ${columns} FROM cases WHERE json_extract(requester, '$.phone') = ? AND created_at >= ? AND created_at < ? ORDER BY created_at DESC LIMIT ?)`,
        );
        args.push(phone, since, before, limit);
      }
      if (parts.length === 0) return [];
      const rows = await sql.read(
        `SELECT json_group_array(json_array(id, number, category, status, text, phone, address, created_at)) AS found
         FROM (${parts.join(' UNION ALL ')})`,
        args,
      );
      const found = new Map<string, RecentCase>();
      for (const [id, number, category, status, text, phone, address, createdAt] of JSON.parse(
        String(rows[0]?.found ?? '[]'),
      ) as unknown[][])
        found.set(String(id), {
          id: String(id),
          number: String(number),
          category: String(category),
          status: String(status),
          text: String(text),
          phone: typeof phone === 'string' ? phone : null,
          address: typeof address === 'string' ? address : null,
          createdAt: String(createdAt),
        });
      // Newest first (ties by number, the order cases were taken in).
      const newestFirst = (a: RecentCase, b: RecentCase) =>
        a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? 1 : -1) : a.number < b.number ? 1 : -1;
      return [...found.values()].sort(newestFirst);
    },
    appendEvents: async (events) => {
      // Several rows per statement (bounded well under SQLite's limit on bound parameters).
      for (let from = 0; from < events.length; from += 500) {
        const chunk = events.slice(from, from + 500);
        await sql.write(
          `INSERT INTO case_events (case_id, seq, type, actor, at, payload) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
          chunk.flatMap((e) => [e.caseId, e.seq, e.type, json(e.actor), e.at, JSON.stringify(e.payload)]),
        );
      }
    },
    listEvents: async (caseId) =>
      (await sql.read('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq', [caseId])).map(toEvent),
    list: async (query: CaseQuery) => {
      const finals = query.supervisorView?.finalStates ?? [];
      const escaped = query.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
      const { where, args } = conditions([
        query.waitingRole && ['waiting_roles LIKE ?', `%,${query.waitingRole},%`],
        query.waitingUnitId && [
          'id IN (SELECT case_id FROM case_units WHERE unit_id = ? AND is_waiting = 1)',
          query.waitingUnitId,
        ],
        query.involvedUnitId && [
          'id IN (SELECT case_id FROM case_units WHERE unit_id = ?)',
          query.involvedUnitId,
        ],
        query.supervisorView && [
          `(waiting_roles LIKE '%,supervisor,%' OR (supervision_level > 0${finals.length > 0 ? ` AND status NOT IN (${finals.map(() => '?').join(',')})` : ''}))`,
          ...finals,
        ],
        equality('status', query.status),
        equality('category', query.category),
        equality('channel', query.channel),
        equality('priority', query.priority),
        equality('sla_light', query.slaLight),
        query.q && ["(number LIKE ? ESCAPE '\\' OR text LIKE ? ESCAPE '\\')", `${escaped}%`, `%${escaped}%`],
        query.createdFrom && ['created_at >= ?', query.createdFrom],
        query.createdBefore && ['created_at < ?', query.createdBefore],
      ]);
      const clause = whereClause(where);
      const total = Number((await sql.read(`SELECT count(*) AS n FROM cases ${clause}`, args))[0]!.n);
      const rows = await sql.read(
        `SELECT ${COLUMNS} FROM cases ${clause} ORDER BY created_at DESC, number DESC LIMIT ? OFFSET ?`,
        [...args, query.limit, query.offset],
      );
      return { items: await hydrate(rows), total };
    },
    histories: async ({ since, before }) => {
      // A deadline notice changes a case's history without moving its updated_at.
      const changed = `created_at < ? AND (updated_at >= ? OR id IN (SELECT case_id FROM case_sla_notices WHERE at >= ?))`;
      // Keyset pages of (created_at, id): a remote server (sqld) caps one response at about 10 MB.
      const out: { record: CaseRecord; events: CaseEventRecord[] }[] = [];
      let cursor: [string, string] | null = null;
      for (;;) {
        const rows = await sql.read(
          `SELECT ${COLUMNS} FROM cases WHERE ${changed} ${cursor ? 'AND (created_at, id) > (?, ?)' : ''}
           ORDER BY created_at, id LIMIT ?`,
          [before, since, since, ...(cursor ?? []), HISTORY_PAGE],
        );
        if (rows.length === 0) break;
        const records = await hydrate(rows);
        const ids = records.map((r) => r.id);
        const events = await sql.read(
          `SELECT e.* FROM case_events e WHERE e.case_id IN (${ids.map(() => '?').join(',')})
           ORDER BY e.case_id, e.seq`,
          ids,
        );
        const byCase = new Map<string, CaseEventRecord[]>();
        for (const row of events) {
          const e = toEvent(row);
          const list = byCase.get(e.caseId) ?? [];
          list.push(e);
          byCase.set(e.caseId, list);
        }
        for (const record of records) out.push({ record, events: byCase.get(record.id) ?? [] });
        if (rows.length < HISTORY_PAGE) break;
        const last = rows.at(-1)!;
        cursor = [String(last.created_at), String(last.id)];
      }
      return out;
    },
    dueForCheck: async (now, limit) =>
      hydrate(
        await sql.read(
          `SELECT ${COLUMNS} FROM cases WHERE next_check_at IS NOT NULL AND next_check_at <= ? ORDER BY next_check_at LIMIT ?`,
          [now, limit],
        ),
      ),
    recordNotice: async (caseId, key, at) =>
      (await sql.write(
        'INSERT INTO case_sla_notices (case_id, notice_key, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        [caseId, key, at],
      )) > 0,
    insertLookupAttempt: async (a) => {
      await sql.write(
        'INSERT INTO case_lookup_attempts (number, ip, succeeded, refused, at) VALUES (?, ?, ?, ?, ?)',
        [a.number, a.ip, a.succeeded ? 1 : 0, a.refused ? 1 : 0, a.at],
      );
    },
    summarizeLookups: ({ number, ip, since }) =>
      summarizeAttempts(sql, 'case_lookup_attempts', { number, ip }, since),
    clearLookupFailures: async ({ number, ip }) => {
      await sql.write(
        `DELETE FROM case_lookup_attempts WHERE number = ? AND ${ip === null ? 'ip IS NULL' : 'ip = ?'} AND succeeded = 0`,
        ip === null ? [number] : [number, ip],
      );
    },
    countLookupFailures: async ({ number, ip, since }) => {
      const rows = await readWhere(
        sql,
        'SELECT count(*) AS n FROM case_lookup_attempts',
        [
          ['succeeded = 0'],
          ['refused = 0'],
          ['at >= ?', since],
          equality('number', number),
          equality('ip', ip),
        ],
        '',
      );
      return Number(rows[0]!.n);
    },
    count: async () => Number((await sql.read('SELECT count(*) AS n FROM cases'))[0]!.n),
  };
}
