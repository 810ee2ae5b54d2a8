/** @module WHERE clauses of the list queries: a condition per filter given (`column = ?` for most), ANDed. */
import type { Row } from '@libsql/client';
import type { Sql } from './sql.ts';

/** A filter `column = value`; an undefined value filters nothing. */
export type EqualityFilter = readonly [column: string, value: string | number | undefined];

/** A condition and its arguments, or a falsy value where the query does not ask for it. */
export type Condition = readonly [sql: string, ...args: (string | number)[]] | false | '' | null | undefined;

/** The conditions the query asks for and their arguments, in order. */
export function conditions(list: readonly Condition[]): { where: string[]; args: (string | number)[] } {
  const where: string[] = [];
  const args: (string | number)[] = [];
  for (const condition of list) {
    if (!condition) continue;
    const [sql, ...values] = condition;
    where.push(sql);
    args.push(...values);
  }
  return { where, args };
}

/** `column = ?` with its value; nothing for an undefined value. */
export const equality = (...[column, value]: EqualityFilter): Condition =>
  value !== undefined && [`${column} = ?`, value];

/** The conditions (`column = ?`) and their arguments, in order, of the filters that have a value. */
export const equalityFilters = (filters: readonly EqualityFilter[]) =>
  conditions(filters.map((filter) => equality(...filter)));

/** `WHERE a AND b …`, or nothing without conditions. */
export const whereClause = (where: readonly string[]): string =>
  where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';

/**
 * The rows of `select` (`SELECT … FROM …`) that meet the conditions the query asks for, then `rest`
 * (ORDER BY, LIMIT) with its arguments `restArgs`.
 */
export function readWhere(
  sql: Pick<Sql, 'read'>,
  select: string,
  list: readonly Condition[],
  rest: string,
  restArgs: readonly (string | number)[] = [],
): Promise<Row[]> {
  const { where, args } = conditions(list);
  return sql.read(`${select} ${whereClause(where)} ${rest}`, [...args, ...restArgs]);
}
