/** @module SQL summary of throttled attempts (login_attempts, case_lookup_attempts; migration 009 adds `refused`). */
import type { InArgs, Row } from '@libsql/client';

interface Reader {
  read(sql: string, args?: InArgs): Promise<Row[]>;
}

/**
 * Failures (not refusals) since `since` in `table` matching `filters` (a null value matches NULL),
 * the latest of them and the refusals after it, in one statement.
 */
export async function summarizeAttempts(
  sql: Reader,
  table: 'login_attempts' | 'case_lookup_attempts',
  filters: Record<string, string | null | undefined>,
  since: string,
): Promise<{ failures: number; lastFailureAt: string | null; refusedSinceFailure: number }> {
  const where = ['succeeded = 0', 'at >= ?'];
  const args: (string | null)[] = [since];
  for (const [column, value] of Object.entries(filters)) {
    if (value === undefined) continue;
    where.push(value === null ? `${column} IS NULL` : `${column} = ?`);
    if (value !== null) args.push(value);
  }
  const scope = where.join(' AND ');
  const rows = await sql.read(
    `WITH scoped AS (SELECT refused, at FROM ${table} WHERE ${scope}),
          last AS (SELECT max(at) AS at FROM scoped WHERE refused = 0)
     SELECT (SELECT count(*) FROM scoped WHERE refused = 0) AS failures,
            (SELECT at FROM last) AS last_failure_at,
            (SELECT count(*) FROM scoped WHERE refused = 1 AND at >= coalesce((SELECT at FROM last), '')) AS refused`,
    args,
  );
  const row = rows[0];
  return {
    failures: Number(row?.failures ?? 0),
    lastFailureAt: row?.last_failure_at == null ? null : String(row.last_failure_at),
    refusedSinceFailure: Number(row?.refused ?? 0),
  };
}
