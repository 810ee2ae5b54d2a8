/** @module SQL repositories for rule sets, versions, the audit log and settings. */
import { type Sql, text as str, textOrNull as strOrNull } from './sql.ts';
import type { Row } from '@libsql/client';
import { ConflictError } from '../../core/errors.ts';
import {
  type AuditCheckpoint,
  type AuditRecord,
  type AuditScheme,
  CHECKPOINT_FORMAT,
} from '../../core/ruleset/audit-chain.ts';
import type {
  AuditQuery,
  AuditRepository,
  RuleSetRecord,
  RuleSetRepository,
  RuleSetVersionRecord,
  SettingsRepository,
  VersionStatus,
} from '../../ports/rule-set-store.ts';

const intOrNull = (row: Row, column: string): number | null =>
  row[column] === null || row[column] === undefined ? null : Number(row[column]);

const toRuleSet = (row: Row): RuleSetRecord => ({
  id: str(row, 'id'),
  name: JSON.parse(str(row, 'name')) as RuleSetRecord['name'],
  createdBy: str(row, 'created_by'),
  createdAt: str(row, 'created_at'),
});

const toVersion = (row: Row): RuleSetVersionRecord => ({
  ruleSetId: str(row, 'rule_set_id'),
  number: Number(row.number),
  status: str(row, 'status') as VersionStatus,
  content: JSON.parse(str(row, 'content')) as Record<string, unknown>,
  sha256: str(row, 'sha256'),
  revision: Number(row.revision),
  basedOn: intOrNull(row, 'based_on'),
  createdBy: str(row, 'created_by'),
  createdAt: str(row, 'created_at'),
  submittedBy: strOrNull(row, 'submitted_by'),
  submittedAt: strOrNull(row, 'submitted_at'),
  approvedBy: strOrNull(row, 'approved_by'),
  approvedAt: strOrNull(row, 'approved_at'),
  publishedBy: strOrNull(row, 'published_by'),
  publishedAt: strOrNull(row, 'published_at'),
  effectiveFrom: strOrNull(row, 'effective_from'),
  effectiveTo: strOrNull(row, 'effective_to'),
  archivedAt: strOrNull(row, 'archived_at'),
  supersededBy: strOrNull(row, 'superseded_by'),
  reviewComment: strOrNull(row, 'review_comment'),
});

const toAudit = (row: Row): AuditRecord => ({
  seq: Number(row.seq),
  at: str(row, 'at'),
  actor: str(row, 'actor'),
  action: str(row, 'action'),
  target: str(row, 'target'),
  beforeHash: strOrNull(row, 'before_hash'),
  afterHash: strOrNull(row, 'after_hash'),
  details: JSON.parse(str(row, 'details')) as unknown,
  prevHash: str(row, 'prev_hash'),
  hash: str(row, 'hash'),
  // Databases not migrated to 008 have neither column: their records are all plain SHA-256.
  scheme: row.scheme == null ? 'sha256' : (String(row.scheme) as AuditScheme),
  keyId: row.key_id == null ? null : String(row.key_id),
});

const toCheckpoint = (row: Row): AuditCheckpoint => ({
  format: CHECKPOINT_FORMAT,
  version: 1,
  count: Number(row.count),
  lastHash: str(row, 'last_hash'),
  at: str(row, 'at'),
  keyId: str(row, 'key_id'),
  mac: str(row, 'mac'),
});

/** Reading checkpoints of a database not migrated yet (`baton audit verify` does not migrate): no table. */
const isNoTable = (error: unknown): boolean =>
  /no such table/i.test(String((error as Error)?.message ?? error));

/** Escapes LIKE wildcards so a prefix filter matches literally. */
const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Rule-set repository over `sql`. */
// Versions per read when listing: each holds a whole rule-set document (hundreds of KB), and a remote
// server (sqld) caps one response at about 10 MB.
const VERSION_CHUNK = 8;

/**
 * The versions `where` selects (a WHERE tail with its ORDER BY), in that order: their keys in one
 * read, then the rows in chunks of VERSION_CHUNK, so no response carries every document at once.
 * A version whose status changed between the two reads is left out, as a later listing would.
 */
async function versionsInChunks(
  sql: Sql,
  where: string,
  args: (string | number | null)[],
): Promise<RuleSetVersionRecord[]> {
  const keys = await sql.read(`SELECT rule_set_id, number FROM rule_set_versions WHERE ${where}`, args);
  const filter = where.replace(/ ORDER BY .*$/s, '');
  const out: RuleSetVersionRecord[] = [];
  for (let i = 0; i < keys.length; i += VERSION_CHUNK) {
    const chunk = keys.slice(i, i + VERSION_CHUNK);
    const rows = await sql.read(
      `SELECT * FROM rule_set_versions WHERE (${filter}) AND (rule_set_id, number) IN (VALUES ${chunk
        .map(() => '(?, ?)')
        .join(', ')})`,
      [...args, ...chunk.flatMap((k) => [String(k.rule_set_id), Number(k.number)])],
    );
    const byKey = new Map(rows.map((r) => [`${String(r.rule_set_id)}@${Number(r.number)}`, r]));
    for (const k of chunk) {
      const row = byKey.get(`${String(k.rule_set_id)}@${Number(k.number)}`);
      if (row) out.push(toVersion(row));
    }
  }
  return out;
}

/** Long: a factory: its methods are short and share one connection, so they stay together in one closure. */
export function createRuleSetRepository(sql: Sql): RuleSetRepository {
  return {
    insert: async (ruleSet) => {
      await sql.write('INSERT INTO rule_sets (id, name, created_by, created_at) VALUES (?, ?, ?, ?)', [
        ruleSet.id,
        JSON.stringify(ruleSet.name),
        ruleSet.createdBy,
        ruleSet.createdAt,
      ]);
    },
    get: async (id) => {
      const rows = await sql.read('SELECT * FROM rule_sets WHERE id = ?', [id]);
      return rows[0] ? toRuleSet(rows[0]) : null;
    },
    list: async () => (await sql.read('SELECT * FROM rule_sets ORDER BY id')).map(toRuleSet),
    rename: async (id, name) => {
      await sql.write('UPDATE rule_sets SET name = ? WHERE id = ?', [JSON.stringify(name), id]);
    },
    insertVersion: async (v) => {
      await sql.write(
        `INSERT INTO rule_set_versions (rule_set_id, number, status, content, sha256, revision, based_on,
           created_by, created_at, submitted_by, submitted_at, approved_by, approved_at, published_by,
           published_at, effective_from, effective_to, archived_at, superseded_by, review_comment)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          v.ruleSetId,
          v.number,
          v.status,
          JSON.stringify(v.content),
          v.sha256,
          v.revision,
          v.basedOn,
          v.createdBy,
          v.createdAt,
          v.submittedBy,
          v.submittedAt,
          v.approvedBy,
          v.approvedAt,
          v.publishedBy,
          v.publishedAt,
          v.effectiveFrom,
          v.effectiveTo,
          v.archivedAt,
          v.supersededBy,
          v.reviewComment,
        ],
      );
    },
    getVersion: async (ruleSetId, number) => {
      const rows = await sql.read('SELECT * FROM rule_set_versions WHERE rule_set_id = ? AND number = ?', [
        ruleSetId,
        number,
      ]);
      return rows[0] ? toVersion(rows[0]) : null;
    },
    listVersions: (ruleSetId) => versionsInChunks(sql, 'rule_set_id = ? ORDER BY number DESC', [ruleSetId]),
    listPublished: () =>
      versionsInChunks(sql, "status = 'published' ORDER BY effective_from, rule_set_id, number", []),
    // Bumped by triggers (migration 011) in the transaction that changes a published version.
    publishedStamp: async () =>
      String((await sql.read('SELECT stamp FROM rule_set_publications WHERE id = 1'))[0]?.stamp ?? 0),
    lastNumber: async (ruleSetId) => {
      const rows = await sql.read('SELECT max(number) AS n FROM rule_set_versions WHERE rule_set_id = ?', [
        ruleSetId,
      ]);
      return Number(rows[0]?.n ?? 0);
    },
    replaceContent: async ({ ruleSetId, number, content, sha256, expectedRevision }) =>
      (await sql.write(
        `UPDATE rule_set_versions SET content = ?, sha256 = ?, revision = revision + 1
         WHERE rule_set_id = ? AND number = ? AND revision = ?`,
        [JSON.stringify(content), sha256, ruleSetId, number, expectedRevision],
      )) === 1,
    updateState: async ({ ruleSetId, number, state: s, expectedRevision }) =>
      (await sql.write(
        `UPDATE rule_set_versions SET status = ?, submitted_by = ?, submitted_at = ?, approved_by = ?,
           approved_at = ?, published_by = ?, published_at = ?, effective_from = ?, effective_to = ?,
           archived_at = ?, superseded_by = ?, review_comment = ?, revision = revision + 1
         WHERE rule_set_id = ? AND number = ? AND revision = ?`,
        [
          s.status,
          s.submittedBy,
          s.submittedAt,
          s.approvedBy,
          s.approvedAt,
          s.publishedBy,
          s.publishedAt,
          s.effectiveFrom,
          s.effectiveTo,
          s.archivedAt,
          s.supersededBy,
          s.reviewComment,
          ruleSetId,
          number,
          expectedRevision,
        ],
      )) === 1,
  };
}

function auditWhere(query: AuditQuery): { where: string; args: (string | number)[] } {
  const clauses: string[] = [];
  const args: (string | number)[] = [];
  if (query.actor !== undefined) {
    clauses.push('actor = ?');
    args.push(query.actor);
  }
  if (query.action !== undefined) {
    clauses.push('action = ?');
    args.push(query.action);
  }
  if (query.target !== undefined) {
    clauses.push("target LIKE ? ESCAPE '\\'");
    args.push(likePrefix(query.target));
  }
  if (query.from !== undefined) {
    clauses.push('at >= ?');
    args.push(query.from);
  }
  if (query.to !== undefined) {
    // A bare date means the whole day: every instant that starts with it sorts below `date + '\uffff'`.
    clauses.push('at <= ?');
    args.push(/^\d{4}-\d{2}-\d{2}$/.test(query.to) ? `${query.to}\uffff` : query.to);
  }
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', args };
}

/**
 * Audit repository over `sql`.
 * Long: a factory: its methods are short and share one connection, so they stay together in one closure.
 */
export function createAuditRepository(sql: Sql): AuditRepository {
  return {
    last: async () => {
      const rows = await sql.read('SELECT * FROM audit_log ORDER BY seq DESC LIMIT 1');
      return rows[0] ? toAudit(rows[0]) : null;
    },
    append: async (r) => {
      await sql.write(
        `INSERT INTO audit_log (seq, at, actor, action, target, before_hash, after_hash, details, prev_hash, hash, scheme, key_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          r.seq,
          r.at,
          r.actor,
          r.action,
          r.target,
          r.beforeHash,
          r.afterHash,
          JSON.stringify(r.details ?? null),
          r.prevHash,
          r.hash,
          r.scheme ?? 'sha256',
          r.keyId ?? null,
        ],
      );
    },
    list: async (query) => {
      const { where, args } = auditWhere(query);
      const total = Number((await sql.read(`SELECT count(*) AS n FROM audit_log ${where}`, args))[0]?.n ?? 0);
      const order = query.order === 'asc' ? 'ASC' : 'DESC';
      const rows = await sql.read(`SELECT * FROM audit_log ${where} ORDER BY seq ${order} LIMIT ? OFFSET ?`, [
        ...args,
        query.limit,
        query.offset,
      ]);
      return { items: rows.map(toAudit), total };
    },
    range: async (afterSeq, limit) =>
      (await sql.read('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?', [afterSeq, limit])).map(
        toAudit,
      ),
    appendCheckpoint: async (c) => {
      try {
        await sql.write(
          'INSERT INTO audit_checkpoints (count, last_hash, at, key_id, mac) VALUES (?, ?, ?, ?, ?)',
          [c.count, c.lastHash, c.at, c.keyId, c.mac],
        );
      } catch (error) {
        // A checkpoint already counts this record: the newest records were removed behind our back.
        // Appending would bury that, so every audited change is refused until someone looks.
        if (/UNIQUE constraint failed: audit_checkpoints/i.test(String((error as Error)?.message)))
          throw new ConflictError(
            'audit.chain_tampered',
            {
              zh: `审计日志末尾低于签名检查点（第 ${c.count} 条已有检查点），记录可能被删除；暂停写入审计，请运行 baton audit verify`,
              en: `The audit log ends below its signed checkpoint (record ${c.count} already has one): records may have been removed; audited changes are refused until baton audit verify is run`,
            },
            { cause: error },
          );
        throw error;
      }
    },
    lastCheckpoint: async () => {
      try {
        const rows = await sql.read('SELECT * FROM audit_checkpoints ORDER BY count DESC LIMIT 1');
        return rows[0] ? toCheckpoint(rows[0]) : null;
      } catch (error) {
        if (isNoTable(error)) return undefined;
        throw error;
      }
    },
    checkpoints: async (afterCount, upToCount) => {
      try {
        const rows = await sql.read(
          'SELECT * FROM audit_checkpoints WHERE count > ? AND count <= ? ORDER BY count',
          [afterCount, upToCount],
        );
        return rows.map(toCheckpoint);
      } catch (error) {
        if (isNoTable(error)) return [];
        throw error;
      }
    },
  };
}

/** Settings repository over `sql`. */
export function createSettingsRepository(sql: Sql): SettingsRepository {
  return {
    get: async (key) => {
      const rows = await sql.read('SELECT value FROM settings WHERE key = ?', [key]);
      return rows[0] ? str(rows[0], 'value') : null;
    },
    putIfAbsent: async (key, value, at) => {
      await sql.write(
        'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
        [key, value, at],
      );
      const rows = await sql.read('SELECT value FROM settings WHERE key = ?', [key]);
      return str(rows[0]!, 'value');
    },
  };
}
